// Stock on hand and the stock ledger (流水), read from the engine's balances and moves.
import { sql } from 'drizzle-orm';
import type { RequestContext } from '../auth/auth.service.js';
import { STATUS_ZH } from '../documents/document-status.js';

type Rows<T> = { rows: T[] };

export const KIND_ZH: Record<string, string> = {
  purchase_order: '进货订单',
  purchase_bill: '进货单',
  purchase_return: '进货退回单',
  purchase_settlement: '进货结算单',
  prepayment: '预付款单',
  sales_order: '销售订单',
  sales_delivery: '发货单',
  sales_return: '销售退货单',
  receipt: '收款单',
  advance_receipt: '预收款单',
};

export interface StockQuery {
  productId?: string;
  warehouseId?: string;
  q?: string;
  nonZero?: boolean;
  page?: number;
  pageSize?: number;
}

/** X4 stock costs and values (成本单价, 库存金额, 结存金额) need `stock:price`; quantities do not. */
export const seesStockCost = (ctx: RequestContext) => ctx.permissions.has('stock:price');

export async function stockOnHand(ctx: RequestContext, query: StockQuery, all = false) {
  const page = query.page ?? 1;
  const pageSize = all ? 100_000 : (query.pageSize ?? 50);
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const where = sql`b.company_id = ${ctx.companyId}
    ${query.productId ? sql`AND b.product_id = ${query.productId}` : sql``}
    ${query.warehouseId ? sql`AND b.warehouse_id = ${query.warehouseId}` : sql``}
    ${like ? sql`AND (p.code ILIKE ${like} OR p.name ILIKE ${like} OR p.spec ILIKE ${like} OR p.barcode = ${query.q})` : sql``}
    ${query.nonZero ? sql`AND (b.qty <> 0 OR b.value <> 0)` : sql``}`;
  const from = sql`FROM stock_balances b
    JOIN products p ON p.company_id = b.company_id AND p.id = b.product_id
    JOIN warehouses w ON w.company_id = b.company_id AND w.id = b.warehouse_id`;
  const seePrices = seesStockCost(ctx);
  const [{ n, qty, value }] = (
    (await ctx.db.orm.execute(
      sql`SELECT count(*)::int AS n, coalesce(sum(b.qty), 0)::text AS qty, coalesce(sum(b.value), 0)::text AS value ${from} WHERE ${where}`,
    )) as unknown as Rows<{
      n: number;
      qty: string;
      value: string;
    }>
  ).rows;
  const rows = (
    (await ctx.db.orm.execute(sql`
    SELECT b.product_id AS "productId", p.code AS "productCode", p.name AS "productName", p.spec, p.colour, p.size, p.base_unit AS "baseUnit",
           b.warehouse_id AS "warehouseId", w.name AS "warehouseName", b.qty::text AS qty, b.avg_cost::text AS "avgCost", b.value::text AS value,
           p.min_stock::text AS "minStock", p.max_stock::text AS "maxStock"
    ${from} WHERE ${where}
    ORDER BY p.code, w.code
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)) as unknown as Rows<Record<string, unknown>>
  ).rows;
  return {
    items: rows.map((r) => (seePrices ? r : { ...r, avgCost: null, value: null })),
    total: Number(n),
    totals: { qty, value: seePrices ? value : null },
    page,
    pageSize,
  };
}

export interface MovesQuery {
  productId?: string;
  warehouseId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The stock ledger with the running balance after each move, oldest first. */
export async function stockMoves(ctx: RequestContext, query: MovesQuery, all = false) {
  const page = query.page ?? 1;
  const pageSize = all ? 100_000 : (query.pageSize ?? 100);
  const where = sql`m.company_id = ${ctx.companyId}
    ${query.productId ? sql`AND m.product_id = ${query.productId}` : sql``}
    ${query.warehouseId ? sql`AND m.warehouse_id = ${query.warehouseId}` : sql``}
    ${query.from ? sql`AND d.date >= ${query.from}::date` : sql``}
    ${query.to ? sql`AND d.date <= ${query.to}::date` : sql``}`;
  const from = sql`FROM stock_moves m
    JOIN documents d ON d.company_id = m.company_id AND d.id = m.document_id
    JOIN products p ON p.company_id = m.company_id AND p.id = m.product_id
    JOIN warehouses w ON w.company_id = m.company_id AND w.id = m.warehouse_id`;
  const [{ n }] = ((await ctx.db.orm.execute(sql`SELECT count(*)::int AS n ${from} WHERE ${where}`)) as unknown as Rows<{ n: number }>).rows;
  const rows = (
    (await ctx.db.orm.execute(sql`
    SELECT m.id::text AS id, m.created_at AS "postedAt", d.date::text AS date, d.number, d.kind, d.id AS "documentId",
           m.product_id AS "productId", p.code AS "productCode", p.name AS "productName", m.warehouse_id AS "warehouseId", w.name AS "warehouseName",
           CASE WHEN m.qty > 0 THEN m.qty::text END AS "inQty", CASE WHEN m.qty < 0 THEN (-m.qty)::text END AS "outQty",
           m.qty::text AS qty, m.cost_amount::text AS cost, m.balance_qty::text AS "balanceQty", m.balance_value::text AS "balanceValue",
           (m.reverses_id IS NOT NULL) AS reversal
    ${from} WHERE ${where}
    ORDER BY m.id
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)) as unknown as Rows<Record<string, unknown>>
  ).rows;
  const seePrices = seesStockCost(ctx);
  return {
    items: rows.map((r) => ({
      ...r,
      kindName: `${KIND_ZH[r.kind as string] ?? r.kind}${r.reversal ? '（反审核）' : ''}`,
      ...(seePrices ? {} : { cost: null, balanceValue: null }),
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

export { STATUS_ZH };
