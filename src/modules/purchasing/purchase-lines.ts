// Body schemas and line building shared by purchase orders, bills and returns.
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type BuiltLine, buildGoodsLines } from '../documents/goods-lines.js';
import { productsForLines } from '../documents/kind-references.js';
import { decimalSchema } from '../masterdata/fields.js';
import { getSettings } from '../settings/settings.service.js';

/** A purchase line as the clerk types it; the line it was pulled from is each kind's own. */
const purchaseLine = z.object({
  productId: ref('product'),
  unitId: ref('productUnit').nullable().optional(),
  qty: decimalSchema('qty', true),
  /** Before tax, per unit of the line. Omitted: the default of P4. */
  price: decimalSchema('price', true).optional(),
  /** Percent: "13" = 13%. */
  taxRate: decimalSchema('percent', true).optional(),
  promisedDate: z.iso.date().nullable().optional(),
  remark: text().trim().max(200).nullable().optional(),
});
/** What line building takes: a bill's line names its order line, a return's its bill line. */
export const purchaseLineSchema = purchaseLine.extend({
  orderLineId: ref('purchaseOrderLine').nullable().optional(),
  billLineId: ref('purchaseBillLine').nullable().optional(),
});
export type PurchaseLineInput = z.infer<typeof purchaseLineSchema>;

/**
 * A purchase document's body. `source`: the field by which each line names the line it
 * comes from (a bill's orderLineId, a return's billLineId); an order's lines have none, so
 * the document does not offer a field that would be ignored.
 */
export function purchaseDocumentSchema<S extends Record<string, z.ZodType>>(source: S) {
  return z.object({
    supplierId: ref('supplier'),
    warehouseId: ref('warehouse'),
    date: z.iso.date(),
    employeeId: ref('employee').nullable().optional(),
    remark: text().trim().max(500).nullable().optional(),
    lines: z.array(purchaseLine.extend(source)).min(1).max(5000),
  });
}
export const purchaseHeaderSchema = purchaseDocumentSchema({});

/** P4: the default price of a product for a supplier, per base unit. */
export async function defaultPurchasePrice(
  db: Executor,
  ctx: RequestContext,
  supplierId: string | null,
  productId: string,
): Promise<{ price: Decimal | null; source: 'last' | 'catalogue' | null }> {
  const settings = await getSettings(db, ctx.companyId);
  if (settings.defaultPurchasePrice === 'last') {
    // The last audited purchase price: this supplier's if there is one, else anyone's.
    const rows = (await db.execute(sql`
      SELECT l.price, l.unit_ratio, (d.partner_id = ${supplierId}) AS same
      FROM document_lines l JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
      WHERE l.company_id = ${ctx.companyId} AND l.product_id = ${productId} AND d.kind = 'purchase_bill' AND d.status = 'audited'
      ORDER BY (d.partner_id = ${supplierId}) DESC NULLS LAST, d.audited_at DESC, d.number DESC
      LIMIT 1`)) as unknown as { rows: { price: string; unit_ratio: string }[] };
    const last = rows.rows[0];
    if (last) return { price: new Decimal(last.price).div(last.unit_ratio), source: 'last' };
  }
  const products = await productsForLines(db, ctx, [productId]);
  const p = products.get(productId);
  if (p?.purchasePrice) return { price: new Decimal(p.purchasePrice), source: 'catalogue' };
  return { price: null, source: null };
}

export type { BuiltLine } from '../documents/goods-lines.js';

/** Checks products and units, fills default prices (P4), computes every figure. */
export function buildPurchaseLines(db: Executor, ctx: RequestContext, supplierId: string, inputs: PurchaseLineInput[]): Promise<BuiltLine[]> {
  return buildGoodsLines(db, ctx, inputs, async (p, unit) => {
    const d = await defaultPurchasePrice(db, ctx, supplierId, p.id);
    // The catalogue price of an alternate unit is that unit's own, when it has one.
    if (d.source === 'catalogue' && unit?.purchasePrice) return new Decimal(unit.purchasePrice);
    return d.price ? d.price.times(unit?.ratio ?? 1) : new Decimal(0);
  });
}
