import { Statistic, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { fmtMoney } from '../../lib/decimal';
import { ReportPage } from '../../reports/ReportPage';
import type { ReportDef } from '../../reports/types';

interface CodRow {
  id: string;
  number: string;
  date: string;
  customerName: string;
  vehicle: string;
  driverName: string | null;
  status: string;
  statusName: string;
  /** null without sales-deliveries:price (X4) */
  amountToCollect: string | null;
  held: string | null;
}

// X4 the amounts are the delivery notes' money: shown only with sales-deliveries:price
const PRICE = 'sales-deliveries:price';

/** 司机未交款 (S6): deliveries by company vehicle whose money is not yet with the cashier. */
export const codOutstandingReport: ReportDef<CodRow, { items: CodRow[]; heldByDrivers: string | null }> = {
  key: 'cod-outstanding',
  title: 'page.codOutstanding',
  endpoint: '/cod/outstanding',
  filters: [],
  rows: (d) => d.items,
  rowKey: 'id',
  tableTestId: 'cod-table',
  emptyText: 'cod.none',
  refreshTestId: 'btn-refresh',
  figures: ({ data, i18n: { t }, can }) =>
    can(PRICE) ? (
      <Statistic
        title={t('cod.heldByDrivers')}
        value={fmtMoney(data?.heldByDrivers ?? '0')}
        data-testid="cod-held"
        loading={!data}
        styles={{ content: { fontSize: 18, color: '#cf1322' } }}
      />
    ) : null,
  columns: ({ i18n: { t }, can }) => [
    { title: t('doc.number'), dataIndex: 'number', width: 160, render: (v: string, r) => <Link to={`/sales/deliveries/${r.id}`}>{v}</Link> },
    { title: t('doc.date'), dataIndex: 'date', width: 100 },
    { title: t('doc.customer'), dataIndex: 'customerName' },
    { title: t('cod.vehicle'), dataIndex: 'vehicle', width: 140 },
    { title: t('cod.driver'), dataIndex: 'driverName', width: 100 },
    {
      title: t('complaint.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => <Tag color={v === 'collected' ? 'red' : 'processing'}>{t(`cod.${v}` as 'cod.waiting')}</Tag>,
    },
    ...(can(PRICE)
      ? [
          { title: t('cod.amountToCollect'), dataIndex: 'amountToCollect', width: 120, align: 'right' as const, render: (v: string | null) => fmtMoney(v) },
          { title: t('cod.heldByDrivers'), dataIndex: 'held', width: 140, align: 'right' as const, render: (v: string | null) => <b>{fmtMoney(v)}</b> },
        ]
      : []),
  ],
};

export default function CodOutstandingPage() {
  return <ReportPage def={codOutstandingReport} />;
}
