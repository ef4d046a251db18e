// 10.3 One global lock order: a posting or un-posting first locks the documents it depends
// on (the order a bill receives against, the bill a return goes back against, the bills a
// settlement pays, the order a deposit is for), sorted by id; then its own row (the status
// flip); then stock rows in key order; then partner and cash balances. Every transaction
// that touches a document's derived state (its lines' received or returned quantities,
// its open item, its status) holds that document's row first, so two of them can only
// queue on it: one wins, the other then sees what the winner did and is refused clearly,
// instead of each holding half of what the other needs (a deadlock the retry used to hide).
//
// FOR NO KEY UPDATE, not FOR SHARE: the holder may go on to change the row (an order's
// status), and two sharers both upgrading would deadlock on it. It leaves foreign-key
// checks (FOR KEY SHARE) free.
import { sql } from 'drizzle-orm';
import { defineStatement, type Executor } from '../../db/database.js';

const lockStatement = defineStatement<{ companyId: string; id: string }>(
  'erp_lock_dependencies',
  (arg) => sql`
    SELECT d.id FROM documents d
    WHERE d.company_id = ${arg('companyId')} AND d.id <> ${arg('id')} AND d.id IN (
      SELECT h.source_id FROM documents h WHERE h.company_id = ${arg('companyId')} AND h.id = ${arg('id')}
      UNION ALL
      SELECT s.document_id FROM document_lines l
      JOIN document_lines s ON s.company_id = l.company_id AND (s.id = l.order_line_id OR s.id = l.bill_line_id)
      WHERE l.company_id = ${arg('companyId')} AND l.document_id = ${arg('id')}
      UNION ALL
      SELECT l.ref_document_id FROM document_lines l WHERE l.company_id = ${arg('companyId')} AND l.document_id = ${arg('id')}
    )
    ORDER BY d.id
    FOR NO KEY UPDATE OF d`,
);

/** Locks the documents `id` depends on, in id order; call before anything else is locked. */
export async function lockDependencies(tx: Executor, companyId: string, id: string): Promise<void> {
  await lockStatement(tx, { companyId, id });
}
