// The states of order tracking (跟单), as plain data and pure functions.
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';

export interface Signed {
  by: string;
  at: string;
}

/**
 * Finance's confirmation that money for the order arrived (S4): `amount` is what the order
 * has been paid in all, proved by the audited advance receipts naming it (`received` when
 * confirmed, `advanceReceipts` the receipts, `receiptId` the one made by the confirmation
 * itself). Confirmations recorded before money was linked carry no `received`.
 */
export interface MoneyConfirmed extends Signed {
  amount: string;
  received?: string;
  advanceReceipts?: { id: string; number: string; amount: string }[];
  receiptId?: string | null;
  /** Full payment only: the part the driver collects on delivery (S6 代收), not yet received. */
  onDelivery?: string;
}

export interface ProductionTrack {
  depositConfirmed?: MoneyConfirmed;
  released?: Signed & { plannedShipDate: string };
  stages?: (Signed & { stage: string })[];
  balanceRequested?: Signed & { amount: string };
  paymentConfirmed?: MoneyConfirmed;
}

/**
 * What finance has confirmed the order received, in money: the receipts naming the order
 * may not fall below it (un-audit, refund). The part of a full payment left to the driver
 * is not money yet; confirmations from before money was linked count nothing.
 */
export function confirmedReceived(track: ProductionTrack | undefined): Decimal {
  const money = (c: MoneyConfirmed | undefined) => (c?.received === undefined ? new Decimal(0) : new Decimal(c.amount).minus(c.onDelivery ?? 0));
  return Decimal.max(money(track?.depositConfirmed), money(track?.paymentConfirmed));
}

export const COD_STEPS = ['waiting', 'delivered', 'installed', 'collected', 'handed_in'] as const;
export type CodStep = (typeof COD_STEPS)[number];
export const COD_ZH: Record<CodStep, string> = { waiting: '待发车', delivered: '已送达', installed: '已安装', collected: '已收款', handed_in: '已交款' };

export interface CodTrack {
  vehicle: string;
  driverId: string;
  driverName: string | null;
  amountToCollect: string;
  amountCollected?: string;
  status: CodStep;
  history: (Signed & { status: CodStep })[];
  receiptId?: string;
}

/** Where a made-to-order order stands, and whether it is late (pure). */
export function productionState(track: ProductionTrack, contractDate: string | null | undefined, today: string, stages: string[]) {
  const current = track.stages?.at(-1)?.stage ?? null;
  const finished = current === stages.at(-1);
  const planned = track.released?.plannedShipDate ?? null;
  const warnings: string[] = [];
  if (planned && contractDate && planned > contractDate) warnings.push(`计划出货 ${planned} 晚于合同交期 ${contractDate}`);
  if (!finished && contractDate && today > contractDate) warnings.push(`已过合同交期 ${contractDate} 仍未完工`);
  else if (!finished && planned && today > planned) warnings.push(`已过计划出货日 ${planned} 仍未完工`);
  return {
    stage: current,
    stageIndex: current ? stages.indexOf(current) : -1,
    finished,
    late: warnings.length > 0,
    warnings,
    readyToShip: !!track.paymentConfirmed && (finished || !track.released),
  };
}

const step = (code: string, zh: string, en: string) => errors.conflict(code, zh, en);

/** Money recorded against an order (a deposit, the balance asked, the payment) is above 0 and never more than the order. */
export function amountWithinOrder(doc: { header: { total: string; number: string } }, amount: string, what: { zh: string; en: string }) {
  const value = new Decimal(amount);
  if (value.lte(0)) throw errors.unprocessable('AMOUNT_NOT_POSITIVE', `${what.zh}必须大于 0`, `The ${what.en} must be above 0`, { field: 'amount' });
  if (value.gt(doc.header.total))
    throw errors.unprocessable(
      'AMOUNT_EXCEEDS_ORDER',
      `${what.zh} ${value.toFixed(2)} 超过订单 ${doc.header.number} 的金额 ${new Decimal(doc.header.total).toFixed(2)}`,
      `The ${what.en} ${value.toFixed(2)} exceeds order ${doc.header.number}'s total ${new Decimal(doc.header.total).toFixed(2)}`,
      { field: 'amount', total: new Decimal(doc.header.total).toFixed(2) },
    );
  return value.toFixed(2);
}

/** Production steps are taken on an audited order not yet finished. */
export function requireAuditedOrder(doc: { header: { status: string; number: string } }) {
  if (!['audited', 'partial'].includes(doc.header.status))
    throw step('ORDER_NOT_OPEN', `销售订单 ${doc.header.number} 须已审核且未完成`, `Sales order ${doc.header.number} must be audited and open`);
}

/**
 * 确认订金 / 确认全款 once: a repeated click (or a retry) of the same amount finds it done
 * (true); a different amount is refused; nothing confirmed yet gives false.
 */
export function alreadyConfirmed(before: MoneyConfirmed | undefined, amount: string, names: { zh: string; en: string }): boolean {
  if (before?.received === undefined) return false;
  if (new Decimal(before.amount).eq(amount)) return true;
  throw errors.conflict(
    'ALREADY_CONFIRMED',
    `财务已确认${names.zh} ${before.amount}，不能改为 ${amount}`,
    `Finance already confirmed the ${names.en} as ${before.amount}; it cannot become ${amount}`,
    { amount: before.amount },
  );
}

/** 下达生产 needs finance's confirmed deposit, once. */
export function checkReleasable(t: ProductionTrack | undefined) {
  if (!t?.depositConfirmed)
    throw step('DEPOSIT_NOT_CONFIRMED', '订金未经财务确认，不能下达生产', 'The deposit is not confirmed by finance; production cannot start');
  if (t.released) throw step('ALREADY_RELEASED', '已下达生产', 'Already released to production');
}

/** A stage is one of the company's, after the one reached. */
export function checkStage(t: ProductionTrack | undefined, stages: string[], stage: string) {
  if (!t?.released) throw step('NOT_RELEASED', '尚未下达生产', 'Not released to production yet');
  const from = stages.indexOf(t.stages?.at(-1)?.stage ?? '');
  const to = stages.indexOf(stage);
  if (to < 0)
    throw errors.unprocessable('UNKNOWN_STAGE', `未知的工序：${stage}（${stages.join('、')}）`, `Unknown stage ${stage} (${stages.join(', ')})`, { stages });
  if (to <= from)
    throw step('STAGE_BACKWARDS', `订单已在「${stages[from]}」，不能回到「${stage}」`, `The order is at ${stages[from]}; it cannot go back to ${stage}`);
}

/** A vehicle is reassigned only while it waits to leave. */
export function checkCodAssignable(t: CodTrack | undefined) {
  if (t && t.status !== 'waiting') throw step('COD_UNDERWAY', `已${COD_ZH[t.status]}，不能改派`, `Already ${t.status}; cannot reassign`);
}

/** S6 steps go one at a time (collecting may skip installing), on an audited delivery with a vehicle. */
export function checkCodStep(t: CodTrack | undefined, deliveryStatus: string, next: CodStep): asserts t is CodTrack {
  if (!t) throw step('COD_NOT_ASSIGNED', '该发货单未派车代收', 'This delivery has no vehicle with cash on delivery');
  if (deliveryStatus !== 'audited') throw step('DELIVERY_NOT_AUDITED', '发货单未审核', 'The delivery is not audited');
  const from = COD_STEPS.indexOf(t.status);
  const to = COD_STEPS.indexOf(next);
  if (to !== from + 1 && !(next === 'collected' && t.status === 'delivered')) {
    throw step('COD_WRONG_STEP', `当前为「${COD_ZH[t.status]}」，下一步不能是「${COD_ZH[next]}」`, `Now ${t.status}; the next step cannot be ${next}`);
  }
}
