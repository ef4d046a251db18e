import { DollarOutlined, FileExcelOutlined, WalletOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Row as GridRow, Space, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, download } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { type OpenItem, usePartnerBalance, usePartnerOpenItems } from '../../documents/api';
import { docHref, kindName } from '../../documents/kinds';
import { SettlementTag } from '../../documents/StatusTag';
import { useI18n } from '../../i18n';
import { decIsNeg, fmtMoney } from '../../lib/decimal';

interface StatementLine {
  id: string;
  date: string;
  number: string;
  kind: string;
  documentId: string;
  account: string;
  amount: string;
  reversal: boolean;
  remark: string | null;
  increase: string | null;
  decrease: string | null;
  balance: string;
}

interface Statement {
  customer?: { id: string; code: string; name: string };
  opening: { payable: string; prepaid: string; balance: string };
  lines: StatementLine[];
  closing: { payable: string; prepaid: string; balance: string };
}

type StatementRow = Partial<StatementLine> & { id: string; summary?: string; balance: string };

/** 客户往来: a customer's balances (应收 / 预收), open deliveries and returns, and 对账单 (S8, R5). */
export default function CustomerAccountsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const supplierId = params.get('customerId');
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const [exporting, setExporting] = useState(false);

  const balance = usePartnerBalance('customer', supplierId);
  const open = usePartnerOpenItems('customer', supplierId);
  const statement = useQuery({
    queryKey: ['statement', 'customer', supplierId, range],
    queryFn: () => api<Statement>(`/customers/${supplierId}/statement`, { query: { from: range[0], to: range[1] } }),
    enabled: !!supplierId,
    staleTime: 0,
  });

  const setSupplier = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('customerId', id);
    else next.delete('customerId');
    setParams(next, { replace: true });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await download(`/suppliers/${supplierId}/statement/export`, { from: range[0], to: range[1] }, `${t('acct.statement')}.xlsx`);
    } catch (e) {
      message.error(errorText(e, i18n));
    } finally {
      setExporting(false);
    }
  };

  const st = statement.data;
  const statementRows: StatementRow[] = st
    ? [
        { id: 'opening', date: range[0], summary: t('acct.opening'), balance: st.opening.balance },
        ...st.lines,
        { id: 'closing', date: range[1], summary: t('acct.closing'), balance: st.closing.balance },
      ]
    : [];

  return (
    <div className="erp-page" data-testid="page-customer-accounts">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t('page.customerAccounts')}
        </Typography.Title>
        <div style={{ width: 320 }} data-testid="pick-supplier">
          <ReferenceSelect
            id="customerId"
            resource="customers"
            value={supplierId}
            onChange={(v) => setSupplier(typeof v === 'string' ? v : null)}
            placeholder={t('acct.pickCustomer')}
          />
        </div>
        <div style={{ flex: 1 }} />
        {supplierId && can('receipts:create') ? (
          <Button icon={<DollarOutlined />} onClick={() => navigate(`/sales/receipts/new?customerId=${supplierId}`)} data-testid="btn-settle">
            {t('kind.receipt')}
          </Button>
        ) : null}
        {supplierId && can('advance-receipts:create') ? (
          <Button icon={<WalletOutlined />} onClick={() => navigate(`/sales/advances/new?customerId=${supplierId}`)} data-testid="btn-prepay">
            {t('kind.advance_receipt')}
          </Button>
        ) : null}
      </div>
      {!supplierId ? (
        <Empty description={t('acct.pickCustomer')} style={{ marginTop: 64 }} />
      ) : (
        <>
          <GridRow gutter={12} style={{ marginBottom: 8 }}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('acct.receivable')} value={fmtMoney(balance.data?.payable ?? '0')} data-testid="acct-receivable" loading={balance.isPending} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('acct.advance')} value={fmtMoney(balance.data?.prepaid ?? '0')} data-testid="acct-advance" loading={balance.isPending} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('acct.net')}
                  value={fmtMoney(balance.data?.net ?? '0')}
                  data-testid="acct-net"
                  loading={balance.isPending}
                  styles={{ content: { color: decIsNeg(balance.data?.net) ? '#389e0d' : undefined } }}
                />
              </Card>
            </Col>
          </GridRow>
          {balance.isError ? <Typography.Text type="danger">{errorText(balance.error, i18n)}</Typography.Text> : null}
          <Tabs
            items={[
              {
                key: 'open',
                label: t('acct.openItems'),
                children: (
                  <Table<OpenItem>
                    size="small"
                    bordered
                    rowKey="documentId"
                    loading={open.isFetching}
                    dataSource={open.data?.items ?? []}
                    pagination={false}
                    data-testid="acct-open-items"
                    locale={{ emptyText: t('settle.noOpenItems') }}
                    columns={[
                      {
                        title: t('doc.number'),
                        dataIndex: 'number',
                        width: 160,
                        render: (v: string, r) => {
                          const href = docHref(r.kind, r.documentId);
                          return href ? <Link to={href}>{v}</Link> : v;
                        },
                      },
                      {
                        title: t('settle.kind'),
                        dataIndex: 'kind',
                        width: 110,
                        render: (v: string) => {
                          const k = kindName(v);
                          return k ? t(k) : v;
                        },
                      },
                      { title: t('doc.date'), dataIndex: 'date', width: 100 },
                      { title: t('doc.dueDate'), dataIndex: 'dueDate', width: 100 },
                      { title: t('settle.docAmount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
                      { title: t('settle.settledCol'), dataIndex: 'settled', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
                      { title: t('settle.open'), dataIndex: 'open', width: 120, align: 'right', render: (v: string) => fmtMoney(v) },
                      { title: t('doc.settlement'), dataIndex: 'settlementStatus', width: 100, render: (v: string) => <SettlementTag status={v} /> },
                    ]}
                  />
                ),
              },
              {
                key: 'statement',
                label: t('acct.statement'),
                children: (
                  <>
                    <Space style={{ marginBottom: 8 }} wrap>
                      <DatePicker.RangePicker
                        value={[dayjs(range[0]), dayjs(range[1])]}
                        allowClear={false}
                        onChange={(v) => {
                          if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
                        }}
                        data-testid="statement-range"
                      />
                      {false ? (
                        <Button icon={<FileExcelOutlined />} onClick={() => void doExport()} loading={exporting} data-testid="btn-export-statement">
                          {t('common.export')}
                        </Button>
                      ) : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('acct.balanceHint')}
                      </Typography.Text>
                    </Space>
                    {statement.isError ? <Typography.Text type="danger">{errorText(statement.error, i18n)}</Typography.Text> : null}
                    <Table<StatementRow>
                      size="small"
                      bordered
                      rowKey="id"
                      loading={statement.isFetching}
                      dataSource={statementRows}
                      pagination={false}
                      data-testid="acct-statement"
                      rowClassName={(r) => (r.summary ? 'erp-summary' : '')}
                      columns={[
                        { title: t('doc.date'), dataIndex: 'date', width: 100 },
                        {
                          title: t('doc.number'),
                          dataIndex: 'number',
                          width: 160,
                          render: (v: string | undefined, r) => {
                            const href = docHref(r.kind, r.documentId);
                            return href && v ? <Link to={href}>{v}</Link> : v;
                          },
                        },
                        {
                          title: t('acct.summary'),
                          key: 'summary',
                          width: 160,
                          render: (_v, r) => {
                            if (r.summary) return <b>{r.summary}</b>;
                            const k = kindName(r.kind);
                            return `${k ? t(k) : (r.kind ?? '')}${r.account === 'advance' ? t('acct.prepaidTag') : ''}${r.reversal ? t('moves.reversal') : ''}`;
                          },
                        },
                        { title: t('acct.increase'), dataIndex: 'increase', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
                        { title: t('acct.decrease'), dataIndex: 'decrease', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
                        { title: t('acct.balance'), dataIndex: 'balance', width: 120, align: 'right', render: (v: string) => <b>{fmtMoney(v)}</b> },
                        { title: t('doc.remark'), dataIndex: 'remark', ellipsis: true },
                      ]}
                    />
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
