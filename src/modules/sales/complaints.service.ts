// S9 客户投诉 in the database: logging, the list with its summary, confirmation, the
// replacement-part order (补件单) at zero price, and closing — each step audited.
import { z } from '@hono/zod-openapi';
import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { nextDocNumber } from '../../core/numbering.js';
import { officeDay, officeDayBounds } from '../../core/office-day.js';
import { checkReferences, ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { complaints, customers, documents, products } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import type { RequestContext } from '../auth/auth.service.js';
import { createDocument } from '../documents/documents.service.js';
import { decimalSchema } from '../masterdata/fields.js';
import {
  COMPLAINT_STATUS_ZH,
  type ComplaintStatus,
  checkClosable,
  checkConfirmable,
  checkReplaceable,
  complaintSummary,
  wrongStep,
} from './complaints.rules.js';
import { requireCustomer } from './sales-lines.js';
import { salesOrderKind } from './sales-order.kind.js';

export const complaintBody = z.object({
  customerId: ref('customer'),
  /** The customer's order the complaint is about. */
  orderId: ref('salesOrder').nullable().optional(),
  productId: ref('product').nullable().optional(),
  description: text().trim().min(2).max(2000),
  attachments: z.array(text().trim().max(500)).max(20).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

export const replacementBody = z.object({
  warehouseId: ref('warehouse'),
  date: z.iso.date(),
  /** The part goes to production (PMC) instead of out of stock. */
  production: z.boolean().optional(),
  lines: z
    .array(z.object({ productId: ref('product'), qty: decimalSchema('qty', true), unitId: ref('productUnit').nullable().optional() }))
    .min(1)
    .max(100),
});

export const confirmBody = z.object({ note: text().trim().max(500).optional() });

export const closeBody = z.object({
  note: text().trim().min(1).max(500),
  resolution: z.enum(['replacement', 'production', 'exchange', 'refund', 'explained']).optional(),
});

export const listQuery = z.object({
  q: text().max(100).optional(),
  status: z.enum(['received', 'confirmed', 'in_progress', 'closed']).optional(),
  customerId: z.uuid().optional(),
  date: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

/** A complaint's order is its customer's (that it is a sales order of this company is checked with every reference). */
async function requireOrderOf(tx: Executor, ctx: RequestContext, orderId: string, customerId: string) {
  const [order] = await tx
    .select({ number: documents.number, partnerId: documents.partnerId })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, orderId)));
  if (order && order.partnerId !== customerId)
    throw errors.unprocessable('ORDER_CUSTOMER_MISMATCH', `订单 ${order.number} 属于另一个客户`, `Order ${order.number} is another customer's`, {
      field: 'orderId',
      order: order.number,
    });
}

const who = (column: AnyPgColumn) => sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${column})`;

export async function viewComplaint(db: Executor, ctx: RequestContext, id: string) {
  const [row] = await db
    .select({
      c: complaints,
      customerName: customers.name,
      productName: products.name,
      receivedByName: who(complaints.receivedBy),
      confirmedByName: who(complaints.confirmedBy),
      closedByName: who(complaints.closedBy),
      orderNumber: sql<string | null>`(SELECT d.number FROM documents d WHERE d.company_id = ${complaints.companyId} AND d.id = ${complaints.orderId})`,
      replacementNumber: sql<
        string | null
      >`(SELECT d.number FROM documents d WHERE d.company_id = ${complaints.companyId} AND d.id = ${complaints.replacementOrderId})`,
    })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.companyId, complaints.companyId), eq(customers.id, complaints.customerId)))
    .leftJoin(products, and(eq(products.companyId, complaints.companyId), eq(products.id, complaints.productId)))
    .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id)));
  if (!row) throw errors.notFound('投诉', 'Complaint', id);
  const { c, ...names } = row;
  const { companyId: _company, ...rest } = c;
  return { ...rest, ...names, statusName: COMPLAINT_STATUS_ZH[rest.status as ComplaintStatus] };
}

async function lockComplaint(tx: Executor, ctx: RequestContext, id: string) {
  const [row] = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id)))
    .for('update');
  if (!row) throw errors.notFound('投诉', 'Complaint', id);
  return row;
}

export async function listComplaints(ctx: RequestContext, q: z.infer<typeof listQuery>) {
  const conds: SQL[] = [eq(complaints.companyId, ctx.companyId)];
  if (q.status) conds.push(eq(complaints.status, q.status));
  if (q.customerId) conds.push(eq(complaints.customerId, q.customerId));
  if (q.date) {
    const day = officeDayBounds(q.date);
    conds.push(gte(complaints.receivedAt, day.start), lt(complaints.receivedAt, day.end));
  }
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(or(ilike(complaints.number, like), ilike(complaints.description, like), ilike(customers.name, like)) as SQL);
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const where = and(...conds);
  const [{ n }] = await ctx.db.orm
    .select({ n: sql<number>`count(*)::int` })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.companyId, complaints.companyId), eq(customers.id, complaints.customerId)))
    .where(where);
  const rows = await ctx.db.orm
    .select({ id: complaints.id })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.companyId, complaints.companyId), eq(customers.id, complaints.customerId)))
    .where(where)
    .orderBy(desc(complaints.receivedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const items: Awaited<ReturnType<typeof viewComplaint>>[] = [];
  for (const r of rows) items.push(await viewComplaint(ctx.db.orm, ctx, r.id));
  return { items, total: Number(n), page, pageSize, summary: complaintSummary(items) };
}

export async function logComplaint(ctx: RequestContext, b: z.infer<typeof complaintBody>) {
  const id = await transaction(ctx.db, async (tx) => {
    await checkReferences(tx, ctx.companyId, complaintBody, b);
    await requireCustomer(tx, ctx, b.customerId);
    if (b.orderId) await requireOrderOf(tx, ctx, b.orderId, b.customerId);
    const receivedAt = b.receivedAt ? new Date(b.receivedAt) : new Date();
    const day = officeDay(receivedAt);
    const number = await nextDocNumber(tx, ctx.companyId, 'TS', day);
    const [row] = await tx
      .insert(complaints)
      .values({
        companyId: ctx.companyId,
        number,
        customerId: b.customerId,
        orderId: b.orderId ?? null,
        productId: b.productId ?? null,
        description: b.description,
        attachments: b.attachments ?? [],
        receivedAt,
        receivedBy: ctx.userId,
      })
      .returning({ id: complaints.id });
    await recordChange(tx, ctx, 'create', 'complaints', row.id, null, { number, description: b.description });
    return row.id;
  });
  return viewComplaint(ctx.db.orm, ctx, id);
}

export async function confirmComplaint(ctx: RequestContext, id: string, b: z.infer<typeof confirmBody>) {
  await transaction(ctx.db, async (tx) => {
    checkConfirmable(await lockComplaint(tx, ctx, id));
    await tx
      .update(complaints)
      .set({ status: 'confirmed', confirmedBy: ctx.userId, confirmedAt: new Date(), confirmationNote: b.note ?? null, updatedAt: new Date() })
      .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id)));
    await recordChange(tx, ctx, 'confirm', 'complaints', id, null, { status: 'confirmed' });
  });
  return viewComplaint(ctx.db.orm, ctx, id);
}

export async function makeReplacement(ctx: RequestContext, id: string, b: z.infer<typeof replacementBody>) {
  const row = await lockComplaint(ctx.db.orm, ctx, id);
  checkReplaceable(row);
  // Named as this body names them (the order's own check repeats it in its transaction).
  await checkReferences(ctx.db.orm, ctx.companyId, replacementBody, b);
  const order = await createDocument(ctx, salesOrderKind, {
    customerId: row.customerId,
    warehouseId: b.warehouseId,
    date: b.date,
    source: 'other',
    requiresProduction: b.production ?? false,
    remark: `补件单：投诉 ${row.number}`,
    lines: b.lines.map((l) => ({ ...l, price: '0' })),
  });
  await transaction(ctx.db, async (tx) => {
    const [flipped] = await tx
      .update(complaints)
      .set({ status: 'in_progress', resolution: b.production ? 'production' : 'replacement', replacementOrderId: order.id as string, updatedAt: new Date() })
      .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id), eq(complaints.status, 'confirmed')))
      .returning({ id: complaints.id });
    if (!flipped) throw wrongStep(row.number, 'in_progress', '已开过补件单', 'a replacement was already made');
    await recordChange(tx, ctx, 'replacement', 'complaints', id, null, { orderId: order.id, number: order.number });
  });
  return viewComplaint(ctx.db.orm, ctx, id);
}

export async function closeComplaint(ctx: RequestContext, id: string, b: z.infer<typeof closeBody>) {
  await transaction(ctx.db, async (tx) => {
    const row = await lockComplaint(tx, ctx, id);
    checkClosable(row);
    await tx
      .update(complaints)
      .set({
        status: 'closed',
        resolution: b.resolution ?? row.resolution ?? 'explained',
        closedBy: ctx.userId,
        closedAt: new Date(),
        closingNote: b.note,
        updatedAt: new Date(),
      })
      .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id)));
    await recordChange(tx, ctx, 'close', 'complaints', id, null, { note: b.note });
  });
  return viewComplaint(ctx.db.orm, ctx, id);
}
