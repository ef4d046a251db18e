import { Button, Table, Tag } from 'antd';
import type { I18n } from '../../i18n';
import { decCmp, fmtMoney, fmtPrice, fmtQty, isNumeric } from '../../lib/decimal';
import { ReportPage } from '../../reports/ReportPage';
import type { ReportDef } from '../../reports/types';

interface StockRow {
  productId: string;
  productCode: string;
  productName: string;
  spec: string | null;
  colour: string | null;
  size: string | null;
  baseUnit: string;
  warehouseId: string;
  warehouseName: string;
  qty: string;
  avgCost: string | null;
  value: string | null;
  minStock: string | null;
  maxStock: string | null;
}

interface StockPage {
  items: StockRow[];
  total: number;
  totals: { qty: string; value: string | null };
}

const num = { align: 'right' as const, className: 'erp-num' };
const movesOf = (r: StockRow) => `/warehouse/moves?productId=${r.productId}&warehouseId=${r.warehouseId}`;

function level(r: StockRow, t: I18n['t']) {
  if (r.minStock && isNumeric(r.minStock) && decCmp(r.qty, r.minStock) < 0) return <Tag color="red">{t('stock.low')}</Tag>;
  if (r.maxStock && isNumeric(r.maxStock) && decCmp(r.maxStock, '0') > 0 && decCmp(r.qty, r.maxStock) > 0) return <Tag color="orange">{t('stock.high')}</Tag>;
  return null;
}

/** R2 库存查询: stock on hand per product and warehouse, with cost and value (stock:price). */
export const stockReport: ReportDef<StockRow, StockPage> = {
  key: 'stock',
  title: 'page.stockOnHand',
  endpoint: '/stock',
  filters: [
    { type: 'search', key: 'q', placeholder: 'stock.search' },
    { type: 'reference', key: 'productId', resource: 'products', placeholder: 'stock.product', testId: 'filter-product' },
    { type: 'reference', key: 'warehouseId', resource: 'warehouses', placeholder: 'stock.warehouse', width: 140, testId: 'filter-warehouse' },
    { type: 'check', key: 'nonZero', label: 'stock.nonZero', default: true, testId: 'filter-nonzero' },
  ],
  paging: { sizes: [50, 100, 200, 500] },
  rows: (d) => d.items,
  rowKey: (r) => `${r.productId}:${r.warehouseId}`,
  sticky: true,
  export: { path: '/stock/export', permission: 'stock:export' },
  refreshTestId: 'btn-refresh',
  onRow: (r, { navigate }) => ({ onClick: () => navigate(movesOf(r)), 'data-testid': `stock-${r.productCode}` }),
  columns: ({ data, i18n: { t }, navigate }) => {
    const seePrices = data?.totals.value != null;
    return [
      { title: t('line.code'), dataIndex: 'productCode', width: 130 },
      { title: t('line.name'), dataIndex: 'productName', width: 160 },
      { title: t('line.spec'), dataIndex: 'spec', width: 100 },
      { title: t('line.colour'), dataIndex: 'colour', width: 64 },
      { title: t('line.size'), dataIndex: 'size', width: 90 },
      { title: t('stock.warehouse'), dataIndex: 'warehouseName', width: 90 },
      { title: t('stock.qty'), dataIndex: 'qty', width: 100, ...num, render: (v: string) => <span data-testid="stock-qty">{fmtQty(v)}</span> },
      { title: t('stock.unit'), dataIndex: 'baseUnit', width: 56 },
      ...(seePrices
        ? [
            { title: t('stock.avgCost'), dataIndex: 'avgCost', width: 100, ...num, render: (v: string | null) => fmtPrice(v) },
            { title: t('stock.value'), dataIndex: 'value', width: 120, ...num, render: (v: string | null) => fmtMoney(v) },
          ]
        : []),
      { title: '', key: 'level', width: 80, render: (_v: unknown, r: StockRow) => level(r, t) },
      {
        title: '',
        key: 'moves',
        width: 60,
        render: (_v: unknown, r: StockRow) => (
          <Button type="link" size="small" onClick={() => navigate(movesOf(r))}>
            {t('stock.viewMoves')}
          </Button>
        ),
      },
    ];
  },
  summary: ({ data, i18n: { t } }) =>
    data ? (
      <Table.Summary fixed>
        <Table.Summary.Row className="erp-summary">
          <Table.Summary.Cell index={0} colSpan={6}>
            {t('stock.totals')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">
            <b data-testid="stock-total-qty">{fmtQty(data.totals.qty)}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={7} />
          {data.totals.value != null ? (
            <>
              <Table.Summary.Cell index={8} />
              <Table.Summary.Cell index={9} align="right">
                <b data-testid="stock-total-value">{fmtMoney(data.totals.value)}</b>
              </Table.Summary.Cell>
            </>
          ) : null}
          <Table.Summary.Cell index={10} colSpan={2} />
        </Table.Summary.Row>
      </Table.Summary>
    ) : null,
};

export default function StockPage() {
  return <ReportPage def={stockReport} />;
}
