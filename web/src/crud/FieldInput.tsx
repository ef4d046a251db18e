import type { FormInstance } from 'antd';
import { DatePicker, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n';
import { ReferenceSelect } from './ReferenceSelect';
import type { FieldDef, FormMode } from './types';

interface Props {
  field: FieldDef;
  mode: FormMode;
  form: FormInstance;
  /** injected by Form.Item */
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
  /** the row being edited (to exclude itself from a parent select) */
  rowId?: string;
  /** in a sub-table: the row index and path, handed to custom cells */
  index?: number;
  path?: (string | number)[];
}

const right = { textAlign: 'right' } as const;

/** The input for one field definition. Form.Item passes id/value/onChange. */
export function FieldInput({ field, mode, form, id, value, onChange, rowId, index, path }: Props) {
  const { t, tl } = useI18n();
  const placeholder = field.placeholder ? tl(field.placeholder) : undefined;
  const disabled = field.readOnly;
  const str = value == null ? '' : String(value);
  const common = { id, name: field.name, disabled, placeholder };

  switch (field.type) {
    case 'text':
      return <Input {...common} value={str} onChange={(e) => onChange?.(e.target.value)} maxLength={field.maxLength} autoComplete="off" />;
    case 'password':
      return <Input.Password {...common} value={str} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" />;
    case 'textarea':
      return (
        <Input.TextArea
          {...common}
          value={str}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={field.maxLength}
        />
      );
    case 'decimal':
    case 'int':
      return (
        <Input
          {...common}
          value={str}
          onChange={(e) => onChange?.(e.target.value)}
          inputMode={field.type === 'int' ? 'numeric' : 'decimal'}
          style={right}
          autoComplete="off"
        />
      );
    case 'date':
      return <DateInput id={id} value={str} onChange={(v) => onChange?.(v)} disabled={disabled} placeholder={placeholder} />;
    case 'bool':
      return (
        <Switch
          id={id}
          disabled={disabled}
          checked={!!value}
          onChange={(v) => onChange?.(v)}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          disabled={disabled}
          value={value ?? null}
          onChange={(v) => onChange?.(v ?? null)}
          allowClear={!field.required}
          placeholder={placeholder ?? t('common.select')}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: tl(o.label) }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    case 'reference':
      return (
        <ReferenceSelect
          id={id}
          name={field.name}
          resource={field.ref ?? ''}
          multiple={field.multiple}
          disabled={disabled}
          placeholder={placeholder}
          value={value as string | string[] | null}
          onChange={(v) => onChange?.(v)}
          excludeId={field.ref && rowId ? rowId : undefined}
        />
      );
    // subtable fields are laid out by the form itself (crud/SubTable.tsx)
    case 'custom':
      if (field.enterSkip) return <div data-enter-skip="">{field.render?.({ value, onChange, id, mode, form, index, path })}</div>;
      return field.render?.({ value, onChange, id, mode, form, index, path }) ?? null;
    default:
      return null;
  }
}

/** A date picker whose value is the "YYYY-MM-DD" text the API uses ('' = none). */
export function DateInput({
  id,
  value,
  onChange,
  disabled,
  placeholder,
  allowClear = true,
  style,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string) => void;
  disabled?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const d = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      value={d?.isValid() ? d : null}
      onChange={(v) => onChange?.(v ? v.format('YYYY-MM-DD') : '')}
      disabled={disabled}
      placeholder={placeholder}
      allowClear={allowClear}
      format="YYYY-MM-DD"
      style={{ width: '100%', ...style }}
    />
  );
}
