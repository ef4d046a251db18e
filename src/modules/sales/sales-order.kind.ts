// S2 客户订单: a customer's fax or call becomes an order: lines by product with price
// level, discount and tax; where it came from (传真/电话/来访/网上); the phone
// confirmation; the deposit asked for; the total the customer must remit (netting what
// it already owes or has paid ahead, S8). Posts nothing; deliveries ship against it.
// Advance receipts may name it (订金): what it has been paid (depositReceived) and what is
// left to pay (balanceToPay) are read from them.
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { officeToday } from '../../core/office-day.js';
import type { Executor } from '../../db/database.js';
import { partnerBalances } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { requireEmployee, requireWarehouse } from '../documents/kind-references.js';
import { decimalSchema } from '../masterdata/fields.js';
import { getSettings } from '../settings/settings.service.js';
import { advancesNaming, guardOrderWithAdvances, paidAheadFor } from '../trade/advance-orders.js';
import { totalsOf } from '../trade/source-lines.js';
import { orderLineOpen } from '../trade/trade.rules.js';
import { buildSalesLines, requireCustomer, salesHeaderSchema } from './sales-lines.js';
import { type ProductionTrack, productionState } from './tracking.rules.js';

export const ORDER_SOURCES = ['fax', 'phone', 'visit', 'online', 'other'] as const;

export const salesOrderSchema = salesHeaderSchema.extend({
  /** 订单来源: 传真 / 电话 / 来访 / 网上 / 其他. */
  source: z.enum(ORDER_SOURCES).optional(),
  /** 合同交期 the date promised in the contract. */
  contractDate: z.iso.date().nullable().optional(),
  /** 订金: an amount, or a percent of the total. */
  depositRequired: decimalSchema('money', true).nullable().optional(),
  depositPct: decimalSchema('ratio', true).nullable().optional(),
  requiresProduction: z.boolean().optional(),
});

export interface SalesOrderExtra {
  source?: string;
  contractDate?: string | null;
  depositRequired?: string | null;
  requiresProduction?: boolean;
  confirmation?: { confirmedWith: string; method: string; at: string; by: string; remark?: string | null };
  production?: ProductionTrack;
}

export async function customerBalances(db: Executor, ctx: RequestContext, customerId: string) {
  const rows = await db
    .select({ account: partnerBalances.account, balance: partnerBalances.balance })
    .from(partnerBalances)
    .where(and(eq(partnerBalances.companyId, ctx.companyId), eq(partnerBalances.partnerId, customerId)));
  const get = (a: string) => new Decimal(rows.find((r) => r.account === a)?.balance ?? 0);
  return { receivable: get('receivable'), advance: get('advance') };
}

const advances = guardOrderWithAdvances('advance_receipt', '预收款单', 'advance receipts');

export const salesOrderKind: DocumentKind = {
  kind: 'sales_order',
  prefix: 'XD',
  resource: 'sales-orders',
  zh: '销售订单',
  en: 'Sales order',
  partner: 'customer',
  isOrder: true,
  createSchema: salesOrderSchema,

  async build(tx, ctx, body, existing) {
    const b = salesOrderSchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const lines = await buildSalesLines(
      tx,
      ctx,
      b.customerId,
      b.lines.map((l) => ({ ...l, orderLineId: null, deliveryLineId: null })),
    );
    const totals = totalsOf(lines);
    let deposit = b.depositRequired ?? null;
    if (deposit === null && b.depositPct) deposit = new Decimal(totals.total as string).times(b.depositPct).div(100).toDecimalPlaces(2).toFixed(2);
    const previous = (existing?.header.extra ?? {}) as SalesOrderExtra;
    // A deposit finance has confirmed arrived: an edit may not bring the order below it.
    const confirmed = previous.production?.depositConfirmed?.amount;
    if (confirmed && new Decimal(confirmed).gt(totals.total as string)) {
      throw errors.unprocessable(
        'DEPOSIT_EXCEEDS_TOTAL',
        `财务已确认收到订金 ${new Decimal(confirmed).toFixed(2)}，订单金额 ${new Decimal(totals.total as string).toFixed(2)} 不能低于它`,
        `Finance confirmed a deposit of ${new Decimal(confirmed).toFixed(2)}; the order total ${new Decimal(totals.total as string).toFixed(2)} cannot go below it`,
        { field: 'lines', deposit: new Decimal(confirmed).toFixed(2), total: new Decimal(totals.total as string).toFixed(2) },
      );
    }
    // 订金 is part of what the order costs: never more than the order's total.
    if (deposit !== null && new Decimal(deposit).gt(totals.total as string)) {
      const field = b.depositRequired != null ? 'depositRequired' : 'depositPct';
      throw errors.unprocessable(
        'DEPOSIT_EXCEEDS_TOTAL',
        `订金 ${new Decimal(deposit).toFixed(2)} 超过订单金额 ${new Decimal(totals.total as string).toFixed(2)}`,
        `The deposit ${new Decimal(deposit).toFixed(2)} exceeds the order total ${new Decimal(totals.total as string).toFixed(2)}`,
        { field, deposit: new Decimal(deposit).toFixed(2), total: new Decimal(totals.total as string).toFixed(2) },
      );
    }
    await advances.checkEdit(tx, ctx, existing?.header, { partnerId: b.customerId, total: totals.total as string });
    const extra: SalesOrderExtra = {
      ...previous,
      source: b.source ?? previous.source ?? 'fax',
      contractDate: b.contractDate ?? null,
      depositRequired: deposit,
      requiresProduction: b.requiresProduction ?? false,
    };
    return {
      header: { partnerId: b.customerId, warehouseId: b.warehouseId, employeeId, date: b.date, remark: b.remark ?? null, extra, ...totals },
      lines,
    };
  },

  async audit() {
    // An order commits no stock and no money; auditing releases it for delivery.
  },

  // Un-auditing an order (S3) is refused while a delivery was pulled from it (blockers.ts).
  dependants: { pulledBy: ['sales_delivery'] },
  async unaudit() {},

  beforeDelete: advances.beforeDelete,

  async describe(db, ctx, doc) {
    const extra = (doc.header.extra ?? {}) as SalesOrderExtra;
    const balance = await customerBalances(db, ctx, doc.header.partnerId as string);
    const total = new Decimal(doc.header.total);
    // S8: what the customer owes from before (赊账) adds to the remittance, money it paid
    // ahead (余账) comes off it.
    const toPay = Decimal.max(total.plus(balance.receivable).minus(balance.advance), 0);
    const stages = (await getSettings(db, ctx.companyId)).productionStages;
    const received = await paidAheadFor(db, ctx, 'advance_receipt', doc.header.id);
    return {
      ...extra,
      depositReceived: received.toFixed(2),
      depositReceipts: await advancesNaming(db, ctx, 'advance_receipt', doc.header.id),
      // S4 催余款: what the order still asks of the customer beyond the money paid for it.
      balanceToPay: Decimal.max(total.minus(received), 0).toFixed(2),
      productionState: extra.requiresProduction ? productionState(extra.production ?? {}, extra.contractDate, officeToday(), stages) : null,
      productionStages: extra.requiresProduction ? stages : null,
      customerReceivable: balance.receivable.toFixed(2),
      customerAdvance: balance.advance.toFixed(2),
      totalToPay: toPay.toFixed(2),
      openLines: doc.lines.map((l) => ({
        lineId: l.id,
        deliveredQty: l.receivedQty,
        returnedQty: l.returnedQty,
        openQty: orderLineOpen({ baseQty: new Decimal(l.baseQty), receivedQty: new Decimal(l.receivedQty), returnedQty: new Decimal(l.returnedQty) }).toFixed(),
      })),
    };
  },
};
