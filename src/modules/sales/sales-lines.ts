// Body schemas and line building for sales orders, deliveries and returns: units,
// the customer's price (S2: price level or last price), discount, tax.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal, SCALE } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { customers, products } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { productsForLines } from '../documents/documents.service.js';
import { lineFigures } from '../documents/lines.js';
import { decimalSchema } from '../masterdata/fields.js';
import type { BuiltLine } from '../purchasing/purchase-lines.js';
import { getSettings } from '../settings/settings.service.js';
import { levelPrice } from './sales.rules.js';

export const salesLineSchema = z.object({
  productId: z.uuid(),
  unitId: z.uuid().nullable().optional(),
  qty: decimalSchema('qty', true),
  /** Before tax and discount, per unit of the line. Omitted: the customer's price (S2). */
  price: decimalSchema('price', true).optional(),
  /** Percent off: "5" = 5%. */
  discount: decimalSchema('ratio', true).optional(),
  /** Percent: "13" = 13%. */
  taxRate: decimalSchema('ratio', true).optional(),
  orderLineId: z.uuid().nullable().optional(),
  deliveryLineId: z.uuid().nullable().optional(),
  remark: z.string().trim().max(200).nullable().optional(),
});
export type SalesLineInput = z.infer<typeof salesLineSchema>;

export const salesHeaderSchema = z.object({
  customerId: z.uuid(),
  warehouseId: z.uuid(),
  date: z.iso.date(),
  employeeId: z.uuid().nullable().optional(),
  remark: z.string().trim().max(500).nullable().optional(),
  lines: z.array(salesLineSchema).min(1).max(5000),
});

export async function requireCustomer(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'customerId', message: '必填', messageEn: 'is required' }]);
  const [c] = await db.select().from(customers).where(and(eq(customers.companyId, ctx.companyId), eq(customers.id, id)));
  if (!c) throw errors.unprocessable('REFERENCE_NOT_FOUND', '客户不存在', 'Customer does not exist', { field: 'customerId' });
  if (!c.active) throw errors.unprocessable('REFERENCE_INACTIVE', `客户 ${c.name} 已停用`, `Customer ${c.name} is deactivated`, { field: 'customerId' });
  return c;
}

/** S2: the default price of a product for a customer, per base unit. */
export async function defaultSalesPrice(db: Executor, ctx: RequestContext, customerId: string, productId: string): Promise<{ price: Decimal | null; source: 'last' | 'level' | null }> {
  const settings = await getSettings(db, ctx.companyId);
  if (settings.defaultSalesPrice === 'last') {
    const res = (await db.execute(sql`
      SELECT l.price, l.unit_ratio FROM document_lines l JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
      WHERE l.company_id = ${ctx.companyId} AND l.product_id = ${productId} AND d.partner_id = ${customerId}
        AND d.kind IN ('sales_order', 'sales_delivery') AND d.status IN ('audited', 'partial', 'completed')
      ORDER BY d.audited_at DESC, d.number DESC LIMIT 1`)) as unknown as { rows: { price: string; unit_ratio: string }[] };
    const last = res.rows[0];
    if (last) return { price: new Decimal(last.price).div(last.unit_ratio), source: 'last' };
  }
  const [c] = await db.select({ level: customers.priceLevel }).from(customers).where(and(eq(customers.companyId, ctx.companyId), eq(customers.id, customerId)));
  const [p] = await db
    .select({ retailPrice: products.retailPrice, wholesalePrice: products.wholesalePrice, price1: products.price1, price2: products.price2, price3: products.price3 })
    .from(products)
    .where(and(eq(products.companyId, ctx.companyId), inArray(products.id, [productId])));
  if (!p) return { price: null, source: null };
  const price = levelPrice(p, (c?.level ?? 'wholesale') as 'wholesale');
  return { price, source: price ? 'level' : null };
}

export interface SalesBuiltLine extends BuiltLine {
  discount: string;
}

/** Checks products and units, fills the customer's price, computes every figure. */
export async function buildSalesLines(db: Executor, ctx: RequestContext, customerId: string, inputs: SalesLineInput[]): Promise<SalesBuiltLine[]> {
  const found = await productsForLines(db, ctx, inputs.map((l) => l.productId));
  const out: SalesBuiltLine[] = [];
  for (const [i, l] of inputs.entries()) {
    const p = found.get(l.productId);
    const at = `lines.${i}`;
    if (!p) throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：商品不存在或已停用`, `Line ${i + 1}: product does not exist or is deactivated`, { field: `${at}.productId` });
    let unitName = p.baseUnit;
    let ratio = new Decimal(1);
    if (l.unitId) {
      const u = p.units.get(l.unitId);
      if (!u) throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：单位不属于商品 ${p.code}`, `Line ${i + 1}: the unit is not one of ${p.code}'s`, { field: `${at}.unitId` });
      unitName = u.name;
      ratio = new Decimal(u.ratio);
    }
    const qty = new Decimal(l.qty);
    if (qty.lte(0)) throw errors.unprocessable('QTY_NOT_POSITIVE', `第 ${i + 1} 行：数量必须大于 0`, `Line ${i + 1}: quantity must be above 0`, { field: `${at}.qty` });
    let price: Decimal;
    if (l.price !== undefined) price = new Decimal(l.price);
    else {
      const d = await defaultSalesPrice(db, ctx, customerId, p.id);
      price = d.price ? d.price.times(ratio).toDecimalPlaces(SCALE.price, Decimal.ROUND_HALF_UP) : new Decimal(0);
    }
    const discount = new Decimal(l.discount ?? '0');
    const taxRate = new Decimal(l.taxRate ?? '0');
    if (discount.gt(100)) throw errors.unprocessable('DISCOUNT_INVALID', `第 ${i + 1} 行：折扣应在 0–100 之间`, `Line ${i + 1}: discount must be 0–100`, { field: `${at}.discount` });
    if (taxRate.gt(100)) throw errors.unprocessable('TAX_RATE_INVALID', `第 ${i + 1} 行：税率应在 0–100 之间`, `Line ${i + 1}: tax rate must be 0–100`, { field: `${at}.taxRate` });
    const f = lineFigures({ qty, unitRatio: ratio, price, taxRate, discount });
    out.push({
      productId: p.id,
      unitId: l.unitId ?? null,
      unitName,
      unitRatio: ratio.toFixed(),
      qty: qty.toFixed(),
      baseQty: f.baseQty.toFixed(),
      price: price.toFixed(SCALE.price),
      discount: discount.toFixed(),
      taxRate: taxRate.toFixed(),
      amount: f.amount.toFixed(2),
      taxAmount: f.taxAmount.toFixed(2),
      total: f.total.toFixed(2),
      orderLineId: l.orderLineId ?? null,
      billLineId: l.deliveryLineId ?? null,
      remark: l.remark ?? null,
    });
  }
  return out;
}
