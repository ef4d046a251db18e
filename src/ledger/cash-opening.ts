// An account's opening balance (期初余额) is where its cash balance starts: the engine adds
// it when the first payment or receipt creates the balance row, and every running balance
// counts from it. So it may change only while no money has moved through the account.
import { sql } from 'drizzle-orm';
import { Decimal } from '../core/decimal.js';
import { errors } from '../core/errors.js';
import type { Executor } from '../db/database.js';

type Rows<T> = { rows: T[] };

/**
 * Changes an account's opening balance in its cash balance row, or refuses once money has
 * moved. The row is created (at the old opening balance) and locked first, so a first
 * payment posting at the same moment waits for this and then counts from the new figure.
 */
export async function changeOpeningBalance(db: Executor, companyId: string, accountId: string, from: string, to: string) {
  if (new Decimal(from).eq(to)) return;
  await db.execute(sql`
    INSERT INTO cash_balances (company_id, account_id, balance) VALUES (${companyId}, ${accountId}, ${new Decimal(from).toFixed(2)})
    ON CONFLICT (company_id, account_id) DO NOTHING`);
  await db.execute(sql`SELECT 1 FROM cash_balances WHERE company_id = ${companyId} AND account_id = ${accountId} FOR UPDATE`);
  const moved = (await db.execute(
    sql`SELECT 1 FROM cash_entries WHERE company_id = ${companyId} AND account_id = ${accountId} LIMIT 1`,
  )) as unknown as Rows<unknown>;
  if (moved.rows.length > 0) {
    throw errors.conflict(
      'OPENING_BALANCE_LOCKED',
      '该账户已有收付款，期初余额不能再改；差额请用收付款单据调整',
      'Money has moved through this account: its opening balance can no longer change',
      { field: 'openingBalance' },
    );
  }
  await db.execute(sql`
    UPDATE cash_balances SET balance = ${new Decimal(to).toFixed(2)}, updated_at = now()
    WHERE company_id = ${companyId} AND account_id = ${accountId}`);
}
