// Body schemas and line building for sales orders, deliveries and returns: units,
// the customer's price (S2: price level or last price), discount, tax.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { ref, referenceNotFound, TARGETS } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { customers, products } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type BuiltLine, buildGoodsLines } from '../documents/goods-lines.js';
import { decimalSchema } from '../masterdata/fields.js';
import { getSettings } from '../settings/settings.service.js';
import { levelPrice } from './sales.rules.js';

/** A sales line as the clerk types it; the line it was pulled from is each kind's own. */
const salesLine = z.object({
  productId: ref('product'),
  unitId: ref('productUnit').nullable().optional(),
  qty: decimalSchema('qty', true),
  /** Before tax and discount, per unit of the line. Omitted: the customer's price (S2). */
  price: decimalSchema('price', true).optional(),
  /** Percent off: "5" = 5%. */
  discount: decimalSchema('percent', true).optional(),
  /** Percent: "13" = 13%. */
  taxRate: decimalSchema('percent', true).optional(),
  remark: text().trim().max(200).nullable().optional(),
});
/** What line building takes: a delivery's line names its order line, a return's its delivery line. */
export const salesLineSchema = salesLine.extend({
  orderLineId: ref('salesOrderLine').nullable().optional(),
  deliveryLineId: ref('salesDeliveryLine').nullable().optional(),
});
export type SalesLineInput = z.infer<typeof salesLineSchema>;

/**
 * A sales document's body. `source`: the field by which each line names the line it comes
 * from (a delivery's orderLineId, a return's deliveryLineId); an order's lines have none.
 */
export function salesDocumentSchema<S extends Record<string, z.ZodType>>(source: S) {
  return z.object({
    customerId: ref('customer'),
    warehouseId: ref('warehouse'),
    date: z.iso.date(),
    employeeId: ref('employee').nullable().optional(),
    remark: text().trim().max(500).nullable().optional(),
    lines: z.array(salesLine.extend(source)).min(1).max(5000),
  });
}
export const salesHeaderSchema = salesDocumentSchema({});

export async function requireCustomer(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'customerId', message: '必填', messageEn: 'is required' }]);
  const [c] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.companyId, ctx.companyId), eq(customers.id, id)));
  if (!c) throw referenceNotFound({ path: 'customerId', target: TARGETS.customer });
  if (!c.active) throw errors.unprocessable('REFERENCE_INACTIVE', `客户 ${c.name} 已停用`, `Customer ${c.name} is deactivated`, { field: 'customerId' });
  return c;
}

/** S2: the default price of a product for a customer, per base unit. */
export async function defaultSalesPrice(
  db: Executor,
  ctx: RequestContext,
  customerId: string,
  productId: string,
): Promise<{ price: Decimal | null; source: 'last' | 'level' | null }> {
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
  const [c] = await db
    .select({ level: customers.priceLevel })
    .from(customers)
    .where(and(eq(customers.companyId, ctx.companyId), eq(customers.id, customerId)));
  const [p] = await db
    .select({
      retailPrice: products.retailPrice,
      wholesalePrice: products.wholesalePrice,
      price1: products.price1,
      price2: products.price2,
      price3: products.price3,
    })
    .from(products)
    .where(and(eq(products.companyId, ctx.companyId), inArray(products.id, [productId])));
  if (!p) return { price: null, source: null };
  const price = levelPrice(p, (c?.level ?? 'wholesale') as 'wholesale');
  return { price, source: price ? 'level' : null };
}

/** Checks products and units, fills the customer's price (S2), computes every figure. */
export function buildSalesLines(db: Executor, ctx: RequestContext, customerId: string, inputs: SalesLineInput[]): Promise<BuiltLine[]> {
  return buildGoodsLines(
    db,
    ctx,
    inputs.map(({ deliveryLineId, ...l }) => ({ ...l, billLineId: deliveryLineId ?? null })),
    async (p, unit) => {
      const d = await defaultSalesPrice(db, ctx, customerId, p.id);
      return d.price ? d.price.times(unit?.ratio ?? 1) : new Decimal(0);
    },
  );
}
