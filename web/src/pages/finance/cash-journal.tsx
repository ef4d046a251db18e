import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { useI18n } from '../../i18n';
import { decIsNeg, fmtMoney } from '../../lib/decimal';
import { ExportButton } from '../../reports/ExportButton';
import { type LedgerRow, LedgerTable, PeriodPicker } from './LedgerTable';

interface AccountBalance {
  id: string;
  code: string;
  name: string;
  type: 'cash' | 'bank';
  active: boolean;
  openingBalance: string;
  balance: string;
}

interface JournalLine {
  id: string;
  date: string;
  number: string;
  kind: string;
  documentId: string;
  partnerName: string | null;
  reversal: boolean;
  remark: string | null;
  income: string | null;
  expense: string | null;
  balance: string;
}

interface Journal {
  account: { id: string; code: string; name: string };
  opening: string;
  lines: JournalLine[];
  totals: { income: string; expense: string };
  closing: string;
}

type JournalRow = Partial<JournalLine> & LedgerRow;

/** 资金余额 and 资金流水: what each cash or bank account holds, and one account's payments and receipts. */
export default function CashJournalPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [params, setParams] = useSearchParams();
  const accountId = params.get('accountId');
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);

  const balances = useQuery({ queryKey: ['cash-balances'], queryFn: () => api<{ items: AccountBalance[]; total: string }>('/cash/balances'), staleTime: 0 });
  const journal = useQuery({
    queryKey: ['cash-journal', accountId, range],
    queryFn: () => api<Journal>('/cash/journal', { query: { accountId: accountId as string, from: range[0], to: range[1] } }),
    enabled: !!accountId,
    staleTime: 0,
  });

  const pick = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('accountId', id);
    setParams(next, { replace: true });
  };

  const j = journal.data;
  const rows: JournalRow[] = j
    ? [
        { id: 'opening', date: range[0], summary: t('acct.opening'), balance: j.opening },
        ...j.lines,
        { id: 'closing', date: range[1], summary: t('cash.periodTotal'), income: j.totals.income, expense: j.totals.expense, balance: j.closing },
      ]
    : [];
  const money = (v: string | null | undefined) => (v ? fmtMoney(v) : '');

  return (
    <div className="erp-page" data-testid="page-cash-journal" data-busy={balances.isFetching || journal.isFetching}>
      <div className="erp-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('page.cashJournal')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Statistic
          title={t('cash.total')}
          value={balances.data ? fmtMoney(balances.data.total) : ''}
          loading={balances.isPending}
          data-testid="cash-total"
          styles={{ content: { fontSize: 18 } }}
        />
      </div>
      {balances.isError ? <Typography.Text type="danger">{errorText(balances.error, i18n)}</Typography.Text> : null}
      <Table<AccountBalance>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        loading={balances.isFetching}
        dataSource={balances.data?.items ?? []}
        data-testid="cash-balances"
        onRow={(r) => ({ onClick: () => pick(r.id), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.id === accountId ? 'ant-table-row-selected' : '')}
        style={{ marginBottom: 12 }}
        columns={[
          { title: t('cash.account'), key: 'name', render: (_v, r) => `${r.code} ${r.name}` },
          {
            title: t('cash.type'),
            dataIndex: 'type',
            width: 80,
            render: (v: string, r) => (
              <Space size={4}>
                <Tag color={v === 'bank' ? 'blue' : 'green'}>{t(v === 'bank' ? 'cash.bank' : 'cash.cash')}</Tag>
                {r.active ? null : <Tag>{t('common.inactive')}</Tag>}
              </Space>
            ),
          },
          { title: t('cash.openingBalance'), dataIndex: 'openingBalance', width: 140, align: 'right', render: (v: string) => fmtMoney(v) },
          {
            title: t('cash.balanceNow'),
            dataIndex: 'balance',
            width: 140,
            align: 'right',
            render: (v: string) => <b style={decIsNeg(v) ? { color: '#cf1322' } : undefined}>{fmtMoney(v)}</b>,
          },
        ]}
      />
      {!accountId ? (
        <Empty description={t('cash.pick')} style={{ marginTop: 32 }} />
      ) : (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Text strong data-testid="cash-account">
              {j ? `${j.account.code} ${j.account.name}` : ''}
            </Typography.Text>
            <PeriodPicker range={range} onChange={setRange} testId="cash-range" />
            <ExportButton
              path="/cash/journal/export"
              query={{ accountId, from: range[0], to: range[1] }}
              permission="accounts:export"
              fileName={t('page.cashJournal')}
              testId="btn-export-journal"
            />
          </Space>
          {journal.isError ? <Typography.Text type="danger">{errorText(journal.error, i18n)}</Typography.Text> : null}
          <LedgerTable<JournalRow>
            rows={rows}
            loading={journal.isFetching}
            testId="cash-journal"
            money={[
              { title: t('cash.partner'), dataIndex: 'partnerName', ellipsis: true },
              { title: t('cash.income'), dataIndex: 'income', width: 120, align: 'right', render: money },
              { title: t('cash.expense'), dataIndex: 'expense', width: 120, align: 'right', render: money },
            ]}
          />
        </>
      )}
    </div>
  );
}
