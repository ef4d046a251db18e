// S10 / R3 销售日报、旬报、月累计: audited deliveries less audited returns, by customer,
// product, salesperson or region, with quantity, amount, cost and gross profit. A 旬 is
// days 1–10, 11–20 and 21 to the month's end.
import { z } from '@hono/zod-openapi';
import { type SQL, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { checkReferences, ref } from '../../core/references.js';
import { transaction } from '../../db/transaction.js';
import type { RequestContext } from '../auth/auth.service.js';
import { allocate } from './sales.rules.js';

export type SalesPeriod = 'day' | 'dekad' | 'month';
export type SalesGrouping = 'customer' | 'product' | 'salesperson' | 'region';

/** The date range a report covers: the day, its 旬, or the month up to that day. */
export function periodRange(period: SalesPeriod, date: string): { from: string; to: string; label: string } {
  const [y, m, d] = date.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  const ym = `${y}-${pad(m)}`;
  if (period === 'day') return { from: date, to: date, label: date };
  if (period === 'month') return { from: `${ym}-01`, to: date, label: `${y}年${m}月累计（至${d}日）` };
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d <= 10) return { from: `${ym}-01`, to: `${ym}-10`, label: `${y}年${m}月上旬` };
  if (d <= 20) return { from: `${ym}-11`, to: `${ym}-20`, label: `${y}年${m}月中旬` };
  return { from: `${ym}-21`, to: `${ym}-${pad(lastDay)}`, label: `${y}年${m}月下旬` };
}

const GROUPS: Record<SalesGrouping, { key: SQL; name: SQL; join: SQL }> = {
  customer: { key: sql`c.id::text`, name: sql`c.name`, join: sql`` },
  product: { key: sql`p.id::text`, name: sql`p.code || ' ' || p.name`, join: sql`` },
  salesperson: {
    key: sql`coalesce(e.id::text, '')`,
    name: sql`coalesce(e.name, '（未指定）')`,
    join: sql`LEFT JOIN employees e ON e.company_id = c.company_id AND e.id = c.salesperson_id`,
  },
  region: { key: sql`coalesce(c.region, '')`, name: sql`coalesce(c.region, '（未指定）')`, join: sql`` },
};

export async function salesReport(ctx: RequestContext, period: SalesPeriod, date: string, groupBy: SalesGrouping) {
  const g = GROUPS[groupBy];
  if (!g) throw errors.validation([{ path: 'groupBy', message: '无效的分组', messageEn: 'invalid grouping' }]);
  const range = periodRange(period, date);
  const seeCost = ctx.permissions.has('reports:price');
  // Returns count negative: what was sold is what stayed sold.
  const res = (await ctx.db.orm.execute(sql`
    SELECT ${g.key} AS key, ${g.name} AS name,
           sum(CASE d.kind WHEN 'sales_delivery' THEN l.base_qty ELSE -l.base_qty END)::text AS qty,
           sum(CASE d.kind WHEN 'sales_delivery' THEN l.amount ELSE -l.amount END)::text AS amount,
           sum(CASE d.kind WHEN 'sales_delivery' THEN l.total ELSE -l.total END)::text AS total,
           sum(CASE d.kind WHEN 'sales_delivery' THEN coalesce(l.cost_amount, 0) ELSE -coalesce(l.cost_amount, 0) END)::text AS cost,
           count(DISTINCT d.id)::int AS documents
    FROM documents d
    JOIN document_lines l ON l.company_id = d.company_id AND l.document_id = d.id
    JOIN customers c ON c.company_id = d.company_id AND c.id = d.partner_id
    JOIN products p ON p.company_id = l.company_id AND p.id = l.product_id
    ${g.join}
    WHERE d.company_id = ${ctx.companyId} AND d.kind IN ('sales_delivery', 'sales_return') AND d.status = 'audited'
      AND d.date BETWEEN ${range.from}::date AND ${range.to}::date
    GROUP BY 1, 2
    ORDER BY sum(CASE d.kind WHEN 'sales_delivery' THEN l.amount ELSE -l.amount END) DESC`)) as unknown as {
    rows: { key: string; name: string; qty: string; amount: string; total: string; cost: string; documents: number }[];
  };
  const zero = new Decimal(0);
  const totals = { qty: zero, amount: zero, total: zero, cost: zero };
  const rows = res.rows.map((r) => {
    const amount = new Decimal(r.amount);
    const cost = new Decimal(r.cost);
    totals.qty = totals.qty.plus(r.qty);
    totals.amount = totals.amount.plus(amount);
    totals.total = totals.total.plus(r.total);
    totals.cost = totals.cost.plus(cost);
    return {
      key: r.key,
      name: r.name,
      qty: new Decimal(r.qty).toFixed(),
      amount: amount.toFixed(2),
      total: new Decimal(r.total).toFixed(2),
      cost: seeCost ? cost.toFixed(2) : null,
      grossProfit: seeCost ? amount.minus(cost).toFixed(2) : null,
      margin: seeCost && !amount.isZero() ? amount.minus(cost).div(amount).times(100).toDecimalPlaces(1).toFixed(1) : null,
      documents: Number(r.documents),
    };
  });
  return {
    period,
    groupBy,
    ...range,
    rows,
    totals: {
      qty: totals.qty.toFixed(),
      amount: totals.amount.toFixed(2),
      total: totals.total.toFixed(2),
      cost: seeCost ? totals.cost.toFixed(2) : null,
      grossProfit: seeCost ? totals.amount.minus(totals.cost).toFixed(2) : null,
      margin: seeCost && !totals.amount.isZero() ? totals.amount.minus(totals.cost).div(totals.amount).times(100).toDecimalPlaces(1).toFixed(1) : null,
    },
  };
}

/** S3 available stock: on hand minus what audited, open sales orders still have to ship. */
export async function availability(ctx: RequestContext, productIds: string[], warehouseId: string, excludeOrderId?: string) {
  if (productIds.length === 0) return [];
  const res = (await ctx.db.orm.execute(sql`
    SELECT p.id AS "productId", p.code, p.name,
           coalesce(b.qty, 0)::text AS "onHand",
           coalesce((SELECT sum(l.base_qty - (l.received_qty - l.returned_qty))
                     FROM document_lines l JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
                     WHERE l.company_id = p.company_id AND l.product_id = p.id AND d.kind = 'sales_order'
                       AND d.status IN ('audited', 'partial') AND d.warehouse_id = ${warehouseId}
                       ${excludeOrderId ? sql`AND d.id <> ${excludeOrderId}` : sql``}), 0)::text AS "reserved"
    FROM products p
    LEFT JOIN stock_balances b ON b.company_id = p.company_id AND b.product_id = p.id AND b.warehouse_id = ${warehouseId}
    WHERE p.company_id = ${ctx.companyId} AND p.id = ANY(${sql.param(productIds)}::uuid[])`)) as unknown as {
    rows: { productId: string; code: string; name: string; onHand: string; reserved: string }[];
  };
  return res.rows.map((r) => {
    const available = new Decimal(r.onHand).minus(Decimal.max(new Decimal(r.reserved), 0));
    return { ...r, onHand: new Decimal(r.onHand).toFixed(), reserved: new Decimal(r.reserved).toFixed(), available: available.toFixed() };
  });
}

/**
 * S3 分配: spreads the stock on hand of one product in one warehouse over the open sales
 * orders, key customers first, then by order date, and records the reservations. Runs
 * under the stock row's lock, so reservations never exceed what is on hand.
 */
/** S3 缺货分配: which product, in which warehouse. */
export const allocationBody = z.object({ productId: ref('product'), warehouseId: ref('warehouse') });

export async function allocateStock(ctx: RequestContext, productId: string, warehouseId: string) {
  return transaction(ctx.db, async (tx) => {
    // 10.6 an unknown product or warehouse is refused, not allocated nothing
    await checkReferences(tx, ctx.companyId, allocationBody, { productId, warehouseId });
    const stock = (await tx.execute(sql`
      SELECT qty::text AS qty FROM stock_balances WHERE company_id = ${ctx.companyId} AND product_id = ${productId} AND warehouse_id = ${warehouseId} FOR UPDATE`)) as unknown as {
      rows: { qty: string }[];
    };
    const onHand = new Decimal(stock.rows[0]?.qty ?? 0);
    const lines = (await tx.execute(sql`
      SELECT l.id, c.grade, d.date::text AS date, d.number, c.name AS customer, (l.base_qty - (l.received_qty - l.returned_qty))::text AS open
      FROM document_lines l
      JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
      JOIN customers c ON c.company_id = d.company_id AND c.id = d.partner_id
      WHERE l.company_id = ${ctx.companyId} AND l.product_id = ${productId} AND d.kind = 'sales_order'
        AND d.status IN ('audited', 'partial') AND d.warehouse_id = ${warehouseId}
      ORDER BY l.id
      FOR UPDATE OF l`)) as unknown as { rows: { id: string; grade: string; date: string; number: string; customer: string; open: string }[] };
    const plan = allocate(
      onHand,
      lines.rows.map((l) => ({ lineId: l.id, grade: l.grade, orderDate: l.date, orderNumber: l.number, open: new Decimal(l.open) })),
    );
    if (plan.length) {
      await tx.execute(sql`
        UPDATE document_lines l SET reserved_qty = v.r
        FROM unnest(${sql.param(plan.map((p) => p.lineId))}::uuid[], ${sql.param(plan.map((p) => p.reserved.toFixed()))}::numeric[]) AS v(id, r)
        WHERE l.company_id = ${ctx.companyId} AND l.id = v.id`);
    }
    await recordChange(tx, ctx, 'allocate', 'stock', productId, null, {
      warehouseId,
      onHand: onHand.toFixed(),
      plan: plan.map((p) => ({ lineId: p.lineId, reserved: p.reserved.toFixed() })),
    });
    const byId = new Map(lines.rows.map((l) => [l.id, l]));
    return {
      onHand: onHand.toFixed(),
      reserved: plan.reduce((s, p) => s.plus(p.reserved), new Decimal(0)).toFixed(),
      lines: plan.map((p) => {
        const l = byId.get(p.lineId) as (typeof lines.rows)[number];
        return {
          lineId: p.lineId,
          orderNumber: l.number,
          orderDate: l.date,
          customer: l.customer,
          grade: l.grade,
          open: new Decimal(l.open).toFixed(),
          reserved: p.reserved.toFixed(),
          shortfall: new Decimal(l.open).minus(p.reserved).toFixed(),
        };
      }),
    };
  });
}
