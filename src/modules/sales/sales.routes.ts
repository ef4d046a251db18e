// Sales beside the document routes: the order's phone confirmation, the approval of a
// delivery outside the payment rule, a customer's balance / open items / statement, and
// the default price of a product for a customer.
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { writeSheet, XLSX_TYPE, xlsxAttachment } from '../../core/excel.js';
import { officeToday } from '../../core/office-day.js';
import { binary, text } from '../../core/text.js';
import { documents, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { authorize, errorResponses, newRouter, requires, requiresAny } from '../../http/context.js';
import { approveWithReason } from '../approvals/approvals.service.js';
import { viewDocument } from '../documents/document-views.js';
import { loadDocument } from '../documents/documents.service.js';
import { ACCOUNT_VIEWERS, CUSTOMER_BALANCE_VIEWERS, customerBalance, partnerOpenItems, partnerStatement } from '../trade/partner-accounts.service.js';
import { salesDeliveryKind } from './sales-delivery.kind.js';
import { defaultSalesPrice } from './sales-lines.js';
import { type SalesOrderExtra, salesOrderKind } from './sales-order.kind.js';
import { allocateStock, allocationBody, availability, salesReport } from './sales-reports.service.js';
import { salesReturnKind } from './sales-return.kind.js';

const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const anyJson = json(z.object({}).passthrough());
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const confirmationSchema = z.object({
  /** Who at the customer confirmed (the boss, the store's clerk…). */
  confirmedWith: text().trim().min(1).max(100),
  method: z.enum(['phone', 'fax', 'visit', 'online', 'other']).default('phone'),
  at: z.iso.datetime({ offset: true }).optional(),
  remark: text().trim().max(200).nullable().optional(),
});

export function salesRoutes() {
  const app = newRouter();
  const customerTag = '客户往来 Customer account';

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sales-orders/{id}/confirmation',
      middleware: [requires('sales-orders:edit')] as const,
      tags: ['销售订单 Sales order'],
      summary: '电话确认 S2 record the confirmation of the order with the customer',
      request: { params: idParam, body: { ...json(confirmationSchema), required: true } },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'sales-orders:edit');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await transaction(ctx.db, async (tx) => {
        const doc = await loadDocument(tx, ctx, salesOrderKind, id, true);
        if (doc.header.status === 'closed')
          throw errors.conflict('ORDER_CLOSED', `销售订单 ${doc.header.number} 已关闭`, `Sales order ${doc.header.number} is closed`);
        const [me] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.userId));
        const confirmation = {
          confirmedWith: body.confirmedWith,
          method: body.method,
          at: body.at ?? new Date().toISOString(),
          by: me?.name ?? ctx.username,
          remark: body.remark ?? null,
        };
        const extra: SalesOrderExtra = { ...((doc.header.extra ?? {}) as SalesOrderExtra), confirmation };
        await tx
          .update(documents)
          .set({ extra })
          .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id)));
        await recordChange(tx, ctx, 'confirm', 'sales-orders', id, null, confirmation);
      });
      return c.json((await viewDocument(ctx.db.orm, ctx, salesOrderKind, id)) as never, 200);
    },
  );

  // Approvals with a reason: S5 a delivery outside the payment rule, S7 a return request.
  const approvals = [
    { kind: salesDeliveryKind, tag: '发货单 Delivery note', summary: '批准 S5 approve delivering outside the payment rule, with a reason' },
    { kind: salesReturnKind, tag: '销售退货 Sales return', summary: '退货审批 S7 approve the return request, with a reason' },
  ] as const;
  for (const a of approvals) {
    const permission = `${a.kind.resource}:approve` as const;
    app.openapi(
      createRoute({
        method: 'post',
        path: `/${a.kind.resource}/{id}/approval`,
        middleware: [requires(permission)] as const,
        tags: [a.tag],
        summary: a.summary,
        request: { params: idParam, body: { ...json(z.object({ reason: text().trim().min(2).max(300) })), required: true } },
        responses: { 200: anyJson, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, permission);
        const { id } = c.req.valid('param');
        // A thin alias of the A2 engine: submit if nothing is open, approve the step due.
        await approveWithReason(ctx, a.kind, id, c.req.valid('json').reason);
        return c.json((await viewDocument(ctx.db.orm, ctx, a.kind, id)) as never, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}/balance',
      middleware: [requires('customers:view'), requiresAny(CUSTOMER_BALANCE_VIEWERS)] as const,
      tags: [customerTag],
      summary: '客户余额 {receivable, advance}',
      request: { params: idParam },
      responses: { 200: json(z.object({ receivable: text(), advance: text(), net: text() })), ...errorResponses },
    }),
    async (c) => c.json(await customerBalance(authorize(c, 'customers:view'), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}/open-items',
      middleware: [requires('customers:view'), requiresAny(ACCOUNT_VIEWERS.customer)] as const,
      tags: [customerTag],
      summary: '待收款单据 Open deliveries and returns',
      request: { params: idParam },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => c.json({ items: await partnerOpenItems(authorize(c, 'customers:view'), 'customer', c.req.valid('param').id) } as never, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}/statement',
      middleware: [requires('customers:view'), requiresAny(ACCOUNT_VIEWERS.customer)] as const,
      tags: [customerTag],
      summary: '对账单 Statement with running balance',
      request: { params: idParam, query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }) },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json((await partnerStatement(authorize(c, 'customers:view'), 'customer', c.req.valid('param').id, from, to)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}/statement/export',
      middleware: [requires('customers:export'), requiresAny(ACCOUNT_VIEWERS.customer)] as const,
      tags: [customerTag],
      request: { params: idParam, query: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }) },
      responses: { 200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } }, ...errorResponses },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const st = await partnerStatement(authorize(c, 'customers:export'), 'customer', c.req.valid('param').id, from, to);
      const rows = [
        { date: from ?? '', kindName: '期初余额', balance: st.opening.balance },
        ...st.lines,
        { date: to ?? '', kindName: '期末余额', balance: st.closing.balance },
      ];
      const buf = await writeSheet(
        `对账单-${st.supplier.name}`,
        [
          { header: '日期', key: 'date' },
          { header: '单号', key: 'number', width: 20 },
          { header: '摘要', key: 'kindName', width: 18 },
          { header: '增加应收', key: 'increase', numeric: true },
          { header: '减少应收', key: 'decrease', numeric: true },
          { header: '余额', key: 'balance', numeric: true },
          { header: '备注', key: 'remark', width: 30 },
        ],
        rows as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': xlsxAttachment('statement', `对账单-${st.supplier.name}`),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sales-prices/default',
      middleware: [requires('sales-orders:view')] as const,
      tags: ['销售订单 Sales order'],
      summary: '默认售价 S2 the customer’s price level (or last price) for a product',
      request: { query: z.object({ productId: z.uuid(), customerId: z.uuid() }) },
      responses: { 200: json(z.object({ price: text().nullable(), source: text().nullable() })), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'sales-orders:view');
      // X4 it is a sales price: without sales-orders:price it reads as null, like the order's
      if (!ctx.permissions.has('sales-orders:price')) return c.json({ price: null, source: null }, 200);
      const q = c.req.valid('query');
      const d = await defaultSalesPrice(ctx.db.orm, ctx, q.customerId, q.productId);
      return c.json({ price: d.price ? d.price.toDecimalPlaces(4).toFixed(4) : null, source: d.source }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/receivables/overdue',
      middleware: [requires('receipts:view')] as const,
      tags: [customerTag],
      summary: '逾期未回款 S8 open receivables past due (cash customers first) to chase',
      request: { query: z.object({ date: z.iso.date().optional(), paymentTerm: z.enum(['cash', 'credit']).optional() }) },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'receipts:view');
      const q = c.req.valid('query');
      const asOf = q.date ?? officeToday();
      const res = (await ctx.db.orm.execute(sql`
        SELECT o.document_id AS "documentId", d.number, d.date::text AS date, o.due_date::text AS "dueDate",
               (${asOf}::date - o.due_date) AS "daysOverdue", (o.amount - o.settled)::text AS open,
               cu.id AS "customerId", cu.name AS "customerName", cu.phone, cu.payment_term AS "paymentTerm", e.name AS "salespersonName"
        FROM open_items o
        JOIN documents d ON d.company_id = o.company_id AND d.id = o.document_id
        JOIN customers cu ON cu.company_id = o.company_id AND cu.id = o.partner_id
        LEFT JOIN employees e ON e.company_id = cu.company_id AND e.id = cu.salesperson_id
        WHERE o.company_id = ${ctx.companyId} AND o.account = 'receivable' AND o.amount - o.settled > 0 AND o.due_date < ${asOf}::date
          ${q.paymentTerm ? sql`AND cu.payment_term = ${q.paymentTerm}` : sql``}
        ORDER BY (cu.payment_term = 'cash') DESC, o.due_date, d.number`)) as unknown as { rows: Record<string, unknown>[] };
      return c.json({ asOf, items: res.rows.map((r) => ({ ...r, daysOverdue: Number(r.daysOverdue) })) } as never, 200);
    },
  );

  const reportQuery = z.object({
    period: z.enum(['day', 'dekad', 'month']).default('day'),
    date: z.iso.date(),
    groupBy: z.enum(['customer', 'product', 'salesperson', 'region']).default('customer'),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/sales',
      middleware: [requires('reports:view')] as const,
      tags: ['报表 Reports'],
      summary: '销售日报 / 旬报 / 月累计 S10 R3 by customer, product, salesperson or region',
      request: { query: reportQuery },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json((await salesReport(authorize(c, 'reports:view'), q.period, q.date, q.groupBy)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/sales/export',
      middleware: [requires('reports:export')] as const,
      tags: ['报表 Reports'],
      request: { query: reportQuery },
      responses: { 200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await salesReport(authorize(c, 'reports:export'), q.period, q.date, q.groupBy);
      const title = { day: '销售日报', dekad: '销售旬报', month: '销售月累计' }[q.period];
      const group = { customer: '客户', product: '商品', salesperson: '业务员', region: '区域' }[q.groupBy];
      const buf = await writeSheet(
        `${title}`,
        [
          { header: group, key: 'name', width: 28 },
          { header: '数量', key: 'qty', numeric: true },
          { header: '金额', key: 'amount', numeric: true, width: 14 },
          { header: '价税合计', key: 'total', numeric: true, width: 14 },
          { header: '成本', key: 'cost', numeric: true, width: 14 },
          { header: '毛利', key: 'grossProfit', numeric: true, width: 14 },
          { header: '毛利率%', key: 'margin', numeric: true },
          { header: '单据数', key: 'documents', numeric: true },
        ],
        [...r.rows, { name: '合计', ...r.totals }] as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': xlsxAttachment(`sales-${q.period}`, `${title}-${r.label}`),
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/sales-orders/allocation',
      middleware: [requires('sales-orders:approve')] as const,
      tags: ['销售订单 Sales order'],
      summary: '缺货分配 S3 spread scarce stock over open orders by customer grade, then order date; records reservations',
      request: { body: { ...json(allocationBody), required: true } },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json((await allocateStock(authorize(c, 'sales-orders:approve'), b.productId, b.warehouseId)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/stock/availability',
      middleware: [requires('stock:view')] as const,
      tags: ['库存 Stock'],
      summary: '可用库存 S3 on hand minus what open sales orders reserve',
      request: { query: z.object({ productIds: text().max(20000), warehouseId: z.uuid(), excludeOrderId: z.uuid().optional() }) },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const ids = q.productIds.split(',').filter(Boolean);
      if (ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id)))
        throw errors.validation([{ path: 'productIds', message: '应为逗号分隔的商品 ID', messageEn: 'must be comma-separated product ids' }]);
      return c.json({ items: await availability(authorize(c, 'stock:view'), ids, q.warehouseId, q.excludeOrderId) } as never, 200);
    },
  );
  return app;
}
