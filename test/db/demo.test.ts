// The demo company a newcomer starts with: its documents post through the engine, the
// books balance, and loading it a second time changes nothing.

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeToday } from '../../src/core/office-day.js';
import type { Database } from '../../src/db/database.js';
import { ensureInstalled } from '../../src/modules/auth/install.js';
import { loadDemoData } from '../../src/modules/demo/demo-data.js';
import { assertInvariants, testDatabase } from '../helpers/db.js';

type Rows<T> = { rows: T[] };
let db: Database;
let companyId: string;
beforeAll(async () => {
  db = await testDatabase();
  companyId = (await ensureInstalled(db, 'demo-test-password')).companyId;
  expect((await loadDemoData(db, companyId)).loaded).toBe(true);
});
afterAll(() => db.close());

const rows = async <T>(q: ReturnType<typeof sql>) => ((await db.orm.execute(q)) as unknown as Rows<T>).rows;

describe('demo company', () => {
  it('has documents in the states a clerk meets, all before today', async () => {
    const docs = await rows<{ kind: string; status: string; date: string }>(
      sql`SELECT kind, status, date::text AS date FROM documents WHERE company_id = ${companyId}`,
    );
    const has = (kind: string, status: string) => docs.some((d) => d.kind === kind && d.status === status);
    expect(has('purchase_order', 'partial')).toBe(true);
    expect(has('purchase_order', 'saved')).toBe(true);
    expect(has('purchase_bill', 'audited')).toBe(true);
    expect(has('purchase_settlement', 'audited')).toBe(true);
    expect(has('prepayment', 'audited')).toBe(true);
    expect(has('sales_order', 'partial')).toBe(true);
    expect(has('sales_delivery', 'audited')).toBe(true);
    expect(has('receipt', 'audited')).toBe(true);
    // All before the office's today (which only moves forward while the test runs).
    expect(docs.every((d) => d.date < officeToday())).toBe(true);
  });

  it('its stock and balances come from the postings, and the books balance', async () => {
    const stock = await rows<{ code: string; qty: string }>(sql`
      SELECT p.code, b.qty::text AS qty FROM stock_balances b JOIN products p ON p.id = b.product_id
      WHERE b.company_id = ${companyId} AND b.qty <> 0 ORDER BY p.code`);
    // 10 sofas bought, 2 delivered; 6 bought, 2 delivered; 200 and 300 of 200 and 500 ordered received.
    expect(Object.fromEntries(stock.map((s) => [s.code, Number(s.qty)]))).toEqual({
      'FZ-TX-BS-L': 50,
      'SF-1001-HS': 8,
      'SF-2002-HS': 4,
      'WJ-JL-35': 200,
      'WJ-LS-40': 300,
    });
    const untouched = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM stock_balances b JOIN products p ON p.id = b.product_id
      WHERE b.company_id = ${companyId} AND p.code IN ('CY-08-HS', 'C-1800-BS', 'FZ-TX-ZQ-M') AND b.qty <> 0`);
    expect(Number(untouched[0].n)).toBe(0); // what the browser tests count on
    await assertInvariants(db);
  });

  it('loading it again changes nothing', async () => {
    const before = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents WHERE company_id = ${companyId}`);
    expect((await loadDemoData(db, companyId)).loaded).toBe(false);
    const after = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents WHERE company_id = ${companyId}`);
    expect(after[0].n).toBe(before[0].n);
  });
});
