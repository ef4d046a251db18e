// Open items (往来单据): what audited bills and returns leave to settle. Part of the
// posting engine: only posting code changes them, in the poster's transaction.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Decimal } from '../core/decimal.js';
import { errors } from '../core/errors.js';
import type { Executor } from '../db/database.js';
import { documentLines, documents, openItems } from '../db/schema.js';

/** Removes the item of a document being un-audited; refused while anything settled it. */
export async function closeOpenItem(tx: Executor, companyId: string, documentId: string, number: string) {
  const [item] = await tx
    .select()
    .from(openItems)
    .where(and(eq(openItems.companyId, companyId), eq(openItems.documentId, documentId)))
    .for('update');
  if (!item) return;
  if (!new Decimal(item.settled).isZero()) {
    const settlements = await tx
      .selectDistinct({ number: documents.number })
      .from(documentLines)
      .innerJoin(documents, and(eq(documents.companyId, documentLines.companyId), eq(documents.id, documentLines.documentId)))
      .where(and(eq(documentLines.companyId, companyId), eq(documentLines.refDocumentId, documentId), eq(documents.status, 'audited')));
    const names = settlements.map((s) => s.number);
    throw errors.conflict(
      'DOCUMENT_SETTLED',
      `${number} 已结算 ${item.settled}（结算单 ${names.join('、')}），请先反审核结算单`,
      `${number} has ${item.settled} settled by ${names.join(', ')}; un-audit the settlement first`,
      { blockedBy: names, settled: item.settled },
    );
  }
  await tx.delete(openItems).where(and(eq(openItems.companyId, companyId), eq(openItems.documentId, documentId)));
}

export interface LockedItem {
  documentId: string;
  partnerId: string;
  account: string;
  amount: Decimal;
  settled: Decimal;
}

/** Locks the items in document-id order (the engine's lock order) and returns them. */
export function lockOpenItems(tx: Executor, companyId: string, documentIds: string[]): Promise<Map<string, LockedItem>> {
  return readOpenItems(tx, companyId, documentIds, true);
}

export async function readOpenItems(tx: Executor, companyId: string, documentIds: string[], lock = false): Promise<Map<string, LockedItem>> {
  const ids = [...new Set(documentIds)].sort();
  if (ids.length === 0) return new Map();
  const q = tx
    .select()
    .from(openItems)
    .where(and(eq(openItems.companyId, companyId), inArray(openItems.documentId, ids)))
    .orderBy(openItems.documentId);
  const rows = lock ? await q.for('update') : await q;
  return new Map(
    rows.map((r) => [
      r.documentId,
      { documentId: r.documentId, partnerId: r.partnerId, account: r.account, amount: new Decimal(r.amount), settled: new Decimal(r.settled) },
    ]),
  );
}

/** Adds signed changes to items' settled amounts (the CHECK keeps them within bounds). */
export async function changeSettled(tx: Executor, companyId: string, changes: { documentId: string; change: Decimal }[]) {
  if (changes.length === 0) return;
  await tx.execute(sql`
    UPDATE open_items o SET settled = o.settled + v.c
    FROM unnest(${sql.param(changes.map((c) => c.documentId))}::uuid[], ${sql.param(changes.map((c) => c.change.toFixed(2)))}::numeric[]) AS v(d, c)
    WHERE o.company_id = ${companyId} AND o.document_id = v.d`);
}
