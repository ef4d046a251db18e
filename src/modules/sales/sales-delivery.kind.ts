import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { officeToday } from '../../core/office-day.js';
import { ref } from '../../core/references.js';
import type { Executor } from '../../db/database.js';
import { documents, openItems } from '../../db/schema.js';
import { applyReversal, planReversal, post } from '../../ledger/engine.js';
import { closeOpenItem } from '../../ledger/open-items.js';
import { isApproved, lastApproval } from '../approvals/approvals.service.js';
import type { RequestContext } from '../auth/auth.service.js';
import { blockedNow } from '../documents/blockers.js';
import { type DocumentKind, type LoadedDocument, postOptions } from '../documents/documents.types.js';
import { requireEmployee, requireWarehouse } from '../documents/kind-references.js';
import { getSettings, tolerance } from '../settings/settings.service.js';
import { goodsDocument, settlementView } from '../trade/goods-document.js';
import { applyToOrders, checkNamedOrder, checkOrderRoom, type OrderSource, pullFromOrders, takeFromOrders } from '../trade/order-lines.js';
import { totalsOf } from '../trade/source-lines.js';
import { amountDue, paymentRule, salesDeliveryPosting } from './sales.rules.js';
import { buildSalesLines, requireCustomer, salesDocumentSchema } from './sales-lines.js';
import { customerBalances, type SalesOrderExtra } from './sales-order.kind.js';
import { COD_ZH, type CodTrack, productionState } from './tracking.rules.js';

export const salesDeliverySchema = salesDocumentSchema({ orderLineId: ref('salesOrderLine').nullable().optional() }).extend({
  orderId: ref('salesOrder').nullable().optional(),
});

export interface DeliveryExtra {
  cod?: CodTrack;
}

const SALES_ORDER: OrderSource = {
  kind: 'sales_order',
  zh: '销售订单',
  en: 'sales order',
  partnerCode: 'CUSTOMER',
  partnerZh: '客户',
  partnerEn: 'customer',
  doneZh: '已全部发货',
  openZh: '未发数量',
  roomZh: '可发',
  docEn: 'delivery',
};

/**
 * S6 代收: what the customer paid ahead for this delivery's orders (their advance receipts,
 * first used up by the orders' earlier deliveries) and what is left for the driver.
 */
export async function deliveryMoney(db: Executor, ctx: RequestContext, doc: LoadedDocument) {
  const h = doc.header;
  const auditedAt = h.status === 'audited' && h.auditedAt ? new Date(h.auditedAt).toISOString() : null;
  const res = (await db.execute(sql`
    WITH mine AS (
      SELECT o.document_id AS order_id, sum(l.total) AS part
      FROM document_lines l JOIN document_lines o ON o.company_id = l.company_id AND o.id = l.order_line_id
      WHERE l.company_id = ${ctx.companyId} AND l.document_id = ${h.id} GROUP BY 1),
    paid AS (
      SELECT a.source_id AS order_id, sum(a.total) AS received FROM documents a
      WHERE a.company_id = ${ctx.companyId} AND a.kind = 'advance_receipt' AND a.status = 'audited' AND a.source_id IN (SELECT order_id FROM mine)
      GROUP BY 1),
    earlier AS (
      SELECT o.document_id AS order_id, sum(l.total) AS shipped
      FROM documents e
      JOIN document_lines l ON l.company_id = e.company_id AND l.document_id = e.id
      JOIN document_lines o ON o.company_id = l.company_id AND o.id = l.order_line_id
      WHERE e.company_id = ${ctx.companyId} AND e.kind = 'sales_delivery' AND e.status = 'audited' AND e.id <> ${h.id}
        AND o.document_id IN (SELECT order_id FROM mine)
        AND (${auditedAt}::timestamptz IS NULL OR (e.audited_at, e.number) < (${auditedAt}::timestamptz, ${h.number}::varchar))
      GROUP BY 1)
    SELECT m.part::text AS part, coalesce(p.received, 0)::text AS received, coalesce(e.shipped, 0)::text AS shipped
    FROM mine m LEFT JOIN paid p ON p.order_id = m.order_id LEFT JOIN earlier e ON e.order_id = m.order_id`)) as unknown as {
    rows: { part: string; received: string; shipped: string }[];
  };
  const parts = res.rows.map((r) => ({ part: new Decimal(r.part), received: new Decimal(r.received), shippedBefore: new Decimal(r.shipped) }));
  const [item] = await db
    .select({ amount: openItems.amount, settled: openItems.settled })
    .from(openItems)
    .where(and(eq(openItems.companyId, ctx.companyId), eq(openItems.documentId, h.id)));
  const open = item ? new Decimal(item.amount).minus(item.settled) : new Decimal(h.total);
  const { advance } = await customerBalances(db, ctx, h.partnerId as string);
  const money = amountDue(open, parts, advance);
  return { paidAhead: money.paidAhead.toFixed(2), amountDue: money.amountDue.toFixed(2) };
}

/** S4: a made-to-order order ships once it is finished and finance confirmed full payment. */
async function checkMadeToOrder(tx: Executor, ctx: RequestContext, orderIds: string[], stages: string[]) {
  if (orderIds.length === 0) return;
  const orders = await tx
    .select({ number: documents.number, extra: documents.extra })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), inArray(documents.id, orderIds)));
  for (const o of orders) {
    const extra = (o.extra ?? {}) as SalesOrderExtra;
    if (!extra.requiresProduction) continue;
    const state = productionState(extra.production ?? {}, extra.contractDate, officeToday(), stages);
    if (!extra.production?.paymentConfirmed) {
      throw errors.conflict(
        'PAYMENT_NOT_CONFIRMED',
        `订单 ${o.number} 为定制生产，财务确认全款后才能发货`,
        `Order ${o.number} is made to order: it ships after finance confirms full payment`,
        { order: o.number },
      );
    }
    if (extra.production?.released && !state.finished) {
      throw errors.conflict(
        'PRODUCTION_NOT_FINISHED',
        `订单 ${o.number} 仍在「${state.stage}」，完工后才能发货`,
        `Order ${o.number} is still at ${state.stage}; it ships when finished`,
        { order: o.number, stage: state.stage },
      );
    }
  }
}

export const salesDeliveryKind: DocumentKind = {
  kind: 'sales_delivery',
  prefix: 'XS',
  resource: 'sales-deliveries',
  zh: '发货单',
  en: 'Delivery note',
  partner: 'customer',
  goods: true,
  createSchema: salesDeliverySchema,
  // S5: an approved exception stands while the total does not grow and the customer stays.
  approvalLapse: 'total-grows',

  async build(tx, ctx, body, existing) {
    const b = salesDeliverySchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const { orderLines, inputs } = await pullFromOrders(tx, ctx, SALES_ORDER, b.customerId, b.lines);
    const lines = await buildSalesLines(
      tx,
      ctx,
      b.customerId,
      inputs.map((l) => ({ ...l, deliveryLineId: null })),
    );
    checkOrderRoom(SALES_ORDER, lines, orderLines, tolerance(await getSettings(tx, ctx.companyId)));
    await checkNamedOrder(tx, ctx, SALES_ORDER, b.orderId, b.customerId);
    const totals = totalsOf(lines);
    // The approval (A2 engine) lapses on its own rule (approvalLapse); the rest of extra stays.
    const extra = (existing?.header.extra ?? {}) as DeliveryExtra;
    return {
      header: {
        partnerId: b.customerId,
        warehouseId: b.warehouseId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        sourceId: b.orderId ?? [...orderLines.values()][0]?.documentId ?? null,
        extra,
        ...totals,
      },
      lines,
    };
  },

  async audit(tx, ctx, doc) {
    const customerId = doc.header.partnerId as string;
    // S5: a manager's approval (A2 engine) lifts the payment and made-to-order rules. Read
    // only when a rule fails: most deliveries pass, and audit is the hot path.
    let approval: Promise<boolean> | undefined;
    const approved = () => {
      approval ??= isApproved(tx, ctx.companyId, doc.header.id);
      return approval;
    };
    const orderLines = await takeFromOrders(tx, ctx, SALES_ORDER, doc);
    if (orderLines.size) {
      // What ships stops being reserved (S3).
      await tx.execute(sql`
        UPDATE document_lines o SET reserved_qty = greatest(o.reserved_qty - v.q, 0)
        FROM (SELECT order_line_id AS id, sum(base_qty) AS q FROM document_lines WHERE company_id = ${ctx.companyId} AND document_id = ${doc.header.id} AND order_line_id IS NOT NULL GROUP BY 1) v
        WHERE o.company_id = ${ctx.companyId} AND o.id = v.id`);
      if (!(await approved())) await checkMadeToOrder(tx, ctx, [...new Set([...orderLines.values()].map((o) => o.documentId))], doc.settings.productionStages);
    }
    // The customer's name and credit terms were read with the status flip.
    const customer = doc.customer;
    const { partnerBalances } = await post(tx, ctx.companyId, doc.header.id, salesDeliveryPosting(goodsDocument(doc)), postOptions(doc));
    if (customer) {
      // Balances after posting: the customer's receivable row is now locked by this
      // transaction, so two deliveries cannot both slip under the limit. (A delivery of
      // total zero posts nothing to the customer: then read them.)
      const posted = partnerBalances.get(customerId);
      const zero = new Decimal(0);
      const after = posted
        ? { receivable: posted.get('receivable') ?? zero, advance: posted.get('advance') ?? zero }
        : await customerBalances(tx, ctx, customerId);
      const rule = paymentRule(
        {
          paymentTerm: customer.paymentTerm as 'cash' | 'credit',
          creditLimit: new Decimal(customer.creditLimit),
          receivable: after.receivable.minus(doc.header.total),
          advance: after.advance,
        },
        new Decimal(doc.header.total),
      );
      if (!rule.ok && !(await approved())) {
        throw rule.code === 'CASH_NOT_PAID'
          ? errors.conflict(
              'PAYMENT_REQUIRED',
              `现款客户 ${customer.name} 尚欠 ${rule.owed.toFixed(2)}，款未到账不能发货（或由业务经理批准）`,
              `Cash customer ${customer.name} would owe ${rule.owed.toFixed(2)}; no delivery before payment (or a manager's approval)`,
              {
                owed: rule.owed.toFixed(2),
              },
            )
          : errors.conflict(
              'CREDIT_LIMIT_EXCEEDED',
              `客户 ${customer.name} 欠款将达 ${rule.owed.toFixed(2)}，超过信用额度 ${rule.limit.toFixed(2)}`,
              `Customer ${customer.name} would owe ${rule.owed.toFixed(2)}, above the credit limit ${rule.limit.toFixed(2)}`,
              {
                owed: rule.owed.toFixed(2),
                creditLimit: rule.limit.toFixed(2),
              },
            );
      }
    }
  },

  dependants: { returnedBy: ['sales_return'], settledBy: ['receipt'] },

  async unaudit(tx, ctx, doc) {
    // The dependants were named before this (blockers.ts); a quantity returned since is still refused.
    if (doc.lines.some((l) => new Decimal(l.returnedQty).gt(0))) throw await blockedNow(tx, ctx, salesDeliveryKind, doc.header);
    await closeOpenItem(tx, ctx.companyId, doc.header.id, doc.header.number);
    // Stock, then the order's lines, then the partner: the order every posting locks in.
    const reversal = await planReversal(tx, ctx.companyId, doc.header.id, doc.settings);
    await applyToOrders(tx, ctx, doc.lines, -1, 'receivedQty');
    await applyReversal(tx, ctx.companyId, doc.header.id, reversal);
  },

  async describe(db, ctx, doc) {
    const extra = (doc.header.extra ?? {}) as DeliveryExtra;
    const cost = doc.lines.reduce((s, l) => s.plus(l.costAmount ?? 0), new Decimal(0));
    const posted = doc.header.status === 'audited';
    return {
      ...(await settlementView(db, ctx, doc.header.id)),
      ...(doc.header.status === 'deleted' ? {} : await deliveryMoney(db, ctx, doc)),
      approval: await lastApproval(db, ctx.companyId, doc.header.id),
      cod: extra.cod ? { ...extra.cod, statusName: COD_ZH[extra.cod.status] } : null,
      costOfGoods: posted ? cost.toFixed(2) : null,
      grossProfit: posted ? new Decimal(doc.header.amount).minus(cost).toFixed(2) : null,
    };
  },
};
