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
import { type OpenItem, useOpenItems, useSupplierBalance } from '../../documents/api';
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
  account: 'payable' | 'prepaid';
  amount: string;
  reversal: boolean;
  remark: string | null;
  increase: string | null;
  decrease: string | null;
  balance: string;
}

interface Statement {
  supplier: { id: string; code: string; name: string };
  opening: { payable: string; prepaid: string; balance: string };
  lines: StatementLine[];
  closing: { payable: string; prepaid: string; balance: string };
}

type StatementRow = Partial<StatementLine> & { id: string; summary?: string; balance: string };

/** 供应商往来: a supplier's balances (应付 / 预付), open bills and returns, and 对账单 (V4, R5). */
export default function SupplierAccountsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const supplierId = params.get('supplierId');
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const [exporting, setExporting] = useState(false);

  const balance = useSupplierBalance(supplierId);
  const open = useOpenItems(supplierId);
  const statement = useQuery({
    queryKey: ['statement', supplierId, range],
    queryFn: () => api<Statement>(`/suppliers/${supplierId}/statement`, { query: { from: range[0], to: range[1] } }),
    enabled: !!supplierId,
    staleTime: 0,
  });

  const setSupplier = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('supplierId', id);
    else next.delete('supplierId');
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
    <div className="erp-page" data-testid="page-supplier-accounts">
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t('page.supplierAccounts')}
        </Typography.Title>
        <div style={{ width: 320 }} data-testid="pick-supplier">
          <ReferenceSelect
            id="supplierId"
            resource="suppliers"
            value={supplierId}
            onChange={(v) => setSupplier(typeof v === 'string' ? v : null)}
            placeholder={t('acct.pickSupplier')}
          />
        </div>
        <div style={{ flex: 1 }} />
        {supplierId && can('purchase-settlements:create') ? (
          <Button icon={<DollarOutlined />} onClick={() => navigate(`/purchasing/settlements/new?supplierId=${supplierId}`)} data-testid="btn-settle">
            {t('acct.settle')}
          </Button>
        ) : null}
        {supplierId && can('prepayments:create') ? (
          <Button icon={<WalletOutlined />} onClick={() => navigate(`/purchasing/prepayments/new?supplierId=${supplierId}`)} data-testid="btn-prepay">
            {t('acct.prepay')}
          </Button>
        ) : null}
      </div>
      {!supplierId ? (
        <Empty description={t('acct.pickSupplier')} style={{ marginTop: 64 }} />
      ) : (
        <>
          <GridRow gutter={12} style={{ marginBottom: 8 }}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('acct.payable')} value={fmtMoney(balance.data?.payable ?? '0')} data-testid="acct-payable" loading={balance.isPending} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('acct.prepaid')} value={fmtMoney(balance.data?.prepaid ?? '0')} data-testid="acct-prepaid" loading={balance.isPending} />
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
                      {can('suppliers:export') ? (
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
                            return `${k ? t(k) : (r.kind ?? '')}${r.account === 'prepaid' ? t('acct.prepaidTag') : ''}${r.reversal ? t('moves.reversal') : ''}`;
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
