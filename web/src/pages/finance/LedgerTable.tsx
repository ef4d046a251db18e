import { DatePicker, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { DocNumberLink } from '../../documents/DocNumberLink';
import { kindName } from '../../documents/kinds';
import { useI18n } from '../../i18n';
import { fmtMoney } from '../../lib/decimal';

/** A row of a statement or journal: a posting with the balance after it, or a summary row (期初 / 期末). */
export interface LedgerRow {
  id: string;
  date?: string;
  number?: string;
  kind?: string;
  documentId?: string;
  reversal?: boolean;
  remark?: string | null;
  summary?: string;
  balance: string;
}

/** The period a statement or journal covers (both ends required). */
export function PeriodPicker({ range, onChange, testId }: { range: [string, string]; onChange: (r: [string, string]) => void; testId: string }) {
  return (
    <DatePicker.RangePicker
      value={[dayjs(range[0]), dayjs(range[1])]}
      allowClear={false}
      onChange={(v) => {
        if (v?.[0] && v[1]) onChange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
      }}
      data-testid={testId}
    />
  );
}

/**
 * 对账单 and 资金流水 share their frame: date, the document's number linked to it, what it
 * was (with 反审核 and any tag of the row's own), the side's money columns, the balance after
 * it and the remark; summary rows in bold.
 */
export function LedgerTable<R extends LedgerRow>({
  rows,
  loading,
  testId,
  money,
  tag,
}: {
  rows: R[];
  loading: boolean;
  testId: string;
  /** The columns between what it was and the balance (增加/减少, 收入/支出…). */
  money: ColumnsType<R>;
  /** A word after the document's kind, e.g. （预付款） for the prepaid account's rows. */
  tag?: (row: R) => string;
}) {
  const { t } = useI18n();
  return (
    <Table<R>
      size="small"
      bordered
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      rowClassName={(r) => (r.summary ? 'erp-summary' : '')}
      columns={[
        { title: t('doc.date'), dataIndex: 'date', width: 100 },
        {
          title: t('doc.number'),
          dataIndex: 'number',
          width: 160,
          render: (v: string | undefined, r) => <DocNumberLink kind={r.kind} documentId={r.documentId} number={v} />,
        },
        {
          title: t('acct.summary'),
          key: 'summary',
          width: 160,
          render: (_v, r) => {
            if (r.summary) return <b>{r.summary}</b>;
            const k = kindName(r.kind);
            return `${k ? t(k) : (r.kind ?? '')}${tag?.(r) ?? ''}${r.reversal ? t('moves.reversal') : ''}`;
          },
        },
        ...money,
        { title: t('acct.balance'), dataIndex: 'balance', width: 130, align: 'right', render: (v: string) => <b>{fmtMoney(v)}</b> },
        { title: t('doc.remark'), dataIndex: 'remark', ellipsis: true },
      ]}
    />
  );
}
