import { Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { Row } from '../api/types';
import type { I18n } from '../i18n';
import { groupThousands, trimDecimal } from '../lib/decimal';
import { ReferenceLabel } from './ReferenceSelect';
import type { FieldDef } from './types';

/** The list cell for one field definition. */
export function renderCell(field: FieldDef, value: unknown, row: Row, i18n: I18n) {
  if (field.cell) return field.cell(value, row);
  if (value === null || value === undefined || value === '') {
    if (field.type === 'reference' && field.display && row[field.display]) return String(row[field.display]);
    return null;
  }
  switch (field.type) {
    case 'bool':
      return value ? i18n.t('common.yes') : i18n.t('common.no');
    case 'select': {
      const o = field.options?.find((x) => x.value === value);
      return o ? <Tag color={o.color}>{i18n.tl(o.label)}</Tag> : String(value);
    }
    case 'reference': {
      if (field.display && row[field.display] != null) {
        const d = row[field.display];
        return Array.isArray(d) ? d.join('、') : String(d);
      }
      const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
      return ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? '、' : null}
          <ReferenceLabel resource={field.ref ?? ''} id={id} />
        </span>
      ));
    }
    case 'subtable':
      return Array.isArray(value) ? value.length : null;
    case 'password':
      return null;
    case 'decimal':
      return groupThousands(trimDecimal(String(value), field.minScale ?? 0));
    default:
      return String(value);
  }
}

export function fieldColumn(field: FieldDef, i18n: I18n, sort: string | undefined): ColumnType<Row> {
  const numeric = field.type === 'decimal' || field.type === 'int';
  const order = sort === field.name ? 'ascend' : sort === `-${field.name}` ? 'descend' : null;
  return {
    key: field.name,
    dataIndex: field.name,
    title: i18n.tl(field.label),
    width: field.width,
    align: numeric ? 'right' : undefined,
    ellipsis: field.type === 'text' || field.type === 'textarea' || field.type === 'reference',
    sorter: field.sortable ? true : undefined,
    sortOrder: field.sortable ? order : undefined,
    render: (v: unknown, row: Row) => renderCell(field, v, row, i18n),
    className: numeric ? 'erp-num' : undefined,
  };
}
