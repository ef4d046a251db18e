// 订金 linked to its order (P9, S4): a prepayment (预付款) may name the purchase order it is
// paid for, an advance receipt (预收款) the sales order it is received for. What an order
// has been paid ahead is the sum of the audited advance documents naming it — never
// stored, so it cannot drift from the ledger. The link lives in the advance document's
// source_id, the column every kind uses for "the document this one belongs to".
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { accounts, documents } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { DocumentKind, DocumentRow } from '../documents/documents.types.js';
import { type OrderAdvanceProblem, orderAdvanceRoom, type SettlementSide } from './trade.rules.js';

/** Which order an advance kind may name, and what confirmations on that order rely on. */
export interface OrderLink {
  /** The body's field. */
  field: 'salesOrderId' | 'purchaseOrderId';
  kind: 'sales_order' | 'purchase_order';
  zh: string;
  en: string;
  /** What finance has confirmed received on the order (S4): un-auditing or refunding below it is refused. */
  confirmed?(order: DocumentRow): Decimal;
}

const fmt = (d: Decimal) => d.toFixed(2);

/** Refuses an order that is missing, deleted, of another kind or company, or of another partner. */
export async function requireOrderFor(db: Executor, ctx: RequestContext, link: OrderLink, money: SettlementSide, partnerId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId), eq(documents.kind, link.kind), ne(documents.status, 'deleted')));
  if (!order) throw errors.referenceNotFound(link.field, { zh: `${link.zh}不存在`, en: `${link.en} not found` });
  if (order.partnerId !== partnerId) {
    throw errors.unprocessable(
      'ORDER_OF_ANOTHER_PARTNER',
      `${link.zh} ${order.number} 不是该${money.partnerZh}的订单`,
      `${link.en} ${order.number} belongs to another ${money.partnerEn}`,
      { field: link.field, number: order.number },
    );
  }
  return order;
}

/** The order's row, locked: advance documents naming one order audit one at a time. */
export async function lockOrder(tx: Executor, ctx: RequestContext, orderId: string): Promise<DocumentRow> {
  const [order] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId)))
    .for('update');
  return order;
}

/** What each order has been paid ahead: its audited advance documents (refunds count negative). */
export async function paidAheadForOrders(db: Executor, ctx: RequestContext, advanceKind: string, orderIds: string[]): Promise<Map<string, Decimal>> {
  const out = new Map<string, Decimal>(orderIds.map((id) => [id, new Decimal(0)]));
  if (orderIds.length === 0) return out;
  const rows = await db
    .select({ orderId: documents.sourceId, total: sql<string>`sum(${documents.total})::text` })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.kind, advanceKind), eq(documents.status, 'audited'), inArray(documents.sourceId, orderIds)))
    .groupBy(documents.sourceId);
  for (const r of rows) out.set(r.orderId as string, new Decimal(r.total));
  return out;
}

export async function paidAheadFor(db: Executor, ctx: RequestContext, advanceKind: string, orderId: string): Promise<Decimal> {
  return (await paidAheadForOrders(db, ctx, advanceKind, [orderId])).get(orderId) ?? new Decimal(0);
}

/** The advance documents naming an order (any but deleted), oldest first, for its view. */
export async function advancesNaming(db: Executor, ctx: RequestContext, advanceKind: string, orderId: string) {
  return db
    .select({
      id: documents.id,
      number: documents.number,
      date: documents.date,
      status: documents.status,
      amount: documents.total,
      accountId: documents.accountId,
      accountName: accounts.name,
    })
    .from(documents)
    .leftJoin(accounts, and(eq(accounts.companyId, documents.companyId), eq(accounts.id, documents.accountId)))
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.kind, advanceKind), eq(documents.sourceId, orderId), ne(documents.status, 'deleted')))
    .orderBy(asc(documents.number));
}

function roomError(link: OrderLink, money: SettlementSide, order: DocumentRow, p: OrderAdvanceProblem) {
  const n = order.number;
  switch (p.code) {
    case 'ADVANCE_EXCEEDS_ORDER':
      return errors.conflict(
        p.code,
        `${link.zh} ${n} 金额 ${fmt(p.total)}，已收${money.prepaidZh} ${fmt(p.received)}，本单后将达 ${fmt(p.after)}，超过订单金额`,
        `${link.en} ${n} totals ${fmt(p.total)} and has ${fmt(p.received)} paid ahead; this would bring it to ${fmt(p.after)}, above the order`,
        { order: n, total: fmt(p.total), received: fmt(p.received), after: fmt(p.after) },
      );
    case 'REFUND_EXCEEDS_RECEIVED':
      return errors.conflict(
        p.code,
        `${link.zh} ${n} 只收到${money.prepaidZh} ${fmt(p.received)}，退款不能超过它`,
        `${link.en} ${n} has only ${fmt(p.received)} paid ahead; a refund cannot exceed it`,
        { order: n, received: fmt(p.received), after: fmt(p.after) },
      );
    case 'ADVANCE_BELOW_CONFIRMED':
      return errors.conflict(
        p.code,
        `财务已确认${link.zh} ${n} 收到 ${fmt(p.confirmed)}，本单后只剩 ${fmt(p.after)}`,
        `Finance confirmed ${fmt(p.confirmed)} received for ${link.en} ${n}; this would leave ${fmt(p.after)}`,
        { order: n, confirmed: fmt(p.confirmed), received: fmt(p.received), after: fmt(p.after) },
      );
  }
}

export interface OrderAdvanceCheck {
  link: OrderLink;
  money: SettlementSide;
  /** The advance kind's name (advance_receipt, prepayment). */
  advanceKind: string;
}

/** At save: a clear answer at once (checked again under the order's lock at audit). */
export async function checkOrderRoom(db: Executor, ctx: RequestContext, c: OrderAdvanceCheck, order: DocumentRow, amount: Decimal) {
  const received = await paidAheadFor(db, ctx, c.advanceKind, order.id);
  const room = orderAdvanceRoom({ total: new Decimal(order.total), received, confirmed: c.link.confirmed?.(order) ?? new Decimal(0) }, amount);
  if (!room.ok) throw roomError(c.link, c.money, order, room.problem);
}

/**
 * At audit (the advance already counts as audited) and un-audit (it no longer does): the
 * order is locked, so two receipts for one order, or a receipt and finance's confirmation,
 * never both slip past the order's total or below what finance confirmed. Un-auditing a
 * receipt a confirmation relies on is refused, naming the order: production may already
 * run on that confirmation, so the receipt stands until another covers the amount.
 */
export async function checkOrderAfterPosting(tx: Executor, ctx: RequestContext, c: OrderAdvanceCheck, advance: DocumentRow, action: 'audit' | 'unaudit') {
  const orderId = advance.sourceId as string;
  const order = await lockOrder(tx, ctx, orderId);
  const amount = new Decimal(advance.total);
  const change = action === 'audit' ? amount : amount.negated();
  const now = await paidAheadFor(tx, ctx, c.advanceKind, orderId);
  const confirmed = c.link.confirmed?.(order) ?? new Decimal(0);
  const room = orderAdvanceRoom({ total: new Decimal(order.total), received: now.minus(change), confirmed }, change);
  if (room.ok) return;
  if (action === 'audit') throw roomError(c.link, c.money, order, room.problem);
  throw errors.conflict(
    'DOCUMENT_HAS_DEPENDANTS',
    `${advance.number} 是${c.link.zh} ${order.number} 的订金（财务已确认 ${fmt(confirmed)}，订单金额 ${fmt(new Decimal(order.total))}），反审核后该订单只剩 ${fmt(room.problem.after)}，不能反审核`,
    `${advance.number} is paid towards ${c.link.en} ${order.number} (finance confirmed ${fmt(confirmed)}, order total ${fmt(new Decimal(order.total))}); un-auditing it would leave ${fmt(room.problem.after)}`,
    { blockedBy: [order.number], confirmed: fmt(confirmed), after: fmt(room.problem.after) },
  );
}

/**
 * An order that advance documents name: it may not be deleted (they would name nothing),
 * change partner (they would pay for another's order), or fall below what was paid for it.
 */
export function guardOrderWithAdvances(advanceKind: string, advanceZh: string, advanceEn: string) {
  const naming = (db: Executor, ctx: RequestContext, orderId: string) =>
    db
      .select({ number: documents.number, status: documents.status })
      .from(documents)
      .where(and(eq(documents.companyId, ctx.companyId), eq(documents.kind, advanceKind), eq(documents.sourceId, orderId), ne(documents.status, 'deleted')))
      .orderBy(asc(documents.number));

  const beforeDelete: NonNullable<DocumentKind['beforeDelete']> = async (tx, ctx, doc) => {
    const blocking = await naming(tx, ctx, doc.header.id);
    if (blocking.length === 0) return;
    const numbers = blocking.map((b) => b.number);
    throw errors.conflict(
      'DOCUMENT_HAS_DEPENDANTS',
      `订单 ${doc.header.number} 已有${advanceZh} ${numbers.join('、')}，不能删除`,
      `Order ${doc.header.number} has ${advanceEn} ${numbers.join(', ')}; it cannot be deleted`,
      { blockedBy: numbers },
    );
  };

  /** An edit of an order (while unaudited): same partner, total not below what was paid for it. */
  async function checkEdit(db: Executor, ctx: RequestContext, existing: DocumentRow | undefined, next: { partnerId: string; total: string }) {
    if (!existing) return;
    const blocking = await naming(db, ctx, existing.id);
    if (blocking.length === 0) return;
    const numbers = blocking.map((b) => b.number);
    if (existing.partnerId !== next.partnerId) {
      throw errors.unprocessable(
        'ORDER_HAS_ADVANCES',
        `订单 ${existing.number} 已有${advanceZh} ${numbers.join('、')}，不能改为另一往来单位`,
        `Order ${existing.number} has ${advanceEn} ${numbers.join(', ')}; its partner cannot change`,
        { blockedBy: numbers, field: 'partner' },
      );
    }
    const paid = await paidAheadFor(db, ctx, advanceKind, existing.id);
    if (paid.gt(next.total)) {
      throw errors.unprocessable(
        'DEPOSIT_EXCEEDS_TOTAL',
        `订单已收订金 ${fmt(paid)}（${numbers.join('、')}），订单金额 ${fmt(new Decimal(next.total))} 不能低于它`,
        `The order has ${fmt(paid)} paid ahead (${numbers.join(', ')}); its total ${fmt(new Decimal(next.total))} cannot go below it`,
        { field: 'lines', deposit: fmt(paid), total: fmt(new Decimal(next.total)) },
      );
    }
  }

  return { beforeDelete, checkEdit };
}
