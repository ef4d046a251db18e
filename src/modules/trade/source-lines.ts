// Lines that name other documents' lines, on both sides of the trade: the source lines
// read (and locked at audit), a line completed from its source, and a document's totals.
import { and, eq, inArray } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import type { Executor } from '../../db/database.js';
import { documentLines, documents } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { HeaderValues, LineValues } from '../documents/documents.types.js';
import { documentTotals } from '../documents/lines.js';

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
