// 跟单 in the database (S4, S6): each step a signed record in the document's `extra`,
// written under the document's lock and checked against the step before it
// (tracking.rules.ts). Finance's confirmations are money (order-money.ts); handing a
// driver's cash to the cashier makes and audits the receipt.
import { z } from '@hono/zod-openapi';
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
import type { RequestContext } from '../auth/auth.service.js';
import { viewDocument } from '../documents/document-views.js';
import { auditDocument, createDocument, loadDocument } from '../documents/documents.service.js';
import type { DocumentKind, LoadedDocument } from '../documents/documents.types.js';
import { seesMoney } from '../documents/money-visibility.js';
import { decimalSchema } from '../masterdata/fields.js';
import { getSettings } from '../settings/settings.service.js';
import { confirmOrderMoney, type MoneyConfirmationBody } from './order-money.js';
import { receiptKind } from './receipt.kind.js';
import { deliveryMoney, salesDeliveryKind } from './sales-delivery.kind.js';
import { salesOrderKind } from './sales-order.kind.js';
import {
  alreadyConfirmed,
  amountWithinOrder,
  COD_STEPS,
  COD_ZH,
  type CodTrack,
  checkCodAssignable,
  checkCodStep,
  checkReleasable,
  checkStage,
  type ProductionTrack,
  requireAuditedOrder,
  type Signed,
} from './tracking.rules.js';

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
  });

export const depositBody = moneyBody('deposit');
export const paymentBody = moneyBody('payment').extend({
  collectOnDelivery: z.boolean().optional().openapi({ description: '差额由司机送货代收（S6）The driver collects what is missing on delivery' }),
});
export const productionBody = z.object({ plannedShipDate: z.iso.date() });
export const stageBody = z.object({ stage: text().trim().min(1).max(20), plannedShipDate: z.iso.date().optional() });
export const balanceBody = z.object({ amount: decimalSchema('money', true) });
export const codBody = z.object({
  vehicle: text().trim().min(1).max(50),
  driverId: ref('employee', '司机（职员）The driver, an employee'),
  amountToCollect: decimalSchema('money', true).optional().openapi({
    description:
      '代收金额；省略时为发货单的 amountDue（未结金额扣除其订单已付订金）Omitted: the delivery’s amountDue (open amount less what was paid for its orders)',
  }),
});
export const codStatusBody = z.object({
  status: z.enum(COD_STEPS),
  amountCollected: decimalSchema('money', true).optional(),
  accountId: ref('account').optional(),
});

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

/** Each tracked record in `extra`, read back as the type its steps write. */
interface Tracks {
  production: ProductionTrack;
  cod: CodTrack;
}
const trackKinds: { [K in keyof Tracks]: DocumentKind } = { production: salesOrderKind, cod: salesDeliveryKind };

/** One tracked step of a document: load and lock it, check, write the record, sign the log. */
async function track<K extends keyof Tracks>(
  ctx: RequestContext,
  key: K,
  id: string,
  action: string,
  step: { schema: z.ZodType; body: unknown },
  change: (current: Tracks[K] | undefined, doc: LoadedDocument, who: Signed, tx: Executor) => Promise<Tracks[K]> | Tracks[K],
) {
  const kind = trackKinds[key];
  await transaction(ctx.db, async (tx) => {
    const doc = await loadDocument(tx, ctx, kind, id, true);
    // Every id the body names, even one this step would not use (an account with nothing to receive).
    await checkReferences(tx, ctx.companyId, step.schema, step.body);
    const current = trackOf(doc, key);
    const next = await change(current, doc, await signed(tx, ctx), tx);
    await updateExtra(tx, ctx, id, key, next);
    await recordChange(tx, ctx, action, kind.resource, id, current ?? null, next);
  });
  return viewDocument(ctx.db.orm, ctx, kind, id);
}

/** The record a document's steps wrote; only those steps write it, so it is of their type. */
function trackOf<K extends keyof Tracks>(doc: LoadedDocument, key: K): Tracks[K] | undefined {
  const extra: Partial<Tracks> = doc.header.extra ?? {};
  return extra[key];
}

/** 确认订金 / 确认全款: the amount within the order, then the money behind it, once. */
function confirmMoney(what: 'deposit' | 'payment', names: { zh: string; en: string }, action: string, schema: z.ZodType) {
  return (ctx: RequestContext, id: string, body: MoneyConfirmationBody) =>
    track(ctx, 'production', id, action, { schema, body }, async (t, doc, who, tx) => {
      requireAuditedOrder(doc);
      const amount = amountWithinOrder(doc, body.amount, names);
      const key = what === 'deposit' ? 'depositConfirmed' : 'paymentConfirmed';
      if (alreadyConfirmed(t?.[key], amount, names)) return t as ProductionTrack;
      return { ...t, [key]: await confirmOrderMoney(tx as Tx, ctx, doc, { ...body, amount }, what, who) };
    });
}

export const confirmDeposit = confirmMoney('deposit', { zh: '订金', en: 'deposit' }, 'deposit-confirmed', depositBody);
export const confirmPayment = confirmMoney('payment', { zh: '确认收款', en: 'payment confirmed' }, 'payment-confirmed', paymentBody);

export const releaseToProduction = (ctx: RequestContext, id: string, body: z.infer<typeof productionBody>) =>
  track(ctx, 'production', id, 'released', { schema: productionBody, body }, async (t, doc, who, tx) => {
    requireAuditedOrder(doc);
    checkReleasable(t);
    const stages = (await getSettings(tx, ctx.companyId)).productionStages;
    return { ...t, released: { ...who, plannedShipDate: body.plannedShipDate }, stages: [{ ...who, stage: stages[0] }] };
  });

export const reachStage = (ctx: RequestContext, id: string, body: z.infer<typeof stageBody>) =>
  track(ctx, 'production', id, 'stage', { schema: stageBody, body }, async (t, _doc, who, tx) => {
    checkStage(t, (await getSettings(tx, ctx.companyId)).productionStages, body.stage);
    const released = body.plannedShipDate && t?.released ? { ...t.released, plannedShipDate: body.plannedShipDate } : t?.released;
    return { ...t, released, stages: [...(t?.stages ?? []), { ...who, stage: body.stage }] };
  });

export const requestBalance = (ctx: RequestContext, id: string, body: z.infer<typeof balanceBody>) =>
  track(ctx, 'production', id, 'balance-requested', { schema: balanceBody, body }, (t, doc, who) => {
    requireAuditedOrder(doc);
    return { ...t, balanceRequested: { ...who, amount: amountWithinOrder(doc, body.amount, { zh: '催收余款', en: 'balance asked' }) } };
  });

export const assignCod = (ctx: RequestContext, id: string, b: z.infer<typeof codBody>) =>
  track(ctx, 'cod', id, 'cod-assigned', { schema: codBody, body: b }, async (t, doc, who, tx) => {
    checkCodAssignable(t);
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
  });

/** S6 已送达 → 已安装 → 已收款 → 已交款; handing in creates and audits the cashier's receipt. */
export async function advanceCod(ctx: RequestContext, id: string, b: z.infer<typeof codStatusBody>) {
  let receiptFor: { customerId: string; accountId: string; amount: string; date: string } | undefined;
  let written: CodTrack | undefined;
  const view = await track(ctx, 'cod', id, `cod-${b.status}`, { schema: codStatusBody, body: b }, (t, doc, who) => {
    checkCodStep(t, doc.header.status, b.status);
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
    written = next;
    return next;
  });
  if (!receiptFor) return view;
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
  await transaction(ctx.db, (tx) => updateExtra(tx, ctx, id, 'cod', { ...written, receiptId: receipt.id }));
  return viewDocument(ctx.db.orm, ctx, salesDeliveryKind, id);
}

/** S6 money still held by drivers; the amounts only for who sees the deliveries' money (X4). */
export async function outstandingCod(ctx: RequestContext) {
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
  if (!seesMoney(ctx, salesDeliveryKind)) return { items: items.map((i) => ({ ...i, amountToCollect: null, held: null })), heldByDrivers: null };
  return { items, heldByDrivers: held.toFixed(2) };
}
