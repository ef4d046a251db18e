import { DocNumberLink } from '../../documents/DocNumberLink';
import { kindName } from '../../documents/kinds';
import { fmtMoney, fmtQty } from '../../lib/decimal';
import { ReportPage } from '../../reports/ReportPage';
import type { ReportDef } from '../../reports/types';

interface MoveRow {
  id: string;
  date: string;
  number: string;
  kind: string;
  documentId: string;
  productCode: string;
  productName: string;
  warehouseName: string;
  inQty: string | null;
  outQty: string | null;
  cost: string | null;
  balanceQty: string;
  balanceValue: string | null;
  reversal: boolean;
}

const num = { align: 'right' as const, className: 'erp-num' };

/** R2 库存流水: every stock move of a product / warehouse / date range, with the balance after it. */
export const stockMovesReport: ReportDef<MoveRow, { items: MoveRow[]; total: number }> = {
  key: 'stock-moves',
  title: 'page.stockLedger',
  endpoint: '/stock/moves',
  // 库存查询 links here with ?productId=&warehouseId=
  urlFilters: true,
  filters: [
    { type: 'reference', key: 'productId', resource: 'products', placeholder: 'stock.product', width: 240, testId: 'filter-product' },
    { type: 'reference', key: 'warehouseId', resource: 'warehouses', placeholder: 'stock.warehouse', width: 140, testId: 'filter-warehouse' },
    { type: 'range', from: 'from', to: 'to' },
  ],
  paging: { sizes: [100, 200, 500] },
  rows: (d) => d.items,
  rowKey: 'id',
  sticky: true,
  export: { path: '/stock/moves/export', permission: 'stock:export' },
  columns: ({ data, i18n: { t } }) => {
    // without stock:price the server sends no cost or value
    const seePrices = (data?.items ?? []).some((r) => r.balanceValue != null);
    return [
      { title: t('doc.date'), dataIndex: 'date', width: 96 },
      {
        title: t('doc.number'),
        dataIndex: 'number',
        width: 150,
        render: (v: string | undefined, r) => <DocNumberLink kind={r.kind} documentId={r.documentId} number={v} />,
      },
      {
        title: t('moves.kind'),
        dataIndex: 'kind',
        width: 110,
        render: (v: string, r) => {
          const k = kindName(v);
          return `${k ? t(k) : v}${r.reversal ? t('moves.reversal') : ''}`;
        },
      },
      { title: t('line.code'), dataIndex: 'productCode', width: 120 },
      { title: t('line.name'), dataIndex: 'productName', width: 140 },
      { title: t('stock.warehouse'), dataIndex: 'warehouseName', width: 90 },
      { title: t('moves.in'), dataIndex: 'inQty', width: 90, ...num, render: (v: string | null) => fmtQty(v) },
      { title: t('moves.out'), dataIndex: 'outQty', width: 90, ...num, render: (v: string | null) => fmtQty(v) },
      ...(seePrices ? [{ title: t('moves.cost'), dataIndex: 'cost', width: 110, ...num, render: (v: string | null) => fmtMoney(v) }] : []),
      { title: t('moves.balanceQty'), dataIndex: 'balanceQty', width: 100, ...num, render: (v: string) => fmtQty(v) },
      ...(seePrices ? [{ title: t('moves.balanceValue'), dataIndex: 'balanceValue', width: 120, ...num, render: (v: string | null) => fmtMoney(v) }] : []),
    ];
  },
};

export default function StockMovesPage() {
  return <ReportPage def={stockMovesReport} />;
}
