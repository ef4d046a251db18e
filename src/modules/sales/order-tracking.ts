// 跟单: what happens to a sales order between the fax and the truck (S4), and to a
// delivery between the truck and the cashier (S6). Each step is a signed record in the
// document's `extra`, checked against the step before it.
//
// S4 made to order: 订金 confirmed by finance → 下达生产 (a production request to PMC) →
// stages (备料 裁剪 缝制 包装 完工, configurable) with the planned ship date against the
// contract date → 催余款 (request the balance) → finance confirms full payment → ship.
// Finance's two confirmations are money: audited advance receipts naming the order
// (order-money.ts). Any order with a deposit can have it confirmed, made to order or not.
// S6 company vehicle with cash on delivery: 待发车 → 已送达 → 已安装 → 已收款 → 已交款; handing
// the money to the cashier creates the receipt.
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { officeToday } from '../../core/office-day.js';
import { checkReferences, ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor, Tx } from '../../db/database.js';
import { documents, employees, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import { viewDocument } from '../documents/document-views.js';
import { auditDocument, createDocument, loadDocument } from '../documents/documents.service.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { seesMoney } from '../documents/money-visibility.js';
import { decimalSchema } from '../masterdata/fields.js';
import { getSettings } from '../settings/settings.service.js';
import { confirmOrderMoney, type MoneyConfirmationBody } from './order-money.js';
import { receiptKind } from './receipt.kind.js';
import { deliveryMoney, salesDeliveryKind } from './sales-delivery.kind.js';
import { salesOrderKind } from './sales-order.kind.js';
import { COD_STEPS, COD_ZH, type CodStep, type CodTrack, type MoneyConfirmed, type ProductionTrack, type Signed } from './tracking.rules.js';

const signed = async (tx: Executor, ctx: RequestContext): Promise<Signed> => {
  const [me] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.userId));
  return { by: me?.name ?? ctx.username, at: new Date().toISOString() };
};

async function updateExtra<T extends object>(tx: Executor, ctx: RequestContext, id: string, key: string, value: T) {
  await tx
    .update(documents)
    .set({ extra: sql`jsonb_set(${documents.extra}, ${`{${key}}`}::text[], ${JSON.stringify(value)}::jsonb, true)` })
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id)));
}

const step = (code: string, zh: string, en: string) => errors.conflict(code, zh, en);

/** Money recorded against an order (a deposit, the balance asked, the payment) is above 0 and never more than the order. */
function amountWithinOrder(doc: { header: { total: string; number: string } }, amount: string, what: { zh: string; en: string }) {
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

/** The body of a step and its schema, whose references are checked with the step (10.6). */
interface StepBody {
  schema: z.ZodType;
  body: unknown;
}

/** One tracked step of a document: load and lock it, check, write the record, sign the log. */
async function track<T>(
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  key: 'production' | 'cod',
  action: string,
  step: StepBody,
  change: (current: T | undefined, doc: Awaited<ReturnType<typeof loadDocument>>, who: Signed, tx: Executor) => Promise<T> | T,
) {
  await transaction(ctx.db, async (tx) => {
    const doc = await loadDocument(tx, ctx, kind, id, true);
    // Every id the body names, even one this step would not use (an account with nothing to receive).
    await checkReferences(tx, ctx.companyId, step.schema, step.body);
    const current = ((doc.header.extra ?? {}) as Record<string, unknown>)[key] as T | undefined;
    const next = await change(current, doc, await signed(tx, ctx), tx);
    await updateExtra(tx, ctx, id, key, next as object);
    await recordChange(tx, ctx, action, kind.resource, id, current ?? null, next);
  });
  return viewDocument(ctx.db.orm, ctx, kind, id);
}

export function trackingRoutes() {
  const app = newRouter();
  const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
  const anyJson = json(z.object({}).passthrough());
  const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
  const orderTag = '销售订单 Sales order';
  const route = (path: string, permission: Permission, summary: string, body: z.ZodType, tag = orderTag) =>
    createRoute({
      method: 'post',
      path,
      middleware: [requires(permission)] as const,
      tags: [tag],
      summary,
      request: { params: idParam, body: { ...json(body), required: true } },
      responses: { 200: anyJson, ...errorResponses },
    });

  const requireAuditedOrder = (doc: Awaited<ReturnType<typeof loadDocument>>) => {
    if (!['audited', 'partial'].includes(doc.header.status))
      throw step('ORDER_NOT_OPEN', `销售订单 ${doc.header.number} 须已审核且未完成`, `Sales order ${doc.header.number} must be audited and open`);
  };

  /** The body of finance's two confirmations: the amount, and where the money is (or comes from). */
  const moneyBody = (what: 'deposit' | 'payment') =>
    z.object({
      amount: decimalSchema('money', true).openapi({
        description:
          what === 'deposit' ? '确认的订金（订单累计已收）The deposit confirmed: what the order has been paid in all' : '确认的全款 The full payment confirmed',
      }),
      advanceReceiptId: ref('advanceReceipt')
        .optional()
        .openapi({ description: '已审核、注明本订单的预收款单 An audited advance receipt naming this order that the confirmation rests on' }),
      accountId: ref('account').optional().openapi({
        description: '收取差额的结算账户：差额即时开具并审核预收款单 The account receiving what is missing: an advance receipt is made and audited now',
      }),
      date: z.iso.date().optional().openapi({ description: '该预收款单日期（默认今天）The date of that receipt (default: the office’s today)' }),
      ...(what === 'payment'
        ? {
            collectOnDelivery: z.boolean().optional().openapi({ description: '差额由司机送货代收（S6）The driver collects what is missing on delivery' }),
          }
        : {}),
    });

  /** 确认订金 / 确认全款: the amount within the order, then the money behind it, once. */
  const confirmMoney =
    (what: 'deposit' | 'payment', names: { zh: string; en: string }) =>
    async (
      t: ProductionTrack | undefined,
      doc: Awaited<ReturnType<typeof loadDocument>>,
      who: Signed,
      tx: Executor,
      ctx: RequestContext,
      body: MoneyConfirmationBody,
    ) => {
      requireAuditedOrder(doc);
      const amount = amountWithinOrder(doc, body.amount, names);
      const key = what === 'deposit' ? 'depositConfirmed' : 'paymentConfirmed';
      const before: MoneyConfirmed | undefined = t?.[key];
      // A repeated click (or a retry) finds it done; a different amount is not a repeat.
      if (before?.received !== undefined && new Decimal(before.amount).eq(amount)) return t as ProductionTrack;
      if (before?.received !== undefined) {
        throw errors.conflict(
          'ALREADY_CONFIRMED',
          `财务已确认${names.zh} ${before.amount}，不能改为 ${amount}`,
          `Finance already confirmed the ${names.en} as ${before.amount}; it cannot become ${amount}`,
          { amount: before.amount },
        );
      }
      return { ...t, [key]: await confirmOrderMoney(tx as Tx, ctx, doc, { ...body, amount }, what, who) };
    };

  const depositBody = moneyBody('deposit');
  const paymentBody = moneyBody('payment');
  const productionBody = z.object({ plannedShipDate: z.iso.date() });
  const stageBody = z.object({ stage: text().trim().min(1).max(20), plannedShipDate: z.iso.date().optional() });
  const balanceBody = z.object({ amount: decimalSchema('money', true) });
  const codBody = z.object({
    vehicle: text().trim().min(1).max(50),
    driverId: ref('employee', '司机（职员）The driver, an employee'),
    amountToCollect: decimalSchema('money', true).optional().openapi({
      description:
        '代收金额；省略时为发货单的 amountDue（未结金额扣除其订单已付订金）Omitted: the delivery’s amountDue (open amount less what was paid for its orders)',
    }),
  });
  const codStatusBody = z.object({ status: z.enum(COD_STEPS), amountCollected: decimalSchema('money', true).optional(), accountId: ref('account').optional() });

  app.openapi(
    route(
      '/sales-orders/{id}/deposit-confirmation',
      'receipts:audit',
      '财务确认订金 S4 finance confirms the deposit: audited advance receipts naming the order, or one received now',
      depositBody,
    ),
    async (c) => {
      const ctx = authorize(c, 'receipts:audit');
      const body = c.req.valid('json') as MoneyConfirmationBody;
      const confirm = confirmMoney('deposit', { zh: '订金', en: 'deposit' });
      return c.json(
        (await track<ProductionTrack>(
          ctx,
          salesOrderKind,
          c.req.valid('param').id,
          'production',
          'deposit-confirmed',
          { schema: depositBody, body },
          (t, doc, who, tx) => confirm(t, doc, who, tx, ctx, body),
        )) as never,
        200,
      );
    },
  );

  app.openapi(
    route('/sales-orders/{id}/production', 'sales-orders:edit', '下达生产 S4 release the order to production planning', productionBody),
    async (c) => {
      const ctx = authorize(c, 'sales-orders:edit');
      const body = c.req.valid('json') as { plannedShipDate: string };
      const { plannedShipDate } = body;
      return c.json(
        (await track<ProductionTrack>(
          ctx,
          salesOrderKind,
          c.req.valid('param').id,
          'production',
          'released',
          { schema: productionBody, body },
          async (t, doc, who, tx) => {
            requireAuditedOrder(doc);
            if (!t?.depositConfirmed)
              throw step('DEPOSIT_NOT_CONFIRMED', '订金未经财务确认，不能下达生产', 'The deposit is not confirmed by finance; production cannot start');
            if (t.released) throw step('ALREADY_RELEASED', '已下达生产', 'Already released to production');
            const stages = (await getSettings(tx, ctx.companyId)).productionStages;
            return { ...t, released: { ...who, plannedShipDate }, stages: [{ ...who, stage: stages[0] }] };
          },
        )) as never,
        200,
      );
    },
  );

  app.openapi(route('/sales-orders/{id}/stage', 'sales-orders:edit', '生产进度 S4 the stage the order has reached', stageBody), async (c) => {
    const ctx = authorize(c, 'sales-orders:edit');
    const body = c.req.valid('json') as { stage: string; plannedShipDate?: string };
    return c.json(
      (await track<ProductionTrack>(
        ctx,
        salesOrderKind,
        c.req.valid('param').id,
        'production',
        'stage',
        { schema: stageBody, body },
        async (t, _doc, who, tx) => {
          if (!t?.released) throw step('NOT_RELEASED', '尚未下达生产', 'Not released to production yet');
          const stages = (await getSettings(tx, ctx.companyId)).productionStages;
          const from = stages.indexOf(t.stages?.at(-1)?.stage ?? '');
          const to = stages.indexOf(body.stage);
          if (to < 0)
            throw errors.unprocessable(
              'UNKNOWN_STAGE',
              `未知的工序：${body.stage}（${stages.join('、')}）`,
              `Unknown stage ${body.stage} (${stages.join(', ')})`,
              { stages },
            );
          if (to <= from)
            throw step(
              'STAGE_BACKWARDS',
              `订单已在「${stages[from]}」，不能回到「${body.stage}」`,
              `The order is at ${stages[from]}; it cannot go back to ${body.stage}`,
            );
          const released = body.plannedShipDate && t.released ? { ...t.released, plannedShipDate: body.plannedShipDate } : t.released;
          return { ...t, released, stages: [...(t.stages ?? []), { ...who, stage: body.stage }] };
        },
      )) as never,
      200,
    );
  });

  app.openapi(route('/sales-orders/{id}/balance-request', 'sales-orders:edit', '催余款 S4 ask the customer for the balance', balanceBody), async (c) => {
    const ctx = authorize(c, 'sales-orders:edit');
    const body = c.req.valid('json') as { amount: string };
    const { amount } = body;
    return c.json(
      (await track<ProductionTrack>(
        ctx,
        salesOrderKind,
        c.req.valid('param').id,
        'production',
        'balance-requested',
        { schema: balanceBody, body },
        (t, doc, who) => {
          requireAuditedOrder(doc);
          return { ...t, balanceRequested: { ...who, amount: amountWithinOrder(doc, amount, { zh: '催收余款', en: 'balance asked' }) } };
        },
      )) as never,
      200,
    );
  });

  app.openapi(
    route(
      '/sales-orders/{id}/payment-confirmation',
      'receipts:audit',
      '财务确认全款 S4 finance confirms full payment (received, received now, or collected on delivery): the order may ship',
      paymentBody,
    ),
    async (c) => {
      const ctx = authorize(c, 'receipts:audit');
      const body = c.req.valid('json') as MoneyConfirmationBody;
      const confirm = confirmMoney('payment', { zh: '确认收款', en: 'payment confirmed' });
      return c.json(
        (await track<ProductionTrack>(
          ctx,
          salesOrderKind,
          c.req.valid('param').id,
          'production',
          'payment-confirmed',
          { schema: paymentBody, body },
          (t, doc, who, tx) => confirm(t, doc, who, tx, ctx, body),
        )) as never,
        200,
      );
    },
  );

  const deliveryTag = '发货单 Delivery note';
  app.openapi(
    route(
      '/sales-deliveries/{id}/cod',
      'sales-deliveries:edit',
      '派车代收 S6 assign a company vehicle and driver, with the amount to collect',
      codBody,
      deliveryTag,
    ),
    async (c) => {
      const ctx = authorize(c, 'sales-deliveries:edit');
      const b = c.req.valid('json') as { vehicle: string; driverId: string; amountToCollect?: string };
      return c.json(
        (await track<CodTrack>(
          ctx,
          salesDeliveryKind,
          c.req.valid('param').id,
          'cod',
          'cod-assigned',
          { schema: codBody, body: b },
          async (t, doc, who, tx) => {
            if (t && t.status !== 'waiting') throw step('COD_UNDERWAY', `已${COD_ZH[t.status]}，不能改派`, `Already ${t.status}; cannot reassign`);
            const [driver] = await tx
              .select({ name: employees.name, active: employees.active })
              .from(employees)
              .where(and(eq(employees.companyId, ctx.companyId), eq(employees.id, b.driverId)));
            if (!driver?.active) throw errors.unprocessable('REFERENCE_INACTIVE', '司机已停用', 'The driver is deactivated', { field: 'driverId' });
            return {
              vehicle: b.vehicle,
              driverId: b.driverId,
              driverName: driver.name,
              amountToCollect: new Decimal(b.amountToCollect ?? (await deliveryMoney(tx, ctx, doc)).amountDue).toFixed(2),
              status: 'waiting' as const,
              history: [{ ...who, status: 'waiting' as const }],
            };
          },
        )) as never,
        200,
      );
    },
  );

  app.openapi(
    route(
      '/sales-deliveries/{id}/cod/status',
      'sales-deliveries:view',
      '代收进度 S6 已送达 → 已安装 → 已收款 → 已交款 (handing in creates the receipt)',
      codStatusBody,
      deliveryTag,
    ),
    async (c) => {
      const ctx = authorize(c, 'sales-deliveries:view');
      const { id } = c.req.valid('param');
      const b = c.req.valid('json') as { status: CodStep; amountCollected?: string; accountId?: string };
      // The driver records delivery, installation and collection; only the cashier takes the money in.
      if (b.status === 'handed_in') authorize(c, 'receipts:create');
      let receiptFor: { customerId: string; accountId: string; amount: string; date: string } | undefined;
      const view = await track<CodTrack>(ctx, salesDeliveryKind, id, 'cod', `cod-${b.status}`, { schema: codStatusBody, body: b }, (t, doc, who) => {
        if (!t) throw step('COD_NOT_ASSIGNED', '该发货单未派车代收', 'This delivery has no vehicle with cash on delivery');
        if (doc.header.status !== 'audited') throw step('DELIVERY_NOT_AUDITED', '发货单未审核', 'The delivery is not audited');
        const from = COD_STEPS.indexOf(t.status);
        const to = COD_STEPS.indexOf(b.status);
        if (to !== from + 1 && !(b.status === 'collected' && t.status === 'delivered')) {
          throw step(
            'COD_WRONG_STEP',
            `当前为「${COD_ZH[t.status]}」，下一步不能是「${COD_ZH[b.status]}」`,
            `Now ${t.status}; the next step cannot be ${b.status}`,
          );
        }
        const next: CodTrack = { ...t, status: b.status, history: [...t.history, { ...who, status: b.status }] };
        if (b.status === 'collected') next.amountCollected = new Decimal(b.amountCollected ?? t.amountToCollect).toFixed(2);
        if (b.status === 'handed_in') {
          if (!b.accountId) throw errors.validation([{ path: 'accountId', message: '交款须选择收款账户', messageEn: 'is required to hand money in' }]);
          receiptFor = {
            customerId: doc.header.partnerId as string,
            accountId: b.accountId,
            amount: next.amountCollected ?? t.amountToCollect,
            date: officeToday(),
          };
        }
        return next;
      });
      if (receiptFor) {
        // The cashier's receipt settles this delivery (what exceeds it becomes an advance).
        const open = await ctx.db.orm.execute(
          sql`SELECT (amount - settled)::text AS open FROM open_items WHERE company_id = ${ctx.companyId} AND document_id = ${id}`,
        );
        const openAmount = new Decimal((open as unknown as { rows: { open: string }[] }).rows[0]?.open ?? '0');
        const allocate = Decimal.min(openAmount, receiptFor.amount);
        const receipt = await createDocument(ctx, receiptKind, {
          customerId: receiptFor.customerId,
          accountId: receiptFor.accountId,
          date: receiptFor.date,
          receiptTotal: new Decimal(receiptFor.amount).toFixed(2),
          allocations: allocate.gt(0) ? [{ documentId: id, amount: allocate.toFixed(2) }] : [],
          remark: `司机代收交款：${(view as { number?: string }).number ?? ''}`,
        });
        await auditDocument(ctx, receiptKind, receipt.id as string);
        await transaction(ctx.db, (tx) => updateExtra(tx, ctx, id, 'cod', { ...((view as unknown as { cod: CodTrack }).cod ?? {}), receiptId: receipt.id }));
        return c.json((await viewDocument(ctx.db.orm, ctx, salesDeliveryKind, id)) as never, 200);
      }
      return c.json(view as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cod/outstanding',
      middleware: [requires('sales-deliveries:view')] as const,
      tags: [deliveryTag],
      summary: '司机未交款 S6 money still held by drivers',
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'sales-deliveries:view');
      const rows = (await ctx.db.orm.execute(sql`
        SELECT d.id, d.number, d.date::text AS date, c.name AS "customerName", d.extra->'cod' AS cod
        FROM documents d JOIN customers c ON c.company_id = d.company_id AND c.id = d.partner_id
        WHERE d.company_id = ${ctx.companyId} AND d.kind = 'sales_delivery' AND d.status = 'audited'
          AND d.extra ? 'cod' AND d.extra->'cod'->>'status' <> 'handed_in'
        ORDER BY d.date, d.number`)) as unknown as { rows: { id: string; number: string; date: string; customerName: string; cod: CodTrack }[] };
      const items = rows.rows.map((r) => ({
        id: r.id,
        number: r.number,
        date: r.date,
        customerName: r.customerName,
        vehicle: r.cod.vehicle,
        driverName: r.cod.driverName,
        status: r.cod.status,
        statusName: COD_ZH[r.cod.status],
        amountToCollect: r.cod.amountToCollect,
        held: r.cod.status === 'collected' ? (r.cod.amountCollected ?? r.cod.amountToCollect) : '0.00',
      }));
      const held = items.reduce((s, i) => s.plus(i.held), new Decimal(0));
      // X4 the money is what the delivery notes are worth: without sales-deliveries:price the
      // trips are listed (vehicle, driver, step) and the amounts read as null
      if (!seesMoney(ctx, salesDeliveryKind)) {
        return c.json({ items: items.map((i) => ({ ...i, amountToCollect: null, held: null })), heldByDrivers: null } as never, 200);
      }
      return c.json({ items, heldByDrivers: held.toFixed(2) } as never, 200);
    },
  );
  return app;
}
