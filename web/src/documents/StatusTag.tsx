import { Tag, Tooltip } from 'antd';
import type { SelectOption } from '../crud/types';
import { type LocalText, type MsgKey, useI18n } from '../i18n';
import { en, zhCN } from '../i18n/messages';
import { fmtMoney } from '../lib/decimal';

const STATUS: Record<string, { key: MsgKey; color: string }> = {
  saved: { key: 'status.saved', color: 'gold' },
  audited: { key: 'status.audited', color: 'green' },
  partial: { key: 'status.partial', color: 'blue' },
  completed: { key: 'status.completed', color: 'cyan' },
  closed: { key: 'status.closed', color: 'default' },
  deleted: { key: 'status.deleted', color: 'red' },
};

const SETTLEMENT: Record<string, { key: MsgKey; color: string }> = {
  unsettled: { key: 'settle.unsettled', color: 'red' },
  partial: { key: 'settle.partial', color: 'orange' },
  settled: { key: 'settle.settled', color: 'green' },
};

const L = (key: MsgKey): LocalText => ({ zh: zhCN[key], en: en[key] });

/** Status options of a kind's list filter (orders have three more). */
export function statusOptions(isOrder: boolean, sales = false): SelectOption[] {
  const keys = isOrder ? ['saved', 'audited', 'partial', 'completed', 'closed'] : ['saved', 'audited'];
  return keys.map((k) => {
    const s = (sales && k === 'partial' ? { key: 'status.partialShipped', color: 'blue' } : STATUS[k]) as (typeof STATUS)[string];
    return { value: k, label: L(s.key), color: s.color };
  });
}

/** Settlement status options of a bill or return list filter. */
export function settlementOptions(): SelectOption[] {
  return Object.entries(SETTLEMENT).map(([value, s]) => ({ value, label: L(s.key), color: s.color }));
}

/** 未审核 / 已审核 / 部分入库 / 已完成 / 已关闭 */
export function StatusTag({ status, testId, sales }: { status: string | null | undefined; testId?: string; sales?: boolean }) {
  const { t } = useI18n();
  if (!status) return null;
  const s = sales && status === 'partial' ? { key: 'status.partialShipped' as MsgKey, color: 'blue' } : STATUS[status];
  return (
    <Tag color={s?.color} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {s ? t(s.key) : status}
    </Tag>
  );
}

/** 未结 / 部分结算 / 已结清 */
export function SettlementTag({ status, testId }: { status: string | null | undefined; testId?: string }) {
  const { t } = useI18n();
  if (!status) return null;
  const s = SETTLEMENT[status];
  return (
    <Tag color={s?.color} data-testid={testId} data-settlement={status} style={{ marginInlineEnd: 0 }}>
      {s ? t(s.key) : status}
    </Tag>
  );
}

/** A list cell: the settlement tag, with 已结 / 未结 amounts on hover. */
export function SettlementCell({ status, open, settled }: { status: string; open: string | null; settled: string | null }) {
  const { t } = useI18n();
  return (
    <Tooltip title={open != null ? `${t('doc.settledAmount')} ${fmtMoney(settled ?? '0')} · ${t('doc.openAmount')} ${fmtMoney(open)}` : undefined}>
      <span>
        <SettlementTag status={status} />
      </span>
    </Tooltip>
  );
}
