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

/**
 * Rough rendered width of a text in the UI font (13 px): CJK and full-width characters
 * about 13 px, Latin letters and digits about 7.5 px. Used to keep column titles and
 * filter placeholders on one line without measuring the DOM.
 */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef) ? 13 : /[A-Z]/.test(ch) ? 8.5 : /[ilj.,:;'!|() ]/.test(ch) ? 4 : 7.2;
  }
  return Math.ceil(w);
}

/** The width a column needs for its title on one line: text, cell padding, sorter icon. */
export function headerWidth(title: string, sortable: boolean): number {
  return textWidth(title) + 18 + (sortable ? 22 : 0);
}

export function fieldColumn(field: FieldDef, i18n: I18n, sort: string | undefined): ColumnType<Row> {
  const numeric = field.type === 'decimal' || field.type === 'int';
  const order = sort === field.name ? 'ascend' : sort === `-${field.name}` ? 'descend' : null;
  const title = i18n.tl(field.listLabel ?? field.label);
  return {
    key: field.name,
    dataIndex: field.name,
    title,
    width: field.width ? Math.max(field.width, headerWidth(title, !!field.sortable)) : undefined,
    align: numeric ? 'right' : undefined,
    ellipsis: field.type === 'text' || field.type === 'textarea' || field.type === 'reference' || field.type === 'date',
    sorter: field.sortable ? true : undefined,
    sortOrder: field.sortable ? order : undefined,
    render: (v: unknown, row: Row) => renderCell(field, v, row, i18n),
    className: numeric ? 'erp-num' : undefined,
  };
}
