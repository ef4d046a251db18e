import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { ReactNode } from 'react';
import type { Row } from '../api/types';
import type { LocalText, MsgKey } from '../i18n';

/**
 * How a field is entered and shown.
 * - text / textarea / password: strings
 * - decimal: money, price, qty, ratio — a string in the form AND on the wire ("12.50")
 * - int: whole numbers (paymentDays…), typed as text, sent as a JSON number
 * - date: a calendar date, "YYYY-MM-DD" in the form and on the wire
 * - bool: a switch; select: one of `options`
 * - reference: the id of a row of another resource (`ref`), `multiple` for id arrays
 * - subtable: an editable array of rows described by `columns` (product units; later
 *   document lines)
 * - custom: rendered by `render` (e.g. the role permission grid)
 */
export type FieldType = 'text' | 'textarea' | 'password' | 'decimal' | 'int' | 'date' | 'bool' | 'select' | 'reference' | 'subtable' | 'custom';

export interface SelectOption {
  value: string;
  label: LocalText;
  /** antd Tag colour for list cells */
  color?: string;
}

export type FormMode = 'create' | 'edit';

export interface CustomFieldProps {
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
  mode: FormMode;
  form: FormInstance;
  /** In a sub-table: the row's index and its name path (e.g. ['lines', 3]), for cells that set their siblings. */
  index?: number;
  path?: NamePath;
}

export interface FieldDef {
  /** API field name; also the input's id and name (#code, #name) */
  name: string;
  label: LocalText;
  type: FieldType;
  /** true = always required; 'create' = only when creating (passwords) */
  required?: boolean | 'create';
  /**
   * Show as a list column; 'optional' = offered in the list's 列设置 (column chooser) but
   * hidden until the user turns it on (keeps wide lists within the screen).
   */
  list?: boolean | 'optional';
  /** A shorter list column title (the form keeps `label`). */
  listLabel?: LocalText;
  /** Column width in px. */
  width?: number;
  /** The server can sort the list by this field. */
  sortable?: boolean;
  /** Include in the form (default true). Read-only display columns set false. */
  form?: boolean;
  /** Only in the create form (e.g. a password that is set once). */
  createOnly?: boolean;
  /** Shown but not editable. */
  readOnly?: boolean;
  /** Offer as a list filter (select, bool and reference fields). */
  filter?: boolean;
  /** select options */
  options?: SelectOption[];
  /** reference: key of the referenced resource in the registry (e.g. 'employees') */
  ref?: string;
  /** reference: an array of ids */
  multiple?: boolean;
  /** list: the row field holding a ready display text for a reference (categoryName) */
  display?: string;
  /** decimal: most digits after the point (default 6); signed allows a minus sign */
  scale?: number;
  signed?: boolean;
  /** decimal display: keep at least this many decimals when trimming padding zeros (default 0) */
  minScale?: number;
  /** value preset in the create form */
  defaultValue?: unknown;
  minLength?: number;
  maxLength?: number;
  /** Take the whole form row instead of one column. */
  wide?: boolean;
  /** Hidden (list and form) unless the user holds this permission, e.g. 'products:price'. */
  permission?: string;
  /** Label used in the edit form instead of `label` (e.g. "new password"). */
  editLabel?: LocalText;
  placeholder?: LocalText;
  /** subtable columns */
  columns?: FieldDef[];
  /** custom input */
  render?: (props: CustomFieldProps) => ReactNode;
  /** Enter navigation skips this field's inputs (large checkbox grids). */
  enterSkip?: boolean;
  /**
   * custom list cell; in a sub-table also the display of a read-only column (computed
   * figures such as a line amount) and of every column when the whole table is read-only
   */
  cell?: (value: unknown, row: Row) => ReactNode;
  /** Extra check of a filled value: an i18n key of the error, or null when fine. */
  check?: (value: unknown) => MsgKey | null;
  /** Sub-table cell alignment. */
  align?: 'left' | 'right' | 'center';
  /**
   * subtable: keep one empty row at the end — when the last row counts as filled,
   * a new one is appended (document lines: "filled" = a product was chosen).
   */
  autoRow?: (row: Record<string, unknown>) => boolean;
  /** subtable: the values of a new row, given the rows so far (e.g. the tax rate of the line above). */
  newRow?: (rows: Record<string, unknown>[]) => Record<string, unknown>;
  /** subtable: rows come from elsewhere and cannot be added by hand (they may be removed). */
  fixedRows?: boolean;
  /** subtable: whether a row may be removed (default: yes). */
  rowRemovable?: (row: Record<string, unknown>) => boolean;
}

/** Everything the generic list page + form need to know about one resource. */
export interface ResourceDef {
  /** URL segment under /api/v1 and registry key, e.g. 'products' */
  key: string;
  /** Resource name in permissions ("products" in "products:view"); defaults to key. */
  permission?: string;
  /** Menu / page title */
  title: MsgKey;
  /** Singular noun used in "新增{res}" form titles */
  noun: LocalText;
  fields: FieldDef[];
  /** Text for confirmations and reference selects; defaults to "code name". */
  rowLabel?: (row: Row) => string;
  /** Drawer width in px (default 720) */
  formWidth?: number;
  /** Columns per form row (default 2) */
  formColumns?: 1 | 2 | 3;
  /** List sort when the user has not chosen one, e.g. 'code' */
  defaultSort?: string;
  searchPlaceholder?: LocalText;
  /** Last chance to adjust the request body (after the generic normalisation). */
  toBody?: (body: Record<string, unknown>, mode: FormMode) => Record<string, unknown>;
  /** The list offers 导出Excel (default true). */
  exportable?: boolean;
  /** The list offers 导入Excel and 下载模板 (default true). */
  importable?: boolean;
  /** Extra per-row buttons in the list (unlock a user; audit a document). */
  rowActions?: RowAction[];
  /** The list has the 启用/停用 filter, column and buttons (default true; documents: false). */
  activeFilter?: boolean;
  /** The list filters by a date range (sent as from / to). */
  dateFilter?: boolean;
  /**
   * Rows open on pages of their own (documents) instead of the drawer form:
   * 新增 goes to `newPath`, a row to `rowPath(row)`.
   */
  pages?: { newPath: string; rowPath: (row: Row) => string };
}

/** A per-row list action: a confirmed request against the row. */
export interface RowAction {
  key: string;
  label: LocalText;
  /** shown only when the user holds it, e.g. 'users:edit' */
  permission?: string;
  visible?: (row: Row) => boolean;
  /** confirmation question; "{name}" is replaced by the row label */
  confirm?: LocalText;
  /** the request: method, path under the row ('' = the row itself, 'audit' = /{id}/audit), body */
  request?: (row: Row) => { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path?: string; json?: unknown };
  /** instead of a request: run this (open a print view…) */
  run?: (row: Row) => void;
  /** message after success */
  done?: LocalText;
  danger?: boolean;
}
