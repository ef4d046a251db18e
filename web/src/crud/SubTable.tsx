import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { Button, Form, Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type ReactNode, useEffect } from 'react';
import type { Row } from '../api/types';
import { useSession } from '../app/session';
import { type I18n, useI18n } from '../i18n';
import { groupThousands, trimDecimal } from '../lib/decimal';
import { FieldInput } from './FieldInput';
import { ReferenceLabel } from './ReferenceSelect';
import { fieldRules } from './rules';
import type { FieldDef, FormMode } from './types';

interface Props {
  field: FieldDef;
  mode: FormMode;
  form: FormInstance;
  /** The whole table is read-only (an audited document): cells show text, rows cannot be added or removed. */
  readOnly?: boolean;
  /** Shown under the table (document totals). */
  footer?: ReactNode;
}

type Line = Record<string, unknown>;

/** The text of a cell that is not edited. */
function displayValue(c: FieldDef, v: unknown, row: Line, i18n: I18n): ReactNode {
  if (c.cell) return c.cell(v, row as Row);
  if (v === null || v === undefined || v === '') return null;
  switch (c.type) {
    case 'decimal':
      return groupThousands(trimDecimal(String(v), c.minScale ?? 0));
    case 'bool':
      return v ? i18n.t('common.yes') : i18n.t('common.no');
    case 'select': {
      const o = c.options?.find((x) => x.value === v);
      return o ? i18n.tl(o.label) : String(v);
    }
    case 'reference':
      return <ReferenceLabel resource={c.ref ?? ''} id={String(v)} />;
    default:
      return String(v);
  }
}

/**
 * An editable array field (product units; document lines).
 * Cells are Form.Items, so their ids are `<field>_<row>_<column>` (e.g. #units_0_ratio,
 * #lines_2_qty) and each cell is validated like a top-level field. Read-only columns
 * (computed figures) render `cell(value, row)` and follow every change of the row.
 * With `autoRow` the table keeps one empty row at the end, so a clerk never reaches
 * for the mouse to start the next line.
 */
export function SubTable({ field, mode, form, readOnly, footer }: Props) {
  const i18n = useI18n();
  const { t, tl } = i18n;
  const { can } = useSession();
  const columns = (field.columns ?? []).filter((c) => can(c.permission));
  const blank = (rows: Line[]): Line => ({
    ...Object.fromEntries(columns.filter((c) => !c.readOnly).map((c) => [c.name, c.defaultValue ?? (c.type === 'bool' ? false : '')])),
    ...(field.newRow ? field.newRow(rows) : {}),
  });

  const watched = Form.useWatch(field.name, { form, preserve: true }) as Line[] | undefined;
  const autoRow = readOnly ? undefined : field.autoRow;
  // biome-ignore lint/correctness/useExhaustiveDependencies: blank() is rebuilt each render; the rows are what matter
  useEffect(() => {
    if (!autoRow) return;
    const rows = (form.getFieldValue(field.name) as Line[] | undefined) ?? [];
    const last = rows[rows.length - 1];
    if (!last || autoRow(last)) form.setFieldValue(field.name, [...rows, blank(rows)]);
  }, [watched, autoRow, form, field.name]);

  const rowOf = (index: number): Line => (form.getFieldValue([field.name, index]) as Line | undefined) ?? {};

  return (
    <Form.List name={field.name}>
      {(rows, { add, remove }) => {
        const tableColumns: ColumnType<(typeof rows)[number]>[] = [
          { title: '#', key: '_no', width: 36, align: 'center', render: (_v, _r, i) => i + 1 },
          ...columns.map(
            (c): ColumnType<(typeof rows)[number]> => ({
              // the required mark is part of the title: antd draws its column divider with th::before
              title: c.required && !readOnly && !c.readOnly ? <span className="erp-required">{tl(c.label)}</span> : tl(c.label),
              key: c.name,
              // read-only (an audited document, a 查看 form): the browser sizes the columns to fit
              width: readOnly ? undefined : c.width,
              // cells only: the titles are centred (styles.css), so a right-aligned number title
              // never runs into the next one ("换算率条码")
              onCell: () => {
                const align = c.align ?? (c.type === 'decimal' || c.type === 'int' ? 'right' : undefined);
                return align ? { style: { textAlign: align } } : {};
              },
              render: (_v: unknown, r: (typeof rows)[number]) => {
                if (readOnly || c.readOnly) {
                  return (
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const row = rowOf(r.name);
                        return <span className="erp-cell-text">{displayValue(c, row[c.name], row, i18n)}</span>;
                      }}
                    </Form.Item>
                  );
                }
                const input = (
                  <Form.Item name={[r.name, c.name]} rules={fieldRules(c, mode, i18n)} style={{ margin: 0 }}>
                    <FieldInput field={c} mode={mode} form={form} index={r.name} path={[field.name, r.name]} />
                  </Form.Item>
                );
                return c.enterSkip && c.type !== 'custom' ? <div data-enter-skip="">{input}</div> : input;
              },
            }),
          ),
        ];
        if (!readOnly) {
          tableColumns.push({
            title: '',
            key: '_remove',
            width: 32,
            // always in reach, even when a wide grid scrolls sideways
            fixed: 'right',
            render: (_v: unknown, r: (typeof rows)[number]) =>
              field.rowRemovable && !field.rowRemovable(rowOf(r.name)) ? null : (
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
          });
        }
        const addButton =
          readOnly || autoRow || field.fixedRows ? null : (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              data-testid={`btn-${field.name}-add`}
              onClick={() => {
                const current = (form.getFieldValue(field.name) as Line[] | undefined) ?? [];
                add(blank(current));
                // focus the first cell of the new row
                const index = current.length;
                const first = columns.find((c) => !c.readOnly);
                setTimeout(() => document.getElementById(`${field.name}_${index}_${first?.name ?? ''}`)?.focus(), 0);
              }}
            >
              {t('common.addRow')}
            </Button>
          );
        // No rows (a product without alternate units): a line of text and the add button, not an empty grid.
        if (rows.length === 0) {
          return (
            <div data-subtable={field.name} className="erp-subtable">
              <div className="erp-subtable-empty" data-testid={`${field.name}-empty`}>
                <span>{t('common.noRowsOf', { label: tl(field.label) })}</span>
                {addButton}
              </div>
              {footer}
            </div>
          );
        }
        return (
          <div data-subtable={field.name} className="erp-subtable">
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey="key"
              dataSource={rows}
              columns={tableColumns}
              scroll={readOnly ? undefined : { x: 'max-content' }}
              tableLayout={readOnly ? 'auto' : undefined}
            />
            {addButton ? <div className="erp-subtable-add">{addButton}</div> : null}
            {footer}
          </div>
        );
      }}
    </Form.List>
  );
}
