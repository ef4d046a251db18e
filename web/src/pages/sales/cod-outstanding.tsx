import { useQuery } from '@tanstack/react-query';
import { Button, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { fmtMoney } from '../../lib/decimal';

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

/** 司机未交款 (S6): deliveries by company vehicle whose money is not yet with the cashier. */
export default function CodOutstandingPage() {
  const i18n = useI18n();
  const { t } = i18n;
  // X4 the amounts are the delivery notes' money: shown only with sales-deliveries:price
  const priced = useSession().can('sales-deliveries:price');
  const q = useQuery({
    queryKey: ['cod-outstanding'],
    queryFn: () => api<{ items: CodRow[]; heldByDrivers: string | null }>('/cod/outstanding'),
    staleTime: 0,
  });
  return (
    <div className="erp-page" data-testid="page-cod-outstanding">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.codOutstanding')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        {priced ? (
          <Statistic
            title={t('cod.heldByDrivers')}
            value={fmtMoney(q.data?.heldByDrivers ?? '0')}
            data-testid="cod-held"
            loading={q.isPending}
            styles={{ content: { fontSize: 18, color: '#cf1322' } }}
          />
        ) : null}
        <Button onClick={() => void q.refetch()} data-testid="btn-refresh">
          {t('common.refresh')}
        </Button>
      </div>
      {q.isError ? <Typography.Text type="danger">{errorText(q.error, i18n)}</Typography.Text> : null}
      <Table<CodRow>
        size="small"
        bordered
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        data-testid="cod-table"
        locale={{ emptyText: t('cod.none') }}
        columns={[
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
          ...(priced
            ? [
                {
                  title: t('cod.amountToCollect'),
                  dataIndex: 'amountToCollect',
                  width: 120,
                  align: 'right' as const,
                  render: (v: string | null) => fmtMoney(v),
                },
                { title: t('cod.heldByDrivers'), dataIndex: 'held', width: 140, align: 'right' as const, render: (v: string | null) => <b>{fmtMoney(v)}</b> },
              ]
            : []),
        ]}
      />
    </div>
  );
}
