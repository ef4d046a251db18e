// A goods document's figures for its posting, and the settlement view of a document
// with an open item: the same on both sides of the trade.
import { and, eq } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import type { Executor } from '../../db/database.js';
import { openItems } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { SETTLEMENT_ZH, settlementStatus } from '../documents/document-status.js';
import type { LoadedDocument } from '../documents/documents.types.js';
import type { GoodsDocument } from './trade.rules.js';

export function goodsDocument(doc: LoadedDocument): GoodsDocument {
  return {
    partnerId: doc.header.partnerId as string,
    warehouseId: doc.header.warehouseId as string,
    date: doc.header.date,
    total: new Decimal(doc.header.total),
    lines: doc.lines.map((l) => ({
      id: l.id,
      productId: l.productId as string,
      baseQty: new Decimal(l.baseQty),
      amount: new Decimal(l.amount),
      total: new Decimal(l.total),
    })),
  };
}

export async function settlementView(db: Executor, ctx: RequestContext, documentId: string) {
  const [item] = await db
    .select()
    .from(openItems)
    .where(and(eq(openItems.companyId, ctx.companyId), eq(openItems.documentId, documentId)));
  const status = item ? settlementStatus({ amount: new Decimal(item.amount), settled: new Decimal(item.settled) }) : null;
  return {
    settledAmount: item?.settled ?? null,
    openAmount: item ? new Decimal(item.amount).minus(item.settled).toFixed(2) : null,
    settlementStatus: status,
    settlementStatusName: status ? SETTLEMENT_ZH[status] : null,
    dueDate: item?.dueDate ?? null,
  };
}
