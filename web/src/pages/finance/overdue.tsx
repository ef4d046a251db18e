import { Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { decSum, fmtMoney } from '../../lib/decimal';
import { ReportPage } from '../../reports/ReportPage';
import type { ReportDef } from '../../reports/types';

interface OverdueRow {
  documentId: string;
  number: string;
  date: string;
  dueDate: string;
  daysOverdue: number;
  open: string;
  customerId: string;
  customerName: string;
  phone: string | null;
  paymentTerm: 'cash' | 'credit';
  salespersonName: string | null;
}

/** 逾期未回款 (S8): receivables past due, cash customers first, to chase. */
export const overdueReport: ReportDef<OverdueRow, { asOf: string; items: OverdueRow[] }> = {
  key: 'overdue',
  title: 'page.overdue',
  endpoint: '/receivables/overdue',
  filters: [
    { type: 'date', key: 'date', label: 'overdue.asOf', default: () => dayjs().format('YYYY-MM-DD') },
    {
      type: 'choice',
      key: 'paymentTerm',
      options: [
        { value: '', label: 'overdue.all' },
        { value: 'cash', label: 'overdue.cash' },
        { value: 'credit', label: 'overdue.credit' },
      ],
    },
  ],
  rows: (d) => d.items,
  rowKey: 'documentId',
  tableTestId: 'overdue-table',
  figures: ({ data, i18n: { t } }) => (
    <b data-testid="overdue-total">
      {t('overdue.open')} {fmtMoney(decSum((data?.items ?? []).map((i) => i.open)))}
    </b>
  ),
  columns: ({ i18n: { t } }) => [
    {
      title: t('doc.customer'),
      dataIndex: 'customerName',
      render: (v: string, r) => <Link to={`/finance/customer-accounts?customerId=${r.customerId}`}>{v}</Link>,
    },
    {
      title: t('overdue.term'),
      dataIndex: 'paymentTerm',
      width: 80,
      render: (v: string) => <Tag color={v === 'cash' ? 'red' : 'orange'}>{t(v === 'cash' ? 'overdue.cash' : 'overdue.credit')}</Tag>,
    },
    { title: t('overdue.phone'), dataIndex: 'phone', width: 130 },
    { title: t('overdue.salesperson'), dataIndex: 'salespersonName', width: 90 },
    { title: t('doc.number'), dataIndex: 'number', width: 160, render: (v: string, r) => <Link to={`/sales/deliveries/${r.documentId}`}>{v}</Link> },
    { title: t('doc.date'), dataIndex: 'date', width: 100 },
    { title: t('overdue.dueDate'), dataIndex: 'dueDate', width: 100 },
    {
      title: t('overdue.days'),
      dataIndex: 'daysOverdue',
      width: 90,
      align: 'right',
      render: (v: number) => <span className={v > 30 ? 'erp-neg' : undefined}>{v}</span>,
    },
    { title: t('overdue.open'), dataIndex: 'open', width: 120, align: 'right', render: (v: string) => <b>{fmtMoney(v)}</b> },
  ],
};

export default function OverduePage() {
  return <ReportPage def={overdueReport} />;
}
