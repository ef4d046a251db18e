import { useQuery } from '@tanstack/react-query';
import { DatePicker, Radio, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useI18n } from '../../i18n';
import { decSum, fmtMoney } from '../../lib/decimal';

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
export default function OverduePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [term, setTerm] = useState<string>('');
  const q = useQuery({
    queryKey: ['overdue', date, term],
    queryFn: () => api<{ asOf: string; items: OverdueRow[] }>('/receivables/overdue', { query: { date, ...(term ? { paymentTerm: term } : {}) } }),
    staleTime: 0,
  });
  const items = q.data?.items ?? [];
  return (
    <div className="erp-page" data-testid="page-overdue">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.overdue')}
        </Typography.Title>
        <span>{t('overdue.asOf')}</span>
        <DatePicker value={dayjs(date)} allowClear={false} onChange={(v) => v && setDate(v.format('YYYY-MM-DD'))} />
        <Radio.Group
          value={term}
          onChange={(e) => setTerm(e.target.value as string)}
          optionType="button"
          options={[
            { value: '', label: t('overdue.all') },
            { value: 'cash', label: t('overdue.cash') },
            { value: 'credit', label: t('overdue.credit') },
          ]}
        />
        <div style={{ flex: 1 }} />
        <b data-testid="overdue-total">
          {t('overdue.open')} {fmtMoney(decSum(items.map((i) => i.open)))}
        </b>
      </div>
      {q.isError ? <Typography.Text type="danger">{errorText(q.error, i18n)}</Typography.Text> : null}
      <Table<OverdueRow>
        size="small"
        bordered
        rowKey="documentId"
        loading={q.isFetching}
        dataSource={items}
        pagination={false}
        data-testid="overdue-table"
        columns={[
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
        ]}
      />
    </div>
  );
}
