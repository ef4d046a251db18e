import type { FieldDef, SelectOption } from '../crud/types';
import type { LocalText } from '../i18n';

/** A {zh, en} label. */
export const L = (zh: string, en: string): LocalText => ({ zh, en });

export const codeField = (extra: Partial<FieldDef> = {}): FieldDef => ({
  name: 'code',
  label: L('编码', 'Code'),
  type: 'text',
  required: true,
  list: true,
  sortable: true,
  width: 110,
  maxLength: 50,
  ...extra,
});

export const nameField = (extra: Partial<FieldDef> = {}): FieldDef => ({
  name: 'name',
  label: L('名称', 'Name'),
  type: 'text',
  required: true,
  list: true,
  sortable: true,
  width: 180,
  maxLength: 200,
  ...extra,
});

export const remarkField = (): FieldDef => ({
  name: 'remark',
  label: L('备注', 'Remark'),
  type: 'textarea',
  list: false,
  maxLength: 1000,
});

export const text = (name: string, label: LocalText, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'text',
  maxLength: 200,
  ...extra,
});

/** A decimal string field (prices 6 places by default; money usually 2). */
export const decimal = (name: string, label: LocalText, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'decimal',
  width: 90,
  ...extra,
});

export const opt = (value: string, zh: string, en: string, color?: string): SelectOption => ({
  value,
  label: L(zh, en),
  color,
});

/** Money (2 decimals) and unit prices (up to 4, shown with at least 2). */
export const money = (name: string, label: LocalText, extra: Partial<FieldDef> = {}): FieldDef =>
  decimal(name, label, { scale: 2, minScale: 2, width: 110, ...extra });
export const price = (name: string, label: LocalText, extra: Partial<FieldDef> = {}): FieldDef => decimal(name, label, { scale: 4, minScale: 2, ...extra });
/** Quantities (up to 4 decimals, shown without padding zeros). */
export const qty = (name: string, label: LocalText, extra: Partial<FieldDef> = {}): FieldDef => decimal(name, label, { scale: 4, ...extra });
