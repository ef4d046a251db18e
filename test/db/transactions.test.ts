// Transactions on both databases. On PostgreSQL the BEGIN is held back and written with
// the first statement (database.ts beginTogether): these prove the statements still run
// inside one transaction, that a failure rolls all of them back, and that the pooled
// connection is clean for the next user.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { transaction } from '../../src/db/transaction.js';
import { testDatabase } from '../helpers/db.js';

type Rows<T> = { rows: T[] };
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await db.orm.execute(sql`CREATE TABLE tx_probe (id int PRIMARY KEY, note text NOT NULL)`);
});
afterAll(async () => {
  await db.orm.execute(sql`DROP TABLE tx_probe`);
  await db.close();
});

const count = async () => Number(((await db.orm.execute(sql`SELECT count(*)::int AS n FROM tx_probe`)) as unknown as Rows<{ n: number }>).rows[0].n);

describe('X3 short transactions', () => {
  it('X3 the statements of a transaction share one transaction (one start time, one transaction id)', async () => {
    const seen = await transaction(db, async (tx) => {
      const first = ((await tx.execute(sql`SELECT now()::text AS at, txid_current()::text AS id`)) as unknown as Rows<{ at: string; id: string }>).rows[0];
      await new Promise((r) => setTimeout(r, 20));
      const second = ((await tx.execute(sql`SELECT now()::text AS at, txid_current()::text AS id`)) as unknown as Rows<{ at: string; id: string }>).rows[0];
      return { first, second };
    });
    expect(seen.second).toEqual(seen.first);
  });

  it('X3 a failure after the first statement rolls every statement back', async () => {
    const before = await count();
    await expect(
      transaction(db, async (tx) => {
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (1, 'first')`);
        await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (2, 'second')`);
        throw new Error('the rule refused it');
      }),
    ).rejects.toThrow('the rule refused it');
    expect(await count()).toBe(before);
  });

  it('X3 a failing first statement rolls back, and the connection serves the next transactions', async () => {
    const before = await count();
    await expect(transaction(db, (tx) => tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (3, NULL)`))).rejects.toThrow();
    // Every pooled connection gets used again, none left inside a failed transaction.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        transaction(db, async (tx) => {
          await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (${100 + i}, 'ok')`);
        }),
      ),
    );
    expect(await count()).toBe(before + 12);
  });

  it('X3 a transaction that runs no statement, or fails before its first, leaves every connection clean', async () => {
    // Twice the pool, so each pooled connection goes through both and then serves again.
    for (let round = 0; round < 24; round++) {
      expect(await transaction(db, async () => 'nothing to do')).toBe('nothing to do');
      await expect(
        transaction(db, async () => {
          throw new Error('refused before any statement');
        }),
      ).rejects.toThrow('refused before any statement');
    }
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        transaction(db, async (tx) => {
          const first = ((await tx.execute(sql`SELECT txid_current()::text AS id`)) as unknown as Rows<{ id: string }>).rows[0].id;
          await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (${200 + i}, 'clean')`);
          const second = ((await tx.execute(sql`SELECT txid_current()::text AS id`)) as unknown as Rows<{ id: string }>).rows[0].id;
          return first === second;
        }),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(await count()).toBe(before + 12);
  });
});
