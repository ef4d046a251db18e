// Lines pulled from an order, on both sides of the trade: a purchase bill receives the
// lines of audited purchase orders (P3), a delivery ships the lines of audited sales
// orders (S5). Never from a closed or finished order, another partner's, or another
// product, and never more than the order has open (plus the company's tolerance).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { documentLines, documents } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { PostingDocument } from '../documents/documents.types.js';
import { tolerance } from '../settings/settings.service.js';
import { completedFromSource, type SourceLine, sourceLines } from './source-lines.js';
import { orderLineReceivable, orderStatus } from './trade.rules.js';

/** What a document pulls its lines from, in codes and words. */
export interface OrderSource {
  kind: 'purchase_order' | 'sales_order';
  zh: '进货订单' | '销售订单';
  en: 'purchase order' | 'sales order';
  /** The partner in codes: ORDER_SUPPLIER_MISMATCH / ORDER_CUSTOMER_MISMATCH. */
  partnerCode: 'SUPPLIER' | 'CUSTOMER';
  partnerZh: '供应商' | '客户';
  partnerEn: 'supplier' | 'customer';
  /** An order with nothing left: 已全部入库 / 已全部发货. */
  doneZh: string;
  /** What is left to pull, and the word for pulling it: 未入库数量 / 可入, 未发数量 / 可发. */
  openZh: string;
  roomZh: string;
  /** The pulling document in English: bill / delivery. */
  docEn: 'bill' | 'delivery';
}

/** A line's order line must be of an open order of this partner, for the same product. */
export function checkOrderLine(s: OrderSource, i: number, src: SourceLine | undefined, partnerId: string, productId: string) {
  const n = i + 1;
  const at = { field: `lines.${i}.orderLineId` };
  if (src?.kind !== s.kind) throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${n} 行：订单行不存在`, `Line ${n}: order line does not exist`, at);
  if (src.status === 'closed')
    throw errors.conflict('ORDER_CLOSED', `第 ${n} 行：${s.zh} ${src.number} 已关闭`, `Line ${n}: ${s.en} ${src.number} is closed`, { order: src.number });
  if (!['audited', 'partial'].includes(src.status)) {
    throw errors.conflict(
      'ORDER_NOT_OPEN',
      `第 ${n} 行：${s.zh} ${src.number} ${src.status === 'completed' ? s.doneZh : '未审核'}`,
      `Line ${n}: ${s.en} ${src.number} is ${src.status}`,
      { order: src.number, status: src.status },
    );
  }
  if (src.partnerId !== partnerId)
    throw errors.unprocessable(
      `ORDER_${s.partnerCode}_MISMATCH`,
      `第 ${n} 行：订单 ${src.number} 属于另一个${s.partnerZh}`,
      `Line ${n}: order ${src.number} is another ${s.partnerEn}'s`,
      { ...at, order: src.number },
    );
  if (src.productId !== productId)
    throw errors.unprocessable('ORDER_PRODUCT_MISMATCH', `第 ${n} 行：商品与订单行不一致`, `Line ${n}: product differs from the order line`, {
      field: `lines.${i}.productId`,
    });
}

/**
 * The order a bill or delivery names in its header (orderId) is this partner's. That it is
 * an order of the right kind in this company is checked with every reference the body
 * names (core/references.ts), before this.
 */
export async function checkNamedOrder(tx: Executor, ctx: RequestContext, s: OrderSource, orderId: string | null | undefined, partnerId: string) {
  if (!orderId) return;
  const [order] = await tx
    .select({ number: documents.number, partnerId: documents.partnerId })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId), eq(documents.kind, s.kind)));
  if (order && order.partnerId !== partnerId)
    throw errors.unprocessable(
      `ORDER_${s.partnerCode}_MISMATCH`,
      `订单 ${order.number} 属于另一个${s.partnerZh}`,
      `Order ${order.number} is another ${s.partnerEn}'s`,
      { field: 'orderId', order: order.number },
    );
}

/** No order line gives more than it has open, plus the tolerance (P3 receiving, S5 delivering). */
export function checkOrderRoom(
  s: OrderSource,
  lines: { orderLineId?: string | null; baseQty: unknown }[],
  orderLines: Map<string, SourceLine>,
  tolerancePct: Decimal,
) {
  const wanted = new Map<string, Decimal>();
  for (const l of lines) if (l.orderLineId) wanted.set(l.orderLineId, (wanted.get(l.orderLineId) ?? new Decimal(0)).plus(l.baseQty as string));
  for (const [id, qty] of wanted) {
    const src = orderLines.get(id) as SourceLine;
    const room = orderLineReceivable(
      { baseQty: new Decimal(src.baseQty), receivedQty: new Decimal(src.receivedQty), returnedQty: new Decimal(src.returnedQty) },
      tolerancePct,
    );
    if (qty.gt(room)) {
      throw errors.conflict(
        'ORDER_QTY_EXCEEDED',
        `超过订单 ${src.number} ${s.openZh}：${s.roomZh} ${room.toFixed()}，本单 ${qty.toFixed()}`,
        `Exceeds the open quantity of order ${src.number}: ${room.toFixed()} open, ${qty.toFixed()} on this ${s.docEn}`,
        { order: src.number, orderLineId: id, open: room.toFixed(), requested: qty.toFixed() },
      );
    }
  }
}

/**
 * At saving: the order lines a document's lines name, each checked, and each line completed
 * from its order line (unit, price, tax) unless the clerk changed them. The open quantity is
 * checked by the caller once the lines are built (checkOrderRoom), in base units.
 */
export async function pullFromOrders<
  L extends { orderLineId?: string | null; productId: string; unitId?: string | null; price?: string; taxRate?: string; discount?: string },
>(tx: Executor, ctx: RequestContext, s: OrderSource, partnerId: string, lines: L[]) {
  const orderLines = await sourceLines(
    tx,
    ctx,
    lines.map((l) => l.orderLineId).filter((x): x is string => !!x),
  );
  const inputs = lines.map((l, i) => {
    if (!l.orderLineId) return l;
    const src = orderLines.get(l.orderLineId);
    checkOrderLine(s, i, src, partnerId, l.productId);
    return completedFromSource(l, src);
  });
  return { orderLines, inputs };
}

/**
 * At audit: the order lines checked again under lock, so two documents racing for the last
 * of an order cannot both win, then the quantities taken off the orders. Returns the order
 * lines (none for a document that names no order).
 */
export async function takeFromOrders(
  tx: Executor,
  ctx: RequestContext,
  s: OrderSource,
  doc: Pick<PostingDocument, 'header' | 'lines' | 'settings'>,
): Promise<Map<string, SourceLine>> {
  const orderLineIds = doc.lines.map((l) => l.orderLineId).filter((x): x is string => !!x);
  if (orderLineIds.length === 0) return new Map();
  const orderLines = await sourceLines(tx, ctx, orderLineIds, true);
  doc.lines.forEach((l, i) => {
    if (l.orderLineId) checkOrderLine(s, i, orderLines.get(l.orderLineId), doc.header.partnerId as string, l.productId as string);
  });
  checkOrderRoom(s, doc.lines, orderLines, tolerance(doc.settings));
  await applyToOrders(tx, ctx, doc.lines, 1, 'receivedQty');
  return orderLines;
}

/** Adds (or with sign −1 takes back) received quantities on order lines and refreshes the orders' status. */
export async function applyToOrders(
  tx: Executor,
  ctx: RequestContext,
  lines: { orderLineId: string | null; baseQty: string }[],
  sign: 1 | -1,
  field: 'receivedQty' | 'returnedQty',
) {
  const delta = new Map<string, Decimal>();
  for (const l of lines) if (l.orderLineId) delta.set(l.orderLineId, (delta.get(l.orderLineId) ?? new Decimal(0)).plus(new Decimal(l.baseQty).times(sign)));
  if (delta.size === 0) return;
  const ids = [...delta.keys()].sort();
  await tx.execute(sql`SELECT 1 FROM document_lines WHERE company_id = ${ctx.companyId} AND id = ANY(${sql.param(ids)}::uuid[]) ORDER BY id FOR UPDATE`);
  const column = field === 'receivedQty' ? sql.raw('received_qty') : sql.raw('returned_qty');
  await tx.execute(sql`
    UPDATE document_lines l SET ${column} = l.${column} + v.d
    FROM unnest(${sql.param(ids)}::uuid[], ${sql.param(ids.map((id) => (delta.get(id) as Decimal).toFixed()))}::numeric[]) AS v(id, d)
    WHERE l.company_id = ${ctx.companyId} AND l.id = v.id`);
  const orderIds = [
    ...new Set(
      (
        await tx
          .select({ d: documentLines.documentId })
          .from(documentLines)
          .where(and(eq(documentLines.companyId, ctx.companyId), inArray(documentLines.id, ids)))
      ).map((r) => r.d),
    ),
  ].sort();
  for (const orderId of orderIds) {
    const [order] = await tx
      .select({ status: documents.status })
      .from(documents)
      .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId)))
      .for('no key update');
    const all = await tx
      .select({ baseQty: documentLines.baseQty, receivedQty: documentLines.receivedQty, returnedQty: documentLines.returnedQty })
      .from(documentLines)
      .where(and(eq(documentLines.companyId, ctx.companyId), eq(documentLines.documentId, orderId)));
    if (order.status === 'closed') continue;
    const status = orderStatus(
      all.map((l) => ({ baseQty: new Decimal(l.baseQty), receivedQty: new Decimal(l.receivedQty), returnedQty: new Decimal(l.returnedQty) })),
    );
    if (status !== order.status)
      await tx
        .update(documents)
        .set({ status })
        .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId)));
  }
}
