// Document numbers: readable prefix + date + sequence (JH-20261126-0001). The counter
// row is incremented inside the document's own transaction: concurrent requests queue
// on the row lock, and a rolled-back document gives its number back, so numbers are
// unique and gap-free per day.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';

export function formatDocNumber(prefix: string, day: string, n: number): string {
  return `${prefix}-${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
}

export async function nextDocNumber(tx: Executor, companyId: string, prefix: string, day: string): Promise<string> {
  const res = (await tx.execute(sql`
    INSERT INTO doc_sequences (company_id, prefix, day, last_no) VALUES (${companyId}, ${prefix}, ${day}::date, 1)
    ON CONFLICT (company_id, prefix, day) DO UPDATE SET last_no = doc_sequences.last_no + 1
    RETURNING last_no`)) as unknown as { rows: { last_no: number }[] };
  return formatDocNumber(prefix, day, Number(res.rows[0].last_no));
}
