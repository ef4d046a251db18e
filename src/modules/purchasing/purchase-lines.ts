// Body schemas and line building shared by purchase orders, bills and returns.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { documentLines, documents } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { productsForLines } from '../documents/documents.service.js';
import type { HeaderValues, LineValues } from '../documents/documents.types.js';
import { type BuiltLine, buildGoodsLines } from '../documents/goods-lines.js';
import { documentTotals } from '../documents/lines.js';
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

export function totalsOf(lines: LineValues[]): Pick<HeaderValues, 'totalQty' | 'amount' | 'taxAmount' | 'total'> {
  const t = documentTotals(
    lines.map((l) => ({
      qty: new Decimal(l.qty as string),
      baseQty: new Decimal(l.baseQty as string),
      amount: new Decimal(l.amount as string),
      taxAmount: new Decimal(l.taxAmount as string),
      total: new Decimal(l.total as string),
    })),
  );
  return { totalQty: t.totalQty.toFixed(), amount: t.amount.toFixed(2), taxAmount: t.taxAmount.toFixed(2), total: t.total.toFixed(2) };
}

/** Source lines referenced by id, with their document, locked when asked (at audit). */
export interface SourceLine {
  id: string;
  documentId: string;
  productId: string | null;
  unitId: string | null;
  unitRatio: string;
  baseQty: string;
  qty: string;
  price: string;
  taxRate: string;
  discount: string;
  amount: string;
  costAmount: string | null;
  receivedQty: string;
  returnedQty: string;
  orderLineId: string | null;
  number: string;
  kind: string;
  status: string;
  partnerId: string | null;
  warehouseId: string | null;
}

/**
 * A line pulled from a source line takes its unit, price, tax and discount unless the
 * clerk changed them. (Purchase lines have no discount: their sources' is always 0, and
 * a line is given none it could not have typed.)
 */
export function completedFromSource<L extends { unitId?: string | null; price?: string; taxRate?: string; discount?: string }>(
  l: L,
  src: SourceLine | undefined,
) {
  const discounted = l.discount !== undefined || (src !== undefined && !new Decimal(src.discount).isZero());
  const unitId = l.unitId === undefined ? src?.unitId : l.unitId;
  // In another unit than the source's (件 against an order in 箱), the source's price is per
  // its unit: the line's price is worked out from it per base unit once its unit is known.
  const otherUnit = src !== undefined && l.price === undefined && (unitId ?? null) !== (src.unitId ?? null);
  return {
    ...l,
    unitId,
    price: l.price ?? (otherUnit ? undefined : src?.price),
    ...(otherUnit ? { sourceBasePrice: new Decimal(src.price).div(src.unitRatio).toString() } : {}),
    taxRate: l.taxRate ?? src?.taxRate,
    ...(discounted ? { discount: l.discount ?? src?.discount } : {}),
  };
}

export async function sourceLines(db: Executor, ctx: RequestContext, ids: string[], lock = false): Promise<Map<string, SourceLine>> {
  const uniq = [...new Set(ids)].sort();
  if (uniq.length === 0) return new Map<string, SourceLine>();
  const q = db
    .select({
      id: documentLines.id,
      documentId: documentLines.documentId,
      productId: documentLines.productId,
      unitId: documentLines.unitId,
      unitRatio: documentLines.unitRatio,
      baseQty: documentLines.baseQty,
      qty: documentLines.qty,
      price: documentLines.price,
      taxRate: documentLines.taxRate,
      discount: documentLines.discount,
      amount: documentLines.amount,
      costAmount: documentLines.costAmount,
      receivedQty: documentLines.receivedQty,
      returnedQty: documentLines.returnedQty,
      orderLineId: documentLines.orderLineId,
      number: documents.number,
      kind: documents.kind,
      status: documents.status,
      partnerId: documents.partnerId,
      warehouseId: documents.warehouseId,
    })
    .from(documentLines)
    .innerJoin(documents, and(eq(documents.companyId, documentLines.companyId), eq(documents.id, documentLines.documentId)))
    .where(and(eq(documentLines.companyId, ctx.companyId), inArray(documentLines.id, uniq)))
    .orderBy(documentLines.id);
  const rows = lock ? await q.for('update', { of: documentLines }) : await q;
  return new Map(rows.map((r) => [r.id, r]));
}
