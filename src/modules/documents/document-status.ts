// A document's status and its open item's settlement status in words, alike for every kind.
import type { Decimal } from '../../core/decimal.js';
import type { DocumentKind } from './documents.types.js';

export const SETTLEMENT_ZH = { unsettled: '未结', partial: '部分结算', settled: '已结清' } as const;

/** Status in Chinese; a sales order that has shipped part is 部分发货, not 部分入库. */
export const statusName = (kind: DocumentKind, status: string) =>
  status === 'partial' && kind.partner === 'customer' ? '部分发货' : (STATUS_ZH[status] ?? status);

export const STATUS_ZH: Record<string, string> = {
  saved: '未审核',
  audited: '已审核',
  partial: '部分入库',
  completed: '已完成',
  closed: '已关闭',
  deleted: '已删除',
};

/** 未结 / 部分结算 / 已结清 of a document from its open item. */
export function settlementStatus(item: { amount: Decimal; settled: Decimal } | undefined): 'unsettled' | 'partial' | 'settled' {
  if (!item || item.settled.isZero()) return item?.amount.isZero() ? 'settled' : 'unsettled';
  return item.settled.abs().gte(item.amount.abs()) ? 'settled' : 'partial';
}
