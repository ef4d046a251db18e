// The states of order tracking (跟单), as plain data and pure functions.
import { Decimal } from '../../core/decimal.js';

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
