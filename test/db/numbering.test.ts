import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextDocNumber } from '../../src/core/numbering.js';
import type { Database } from '../../src/db/database.js';
import { transaction } from '../../src/db/transaction.js';
import { createCompany, ensureInstalled } from '../../src/modules/auth/install.js';
import { testDatabase } from '../helpers/db.js';

let db: Database;
let companyA: string;
let companyB: string;
beforeAll(async () => {
  db = await testDatabase();
  companyA = (await ensureInstalled(db, 'pw-123456')).companyId;
  companyB = (await createCompany(db, 'B', '乙公司')).id;
});
afterAll(() => db.close());

describe('X1 document numbering', () => {
  it('X1 numbers 20 concurrent documents 0001…0020 with no gap and no repeat', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => transaction(db, (tx) => nextDocNumber(tx, companyA, 'JH', '2026-11-26'))));
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `JH-20261126-${String(i + 1).padStart(4, '0')}`));
  });

  it('X1 a rolled-back document gives its number back (gap-free)', async () => {
    await expect(
      transaction(db, async (tx) => {
        await nextDocNumber(tx, companyA, 'TH', '2026-11-26');
        throw new Error('save failed');
      }),
    ).rejects.toThrow('save failed');
    const n = await transaction(db, (tx) => nextDocNumber(tx, companyA, 'TH', '2026-11-26'));
    expect(n).toBe('TH-20261126-0001');
  });

  it('X1 each day, prefix and company counts on its own', async () => {
    const [a, b, c, d] = await Promise.all([
      transaction(db, (tx) => nextDocNumber(tx, companyA, 'JH', '2026-11-27')),
      transaction(db, (tx) => nextDocNumber(tx, companyA, 'XS', '2026-11-26')),
      transaction(db, (tx) => nextDocNumber(tx, companyB, 'JH', '2026-11-26')),
      transaction(db, (tx) => nextDocNumber(tx, companyB, 'JH', '2026-11-26')),
    ]);
    expect(a).toBe('JH-20261127-0001');
    expect(b).toBe('XS-20261126-0001');
    expect([c, d].sort()).toEqual(['JH-20261126-0001', 'JH-20261126-0002']);
  });
});

describe('X4 audit log', () => {
  it('X4 is append-only: the database refuses UPDATE and DELETE', async () => {
    await db.orm.execute(sql`INSERT INTO audit_log (company_id, action, entity) VALUES (${companyA}, 'test', 'x')`);
    await expect(db.orm.execute(sql`UPDATE audit_log SET action = 'forged' WHERE company_id = ${companyA}`)).rejects.toThrow();
    await expect(db.orm.execute(sql`DELETE FROM audit_log WHERE company_id = ${companyA}`)).rejects.toThrow();
    const res = (await db.orm.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'`)) as unknown as { rows: { n: number }[] };
    expect(Number(res.rows[0].n)).toBe(0);
  });
});

describe('companies (账套) in the schema', () => {
  it('every business table carries company_id first in its primary key and unique indexes', async () => {
    // login_throttles: failed logins per client address, before any company is chosen.
    const global = new Set(['companies', 'users', 'sessions', 'login_throttles', '__drizzle_migrations']);
    const res = (await db.orm.execute(sql`
      SELECT c.relname AS table_name, i.relname AS index_name, a.attname AS first_column
      FROM pg_index x
      JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = x.indkey[0]
      WHERE n.nspname = 'public' AND (x.indisunique OR x.indisprimary)`)) as unknown as {
      rows: { table_name: string; index_name: string; first_column: string }[];
    };
    const business = res.rows.filter((r) => !global.has(r.table_name));
    expect(business.length).toBeGreaterThan(15);
    for (const r of business) expect(r.first_column, `${r.table_name}.${r.index_name}`).toBe('company_id');
  });
});
