// What each sales document posts (篇二 / 篇五 / 篇六), mirroring purchasing: a delivery
// takes goods out at the moving average and raises 应收账款; a return brings them back;
// receipts settle receivables; advance receipts (预收款) mirror prepayments.
import { Decimal } from '../../core/decimal.js';
import type { Posting } from '../../ledger/engine.js';
import type { GoodsDocument } from '../trade/trade.rules.js';

/** S5 审核发货单: stock out at the moving average, receivable up by the total, an open item due after the customer's credit days. */
export function salesDeliveryPosting(doc: GoodsDocument): Posting {
  return {
    stock: doc.lines.map((l) => ({ lineId: l.id, productId: l.productId, warehouseId: doc.warehouseId, qty: l.baseQty.negated() })),
    partner: [{ partnerId: doc.partnerId, account: 'receivable', amount: doc.total }],
    cash: [],
    openItems: [{ partnerId: doc.partnerId, account: 'receivable', amount: doc.total, date: doc.date, dueDaysFrom: 'customer' }],
  };
}

/** S7 退货单: goods back in at what they cost when delivered (else the average), receivable down. */
export function salesReturnPosting(doc: GoodsDocument): Posting {
  return {
    stock: doc.lines.map((l) => ({ lineId: l.id, productId: l.productId, warehouseId: doc.warehouseId, qty: l.baseQty, cost: l.returnCost })),
    partner: [{ partnerId: doc.partnerId, account: 'receivable', amount: doc.total.negated() }],
    cash: [],
    openItems: [{ partnerId: doc.partnerId, account: 'receivable', amount: doc.total.negated(), date: doc.date }],
  };
}

export interface CreditPosition {
  paymentTerm: 'cash' | 'credit';
  creditLimit: Decimal;
  /** Receivable balance now (what the customer owes). */
  receivable: Decimal;
  /** Advance balance now (money received ahead). */
  advance: Decimal;
}

export type PaymentRuleResult = { ok: true } | { ok: false; code: 'CASH_NOT_PAID' | 'CREDIT_LIMIT_EXCEEDED'; owed: Decimal; limit: Decimal };

/**
 * S5 发货 payment rule: a cash customer (现款) must have paid the whole of what it will
 * owe after this delivery; a credit customer (赊销) must stay within its credit limit,
 * counting open receivables. An approved exception lifts the rule (checked elsewhere).
 */
export function paymentRule(p: CreditPosition, deliveryTotal: Decimal): PaymentRuleResult {
  const owed = p.receivable.minus(p.advance).plus(deliveryTotal);
  if (p.paymentTerm === 'cash') return owed.lte(0) ? { ok: true } : { ok: false, code: 'CASH_NOT_PAID', owed, limit: new Decimal(0) };
  return owed.lte(p.creditLimit) ? { ok: true } : { ok: false, code: 'CREDIT_LIMIT_EXCEEDED', owed, limit: p.creditLimit };
}

/** Customer price for a price level (客户价格体系), falling back to the wholesale price. */
export function levelPrice(
  product: { retailPrice: string | null; wholesalePrice: string | null; price1: string | null; price2: string | null; price3: string | null },
  level: 'retail' | 'wholesale' | 'price1' | 'price2' | 'price3',
): Decimal | null {
  const byLevel = { retail: product.retailPrice, wholesale: product.wholesalePrice, price1: product.price1, price2: product.price2, price3: product.price3 }[
    level
  ];
  const v = byLevel ?? product.wholesalePrice ?? product.retailPrice;
  return v === null || v === undefined ? null : new Decimal(v);
}

export interface OpenOrderLine {
  lineId: string;
  /** 客户等级 A (key customer) … D. */
  grade: string;
  orderDate: string;
  orderNumber: string;
  /** What the line still has to ship, base units. */
  open: Decimal;
}

/**
 * S3 分配: scarce stock goes to key customers first (grade A before B…), then to the
 * earlier order; each line gets at most what it still has to ship. Never more than
 * `available` in total.
 */
export function allocate(available: Decimal, lines: OpenOrderLine[]): { lineId: string; reserved: Decimal }[] {
  let left = Decimal.max(available, 0);
  const order = [...lines].sort(
    (a, b) => a.grade.localeCompare(b.grade) || a.orderDate.localeCompare(b.orderDate) || a.orderNumber.localeCompare(b.orderNumber),
  );
  return order.map((l) => {
    const reserved = Decimal.min(Decimal.max(l.open, 0), left);
    left = left.minus(reserved);
    return { lineId: l.lineId, reserved };
  });
}

/** A delivery's part of one order, and what that order was paid ahead. */
export interface DeliveryOrderPart {
  /** The delivery's lines pulled from the order: their total. */
  part: Decimal;
  /** The order's audited advance receipts (订金) net of refunds. */
  received: Decimal;
  /** What the order's deliveries audited before this one shipped of it: the deposit went to them first. */
  shippedBefore: Decimal;
}

/**
 * S6 代收金额: what the driver should collect for a delivery — its open amount less what the
 * customer paid ahead for its orders and has not yet had shipped. The deposit counts only
 * while the customer's advance still holds it: once a receipt used the advance to settle
 * the delivery, the open amount is already lower and the advance is gone.
 */
export function amountDue(open: Decimal, parts: DeliveryOrderPart[], customerAdvance: Decimal): { paidAhead: Decimal; amountDue: Decimal } {
  const zero = new Decimal(0);
  // Returns can leave an order's earlier shipments below zero: that frees no more money
  // than was received.
  const ahead = parts.reduce(
    (s, p) => s.plus(Decimal.min(Decimal.max(p.part, zero), Decimal.max(p.received.minus(Decimal.max(p.shippedBefore, zero)), zero))),
    zero,
  );
  const paidAhead = Decimal.min(ahead, Decimal.max(customerAdvance, zero), Decimal.max(open, zero));
  return { paidAhead, amountDue: Decimal.max(open.minus(paidAhead), zero) };
}
