import type { TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import type { I18n, MsgKey } from '../i18n';

/** One control of a report's filter bar; its value goes to the endpoint as the query parameter `key`. */
export type ReportFilter =
  | { type: 'search'; key: string; placeholder: MsgKey; width?: number }
  | { type: 'reference'; key: string; resource: string; placeholder: MsgKey; width?: number; testId?: string }
  | { type: 'check'; key: string; label: MsgKey; default?: boolean; testId?: string }
  /** two parameters, `from` and `to`; either may be empty */
  | { type: 'range'; from: string; to: string }
  /** one date; `label` before it */
  | { type: 'date'; key: string; label?: MsgKey; default: () => string; testId?: string }
  | { type: 'choice'; key: string; options: { value: string; label: MsgKey }[]; default?: string; testId?: string };

/** The filter values as the endpoint reads them (absent = not filtered). */
export type ReportQuery = Record<string, string | undefined>;

/** What a report's columns, totals and rows are given. */
export interface ReportContext<D> {
  data: D | undefined;
  i18n: I18n;
  can: (permission: string) => boolean;
  navigate: (to: string) => void;
}

/**
 * A report page by declaration: its filters, endpoint, columns and export. The page draws
 * the filter bar (title, filters, export, refresh), the table, its paging and its totals.
 */
export interface ReportDef<R, D = { items: R[] }> {
  /** data-testid of the page: `page-${key}`; also the query key */
  key: string;
  title: MsgKey;
  endpoint: string;
  filters: ReportFilter[];
  /** the filters live in the URL (a link may open the report filtered) */
  urlFilters?: boolean;
  /** server paging: page and pageSize are sent, the answer has `total` */
  paging?: { sizes: number[] };
  rows: (data: D) => R[];
  rowKey: TableProps<R>['rowKey'];
  columns: (ctx: ReportContext<D>) => ColumnsType<R>;
  /** beside the export button (a total to chase, a figure) */
  figures?: (ctx: ReportContext<D>) => ReactNode;
  /** between the filter bar and the table (a chart) */
  above?: (ctx: ReportContext<D>) => ReactNode;
  /** the table's 合计 row */
  summary?: (ctx: ReportContext<D>) => ReactNode;
  /** Excel of the same filters */
  export?: { path: string; permission: string; testId?: string };
  /** refresh button's test id (none: no test id) */
  refreshTestId?: string;
  tableTestId?: string;
  emptyText?: MsgKey;
  /** a row's attributes (a click that opens something, a test id) */
  onRow?: (row: R, ctx: ReportContext<D>) => HTMLAttributes<HTMLElement> & { 'data-testid'?: string };
  sticky?: boolean;
}
