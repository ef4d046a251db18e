// What both sides of the trade share, as pure functions: goods documents, settling open
// items (P8/S8), money paid or received ahead (P9/S8), order lines' open quantities and
// 订金 against an order. Purchasing and sales each add their own postings.
import { Decimal } from '../../core/decimal.js';
import type { Posting } from '../../ledger/engine.js';

export interface GoodsLine {
  id: string;
  productId: string;
  baseQty: Decimal;
  amount: Decimal;
  total: Decimal;
  /** Original cost to return at (原单退回); absent: moving average. */
  returnCost?: Decimal;
}

export interface GoodsDocument {
  partnerId: string;
  warehouseId: string;
  /** The document date: its open item falls due from it. */
  date: string;
  total: Decimal;
  lines: GoodsLine[];
}

const zero = () => new Decimal(0);

/**
 * P9 预付款 / S8 预收款: money paid to a supplier ahead (prepaid) or received from a
 * customer ahead (advance). Negative amounts too: a refund or a correction.
 */
export function advancePosting(side: SettlementSide, partnerId: string, accountId: string, amount: Decimal): Posting {
  return {
    stock: [],
    partner: [{ partnerId, account: side.prepaid, amount }],
    cash: [{ accountId, amount: side.cashSign === 1 ? amount : amount.negated() }],
  };
}

export interface OpenItem {
  documentId: string;
  /** Signed: bills positive, returns negative. */
  amount: Decimal;
  settled: Decimal;
}

export interface Allocation {
  documentId: string;
  /** The part of the item settled now, as a positive number. */
  amount: Decimal;
}

export interface SettlementInput {
  paymentTotal: Decimal;
  prepaymentUsed: Decimal;
  allocations: Allocation[];
}

export type SettlementProblem =
  | { code: 'ALLOCATION_NOT_OPEN'; documentId: string }
  | { code: 'ALLOCATION_EXCEEDS_OPEN'; documentId: string; open: Decimal; amount: Decimal }
  | { code: 'ALLOCATION_NOT_POSITIVE'; documentId: string }
  | { code: 'ALLOCATION_DUPLICATE'; documentId: string }
  | { code: 'SETTLEMENT_EXCEEDS_PAYMENT'; settled: Decimal; available: Decimal }
  | { code: 'NEGATIVE_AMOUNT' }
  | { code: 'SETTLEMENT_EMPTY' };

export interface SettlementPlan {
  /** 付款合计: the net amount settled against payables (returns count negative). */
  settled: Decimal;
  /** What the payment total leaves over: it becomes prepayment (P9). */
  surplus: Decimal;
  /** Signed change of each item's settled amount. */
  itemChanges: { documentId: string; change: Decimal }[];
  posting: Posting;
}

/** Which accounts a settlement moves: 应付/预付 paying suppliers, 应收/预收 collecting from customers. */
export interface SettlementSide {
  open: 'payable' | 'receivable';
  prepaid: 'prepaid' | 'advance';
  /** Money out of the account (−1: paying) or into it (+1: collecting). */
  cashSign: 1 | -1;
  /** Names in messages: the advance balance (预付款 / 预收款), the partner, the money moved now. */
  prepaidZh: string;
  prepaidEn: string;
  partnerZh: string;
  partnerEn: string;
  totalZh: string;
  totalEn: string;
}
export const PAYING: SettlementSide = {
  open: 'payable',
  prepaid: 'prepaid',
  cashSign: -1,
  prepaidZh: '预付款',
  prepaidEn: 'Prepayment',
  partnerZh: '供应商',
  partnerEn: 'supplier',
  totalZh: '付款总额',
  totalEn: 'payment',
};
export const COLLECTING: SettlementSide = {
  open: 'receivable',
  prepaid: 'advance',
  cashSign: 1,
  prepaidZh: '预收款',
  prepaidEn: 'Advance',
  partnerZh: '客户',
  partnerEn: 'customer',
  totalZh: '收款总额',
  totalEn: 'receipt',
};

/** Remaining open amount of an item, signed like the item. */
export const openOf = (item: OpenItem) => item.amount.minus(item.settled);

/**
 * P8/P9 进货结算: allocations settle open items; the payment total plus the prepaid
 * balance used must cover what is settled; whatever is left becomes prepayment.
 * cash −paymentTotal; payable −settled; prepaid −used + surplus.
 */
export function planSettlement(
  partnerId: string,
  accountId: string,
  input: SettlementInput,
  items: Map<string, OpenItem>,
  side: SettlementSide = PAYING,
): { ok: true; plan: SettlementPlan } | { ok: false; problem: SettlementProblem } {
  if (input.paymentTotal.lt(0) || input.prepaymentUsed.lt(0)) return { ok: false, problem: { code: 'NEGATIVE_AMOUNT' } };
  const seen = new Set<string>();
  let settled = zero();
  const itemChanges: SettlementPlan['itemChanges'] = [];
  for (const a of input.allocations) {
    if (seen.has(a.documentId)) return { ok: false, problem: { code: 'ALLOCATION_DUPLICATE', documentId: a.documentId } };
    seen.add(a.documentId);
    const item = items.get(a.documentId);
    if (!item) return { ok: false, problem: { code: 'ALLOCATION_NOT_OPEN', documentId: a.documentId } };
    if (a.amount.lte(0)) return { ok: false, problem: { code: 'ALLOCATION_NOT_POSITIVE', documentId: a.documentId } };
    const open = openOf(item).abs();
    if (a.amount.gt(open)) return { ok: false, problem: { code: 'ALLOCATION_EXCEEDS_OPEN', documentId: a.documentId, open, amount: a.amount } };
    const change = item.amount.isNeg() ? a.amount.negated() : a.amount;
    itemChanges.push({ documentId: a.documentId, change });
    settled = settled.plus(change);
  }
  const available = input.paymentTotal.plus(input.prepaymentUsed);
  // Nothing paid and nothing settled would post nothing: a document with no business in it.
  // (Prepaid used with nothing to settle goes straight back to prepaid: nothing either.)
  if (input.allocations.length === 0 && input.paymentTotal.isZero()) return { ok: false, problem: { code: 'SETTLEMENT_EMPTY' } };
  if (settled.gt(available)) return { ok: false, problem: { code: 'SETTLEMENT_EXCEEDS_PAYMENT', settled, available } };
  const surplus = available.minus(settled);
  return {
    ok: true,
    plan: {
      settled,
      surplus,
      itemChanges,
      posting: {
        stock: [],
        partner: [
          { partnerId, account: side.open, amount: settled.negated() },
          { partnerId, account: side.prepaid, amount: input.prepaymentUsed.negated() },
          { partnerId, account: side.prepaid, amount: surplus },
        ],
        cash: [{ accountId, amount: input.paymentTotal.times(side.cashSign) }],
      },
    },
  };
}

export interface OrderLineState {
  /** Ordered, base units. */
  baseQty: Decimal;
  receivedQty: Decimal;
  returnedQty: Decimal;
}

/** Open quantity of a PO line: ordered minus what was kept (received − returned). */
export const orderLineOpen = (l: OrderLineState) => l.baseQty.minus(l.receivedQty.minus(l.returnedQty));

/** Most a bill may still receive on a PO line, with the company's over-receipt tolerance. */
export function orderLineReceivable(l: OrderLineState, tolerancePct: Decimal): Decimal {
  const allowed = l.baseQty.times(tolerancePct.plus(100)).div(100);
  return allowed.minus(l.receivedQty.minus(l.returnedQty));
}

/** Status of an audited PO from its lines (P1). */
export function orderStatus(lines: OrderLineState[]): 'audited' | 'partial' | 'completed' {
  const kept = lines.map((l) => l.receivedQty.minus(l.returnedQty));
  if (lines.every((l, i) => kept[i].gte(l.baseQty))) return 'completed';
  if (kept.some((k) => k.gt(0))) return 'partial';
  return 'audited';
}

export type OrderAdvanceProblem =
  | { code: 'ADVANCE_EXCEEDS_ORDER'; received: Decimal; after: Decimal; total: Decimal }
  | { code: 'ADVANCE_BELOW_CONFIRMED'; received: Decimal; after: Decimal; confirmed: Decimal }
  | { code: 'REFUND_EXCEEDS_RECEIVED'; received: Decimal; after: Decimal };

/**
 * 订金 against an order (P9 / S4): what an order has been paid ahead stays between what
 * finance confirmed on it (never below zero) and the order's total. `change` is what an
 * advance document adds (audit) or takes away (un-audit, a refund); a change that leaves
 * the figure inside the range, or moves it back towards the range, is allowed.
 */
export function orderAdvanceRoom(
  order: { total: Decimal; received: Decimal; confirmed: Decimal },
  change: Decimal,
): { ok: true; after: Decimal } | { ok: false; problem: OrderAdvanceProblem } {
  const { total, received, confirmed } = order;
  const after = received.plus(change);
  if (change.gt(0) && after.gt(total)) return { ok: false, problem: { code: 'ADVANCE_EXCEEDS_ORDER', received, after, total } };
  if (change.lt(0) && after.lt(0)) return { ok: false, problem: { code: 'REFUND_EXCEEDS_RECEIVED', received, after } };
  if (change.lt(0) && after.lt(confirmed)) return { ok: false, problem: { code: 'ADVANCE_BELOW_CONFIRMED', received, after, confirmed } };
  return { ok: true, after };
}
