// S9 客户投诉: the order clerk logs what the customer reports; customer service sees a
// daily summary; the business manager confirms; then a replacement-part order (补件单)
// ships at zero price (or goes to production) or an exchange is made; tracked to closure.
import { createRoute, z } from '@hono/zod-openapi';
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
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import type { RequestContext } from '../auth/auth.service.js';
import { createDocument } from '../documents/documents.service.js';
import { decimalSchema } from '../masterdata/fields.js';
import { requireCustomer } from './sales-lines.js';
import { salesOrderKind } from './sales-order.kind.js';

const STATUS_ZH = { received: '已登记', confirmed: '已确认', in_progress: '处理中', closed: '已结案' } as const;

const complaintBody = z.object({
  customerId: ref('customer'),
  /** The customer's order the complaint is about. */
  orderId: ref('salesOrder').nullable().optional(),
  productId: ref('product').nullable().optional(),
  description: text().trim().min(2).max(2000),
  attachments: z.array(text().trim().max(500)).max(20).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

const replacementBody = z.object({
  warehouseId: ref('warehouse'),
  date: z.iso.date(),
  /** The part goes to production (PMC) instead of out of stock. */
  production: z.boolean().optional(),
  lines: z
    .array(z.object({ productId: ref('product'), qty: decimalSchema('qty', true), unitId: ref('productUnit').nullable().optional() }))
    .min(1)
    .max(100),
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

async function view(db: Executor, ctx: RequestContext, id: string) {
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
  return { ...rest, ...names, statusName: STATUS_ZH[rest.status as keyof typeof STATUS_ZH] };
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

const wrongStep = (number: string, status: string, zh: string, en: string) =>
  errors.conflict(
    'COMPLAINT_WRONG_STEP',
    `投诉 ${number} 当前为${STATUS_ZH[status as keyof typeof STATUS_ZH] ?? status}，${zh}`,
    `Complaint ${number} is ${status}; ${en}`,
    { status },
  );

export function complaintRoutes() {
  const app = newRouter();
  const tag = '客户投诉 Complaints';
  const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
  const anyJson = json(z.object({}).passthrough());
  const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints',
      middleware: [requires('complaints:view')] as const,
      tags: [tag],
      request: {
        query: z.object({
          q: text().max(100).optional(),
          status: z.enum(['received', 'confirmed', 'in_progress', 'closed']).optional(),
          customerId: z.uuid().optional(),
          date: z.iso.date().optional(),
          page: z.coerce.number().int().min(1).max(100000).optional(),
          pageSize: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:view');
      const q = c.req.valid('query');
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
      const items: Awaited<ReturnType<typeof view>>[] = [];
      for (const r of rows) items.push(await view(ctx.db.orm, ctx, r.id));
      // The daily summary customer service reads: how many, in which state.
      const summary = Object.fromEntries(Object.keys(STATUS_ZH).map((s) => [s, items.filter((i) => i.status === s).length]));
      return c.json({ items, total: Number(n), page, pageSize, summary } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints',
      middleware: [requires('complaints:create')] as const,
      tags: [tag],
      request: { body: { ...json(complaintBody), required: true } },
      responses: { 201: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:create');
      const b = c.req.valid('json');
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
      return c.json((await view(ctx.db.orm, ctx, id)) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints/{id}',
      middleware: [requires('complaints:view')] as const,
      tags: [tag],
      request: { params: idParam },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:view');
      return c.json((await view(ctx.db.orm, ctx, c.req.valid('param').id)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints/{id}/confirmation',
      middleware: [requires('complaints:approve')] as const,
      tags: [tag],
      summary: '业务经理确认 The business manager confirms the complaint',
      request: { params: idParam, body: { ...json(z.object({ note: text().trim().max(500).optional() })), required: true } },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:approve');
      const { id } = c.req.valid('param');
      await transaction(ctx.db, async (tx) => {
        const row = await lockComplaint(tx, ctx, id);
        if (row.status !== 'received') throw wrongStep(row.number, row.status, '不能再确认', 'it cannot be confirmed again');
        await tx
          .update(complaints)
          .set({
            status: 'confirmed',
            confirmedBy: ctx.userId,
            confirmedAt: new Date(),
            confirmationNote: c.req.valid('json').note ?? null,
            updatedAt: new Date(),
          })
          .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id)));
        await recordChange(tx, ctx, 'confirm', 'complaints', id, null, { status: 'confirmed' });
      });
      return c.json((await view(ctx.db.orm, ctx, id)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints/{id}/replacement',
      middleware: [requires('sales-orders:create')] as const,
      tags: [tag],
      summary: '开补件单 A replacement-part order at zero price (or to production), after confirmation',
      request: { params: idParam, body: { ...json(replacementBody), required: true } },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'sales-orders:create');
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const row = await lockComplaint(ctx.db.orm, ctx, id);
      if (row.status !== 'confirmed')
        throw wrongStep(row.number, row.status, '业务经理确认后才能开补件单', 'a replacement needs the business manager’s confirmation first');
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
          .set({
            status: 'in_progress',
            resolution: b.production ? 'production' : 'replacement',
            replacementOrderId: order.id as string,
            updatedAt: new Date(),
          })
          .where(and(eq(complaints.companyId, ctx.companyId), eq(complaints.id, id), eq(complaints.status, 'confirmed')))
          .returning({ id: complaints.id });
        if (!flipped) throw wrongStep(row.number, 'in_progress', '已开过补件单', 'a replacement was already made');
        await recordChange(tx, ctx, 'replacement', 'complaints', id, null, { orderId: order.id, number: order.number });
      });
      return c.json((await view(ctx.db.orm, ctx, id)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints/{id}/close',
      middleware: [requires('complaints:edit')] as const,
      tags: [tag],
      summary: '结案 Close, with how it ended',
      request: {
        params: idParam,
        body: {
          ...json(
            z.object({
              note: text().trim().min(1).max(500),
              resolution: z.enum(['replacement', 'production', 'exchange', 'refund', 'explained']).optional(),
            }),
          ),
          required: true,
        },
      },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:edit');
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await transaction(ctx.db, async (tx) => {
        const row = await lockComplaint(tx, ctx, id);
        if (row.status === 'closed') throw wrongStep(row.number, row.status, '已结案', 'it is already closed');
        if (row.status === 'received') throw wrongStep(row.number, row.status, '须先经业务经理确认', 'the business manager must confirm it first');
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
      return c.json((await view(ctx.db.orm, ctx, id)) as never, 200);
    },
  );
  return app;
}
