import { DollarOutlined, WalletOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row as GridRow, Space, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../../app/session';
import { ReferenceSelect } from '../../crud/ReferenceSelect';
import { type OpenItem, usePartnerBalance, usePartnerOpenItems } from '../../documents/api';
import { DocNumberLink } from '../../documents/DocNumberLink';
import { kindName } from '../../documents/kinds';
import { SettlementTag } from '../../documents/StatusTag';
import { type MsgKey, useI18n } from '../../i18n';
import { decIsNeg, fmtMoney } from '../../lib/decimal';
import { ExportButton } from '../../reports/ExportButton';
import { type LedgerRow, LedgerTable, PeriodPicker } from './LedgerTable';

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
  supplier: { id: string; code: string; name: string };
  opening: { payable: string; prepaid: string; balance: string };
  lines: StatementLine[];
  closing: { payable: string; prepaid: string; balance: string };
}

type StatementRow = Partial<StatementLine> & LedgerRow;

/** Which partner the page shows: a supplier's 应付/预付 or a customer's 应收/预收. */
export interface AccountSide {
  partner: 'supplier' | 'customer';
  param: 'supplierId' | 'customerId';
  resource: 'suppliers' | 'customers';
  title: MsgKey;
  pick: MsgKey;
  testId: string;
  settle: { permission: string; path: string; label: MsgKey };
  prepay: { permission: string; path: string; label: MsgKey };
  open: { label: MsgKey; testId: string };
  ahead: { label: MsgKey; testId: string; account: 'prepaid' | 'advance'; tag: MsgKey };
  /** The statement's words: 增加应付/减少应付 or 增加应收/减少应收, and how to read its balance. */
  statement: { increase: MsgKey; decrease: MsgKey; hint: MsgKey };
  exportPermission: string;
}

export const SUPPLIER_SIDE: AccountSide = {
  partner: 'supplier',
  param: 'supplierId',
  resource: 'suppliers',
  title: 'page.supplierAccounts',
  pick: 'acct.pickSupplier',
  testId: 'page-supplier-accounts',
  settle: { permission: 'purchase-settlements:create', path: '/purchasing/settlements/new', label: 'acct.settle' },
  prepay: { permission: 'prepayments:create', path: '/purchasing/prepayments/new', label: 'acct.prepay' },
  open: { label: 'acct.payable', testId: 'acct-payable' },
  ahead: { label: 'acct.prepaid', testId: 'acct-prepaid', account: 'prepaid', tag: 'acct.prepaidTag' },
  statement: { increase: 'acct.increase', decrease: 'acct.decrease', hint: 'acct.balanceHint' },
  exportPermission: 'suppliers:export',
};

export const CUSTOMER_SIDE: AccountSide = {
  partner: 'customer',
  param: 'customerId',
  resource: 'customers',
  title: 'page.customerAccounts',
  pick: 'acct.pickCustomer',
  testId: 'page-customer-accounts',
  settle: { permission: 'receipts:create', path: '/sales/receipts/new', label: 'kind.receipt' },
  prepay: { permission: 'advance-receipts:create', path: '/sales/advances/new', label: 'kind.advance_receipt' },
  open: { label: 'acct.receivable', testId: 'acct-receivable' },
  ahead: { label: 'acct.advance', testId: 'acct-advance', account: 'advance', tag: 'acct.advanceTag' },
  statement: { increase: 'acct.debit', decrease: 'acct.credit', hint: 'acct.customerBalanceHint' },
  exportPermission: 'customers:export',
};

/** 供应商往来 / 客户往来: a partner's balances, open documents, and 对账单 (V4, S8, R5). */
export function PartnerAccountsPage({ side }: { side: AccountSide }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const supplierId = params.get(side.param);
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);

  const balance = usePartnerBalance(side.partner, supplierId);
  const open = usePartnerOpenItems(side.partner, supplierId);
  const statement = useQuery({
    queryKey: ['statement', side.partner, supplierId, range],
    queryFn: () => api<Statement>(`/${side.resource}/${supplierId}/statement`, { query: { from: range[0], to: range[1] } }),
    enabled: !!supplierId,
    staleTime: 0,
  });

  const setSupplier = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set(side.param, id);
    else next.delete(side.param);
    setParams(next, { replace: true });
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
    <div className="erp-page" data-testid={side.testId}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0, marginRight: 8 }}>
          {t(side.title)}
        </Typography.Title>
        <div style={{ width: 320 }} data-testid="pick-supplier">
          <ReferenceSelect
            id={side.param}
            resource={side.resource}
            value={supplierId}
            onChange={(v) => setSupplier(typeof v === 'string' ? v : null)}
            placeholder={t(side.pick)}
          />
        </div>
        <div style={{ flex: 1 }} />
        {supplierId && can(side.settle.permission as never) ? (
          <Button icon={<DollarOutlined />} onClick={() => navigate(`${side.settle.path}?${side.param}=${supplierId}`)} data-testid="btn-settle">
            {t(side.settle.label)}
          </Button>
        ) : null}
        {supplierId && can(side.prepay.permission as never) ? (
          <Button icon={<WalletOutlined />} onClick={() => navigate(`${side.prepay.path}?${side.param}=${supplierId}`)} data-testid="btn-prepay">
            {t(side.prepay.label)}
          </Button>
        ) : null}
      </div>
      {!supplierId ? (
        <Empty description={t(side.pick)} style={{ marginTop: 64 }} />
      ) : (
        <>
          <GridRow gutter={12} style={{ marginBottom: 8 }}>
            {[
              { title: t(side.open.label), value: balance.data?.payable, testId: side.open.testId },
              { title: t(side.ahead.label), value: balance.data?.prepaid, testId: side.ahead.testId },
              { title: t('acct.net'), value: balance.data?.net, testId: 'acct-net', color: decIsNeg(balance.data?.net) ? '#389e0d' : undefined },
            ].map((figure) => (
              <Col xs={24} md={8} key={figure.testId}>
                <Card size="small">
                  <Statistic
                    title={figure.title}
                    value={fmtMoney(figure.value ?? '0')}
                    data-testid={figure.testId}
                    loading={balance.isPending}
                    styles={figure.color ? { content: { color: figure.color } } : undefined}
                  />
                </Card>
              </Col>
            ))}
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
                        render: (v: string | undefined, r) => <DocNumberLink kind={r.kind} documentId={r.documentId} number={v} />,
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
                      <PeriodPicker range={range} onChange={setRange} testId="statement-range" />
                      <ExportButton
                        path={`/${side.resource}/${supplierId}/statement/export`}
                        query={{ from: range[0], to: range[1] }}
                        permission={side.exportPermission}
                        fileName={t('acct.statement')}
                        testId="btn-export-statement"
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(side.statement.hint)}
                      </Typography.Text>
                    </Space>
                    {statement.isError ? <Typography.Text type="danger">{errorText(statement.error, i18n)}</Typography.Text> : null}
                    <LedgerTable<StatementRow>
                      rows={statementRows}
                      loading={statement.isFetching}
                      testId="acct-statement"
                      tag={(r) => (r.account === side.ahead.account ? t(side.ahead.tag) : '')}
                      money={[
                        { title: t(side.statement.increase), dataIndex: 'increase', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
                        { title: t(side.statement.decrease), dataIndex: 'decrease', width: 120, align: 'right', render: (v: string | null) => fmtMoney(v) },
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
