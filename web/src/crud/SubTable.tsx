import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { Button, Form, Table } from 'antd';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { FieldInput } from './FieldInput';
import { fieldRules } from './rules';
import type { FieldDef, FormMode } from './types';

interface Props {
  field: FieldDef;
  mode: FormMode;
  form: FormInstance;
}

/**
 * An editable array field (product units today, document lines tomorrow).
 * Cells are Form.Items, so their ids are `<field>_<row>_<column>` (e.g. #units_0_ratio)
 * and each cell is validated like a top-level field.
 */
export function SubTable({ field, mode, form }: Props) {
  const i18n = useI18n();
  const { t, tl } = i18n;
  const { can } = useSession();
  const columns = (field.columns ?? []).filter((c) => can(c.permission));
  const blank = () => Object.fromEntries(columns.map((c) => [c.name, c.defaultValue ?? (c.type === 'bool' ? false : '')]));

  return (
    <Form.List name={field.name}>
      {(rows, { add, remove }) => (
        <div data-subtable={field.name}>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            dataSource={rows}
            locale={{ emptyText: ' ' }}
            columns={[
              { title: '#', width: 36, align: 'center', render: (_v, _r, i) => i + 1 },
              ...columns.map((c) => ({
                title: tl(c.label),
                key: c.name,
                width: c.width,
                onHeaderCell: () => ({ className: c.required ? 'erp-required' : undefined }),
                render: (_v: unknown, r: (typeof rows)[number]) => (
                  <Form.Item name={[r.name, c.name]} rules={fieldRules(c, mode, i18n)} style={{ margin: 0 }}>
                    <FieldInput field={c} mode={mode} form={form} />
                  </Form.Item>
                ),
              })),
              {
                title: '',
                width: 36,
                render: (_v: unknown, r: (typeof rows)[number]) => (
                  <Button
                    type="text"
                    size="small"
                    danger
                    tabIndex={-1}
                    icon={<DeleteOutlined />}
                    aria-label={t('common.deleteRow')}
                    title={t('common.deleteRow')}
                    data-testid={`btn-${field.name}-remove-${r.name}`}
                    onClick={() => remove(r.name)}
                  />
                ),
              },
            ]}
          />
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 4 }}
            data-testid={`btn-${field.name}-add`}
            onClick={() => {
              add(blank());
              // focus the first cell of the new row
              const index = (form.getFieldValue(field.name) as unknown[] | undefined)?.length ?? 1;
              setTimeout(() => document.getElementById(`${field.name}_${index - 1}_${columns[0]?.name ?? ''}`)?.focus(), 0);
            }}
          >
            {t('common.addRow')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
