// Transactions on both databases. On PostgreSQL the BEGIN is held back and written with
// the first statement (database.ts beginTogether): these prove the statements still run
// inside one transaction, that a failure rolls all of them back, and that the pooled
// connection is clean for the next user. The last writes of a posting can leave with the
// COMMIT (transaction.ts atCommit): these prove they commit or fail with the transaction.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, defineStatement } from '../../src/db/database.js';
import { atCommit, pgErrorCode, transaction } from '../../src/db/transaction.js';
import { onPostgres, testDatabase } from '../helpers/db.js';

type Rows<T> = { rows: T[] };
let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await db.orm.execute(sql`CREATE TABLE tx_probe (id int PRIMARY KEY, note text NOT NULL, txid text)`);
  // Fails with the given SQLSTATE, or does nothing when given 'none'.
  await db.orm.execute(
    sql.raw(`CREATE FUNCTION tx_probe_fail(code text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN IF code <> 'none' THEN RAISE EXCEPTION 'tx_probe_fail %', code USING ERRCODE = code; END IF; END $$`),
  );
});
afterAll(async () => {
  await db.orm.execute(sql`DROP TABLE tx_probe`);
  await db.orm.execute(sql`DROP FUNCTION tx_probe_fail(text)`);
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

  // The shape of a posting's last statement: a named prepared statement that writes.
  const lastWrite = defineStatement<{ id: number; note: string | null; fail: string }>(
    'tx_probe_last_write',
    (arg) =>
      sql`WITH f AS (SELECT tx_probe_fail(${arg('fail')})) INSERT INTO tx_probe (id, note, txid) SELECT ${arg('id')}, ${arg('note')}, txid_current()::text FROM f`,
  );
  const txids = async (from: number, to: number) =>
    ((await db.orm.execute(sql`SELECT txid FROM tx_probe WHERE id BETWEEN ${from} AND ${to} ORDER BY id`)) as unknown as Rows<{ txid: string }>).rows.map(
      (r) => r.txid,
    );

  it('X3 a statement sent with the COMMIT is written in the same transaction and committed with it', async () => {
    await transaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO tx_probe (id, note, txid) VALUES (300, 'first', txid_current()::text)`);
      await atCommit(tx, () => lastWrite(tx, { id: 301, note: 'last', fail: 'none' }));
    });
    const [first, last] = await txids(300, 301);
    expect(last).toBeDefined();
    expect(last).toBe(first);
  });

  it('X3 a statement sent with the COMMIT that fails rolls the whole transaction back, and its error is the error', async () => {
    const before = await count();
    const err = await transaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (310, 'first')`);
      await atCommit(tx, () => lastWrite(tx, { id: 311, note: null, fail: 'none' }));
    }).catch((e: unknown) => e);
    expect(pgErrorCode(err)).toBe('23502'); // not null violation
    expect(await count()).toBe(before);
    // The connections are clean: each serves a transaction again.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => transaction(db, (tx) => atCommit(tx, () => lastWrite(tx, { id: 320 + i, note: 'ok', fail: 'none' })))),
    );
    expect(await count()).toBe(before + 12);
  });

  // node-postgres refuses a parameter it cannot write before sending anything (PGlite
  // writes whatever it is given, and there atCommit simply awaits).
  it.skipIf(!onPostgres())('X3 a statement the driver refuses before sending it rolls the transaction back', async () => {
    const before = await count();
    const circular: Record<string, unknown> = {};
    circular.self = circular; // no driver can write this as a parameter
    const err = await transaction(db, async (tx) => {
      await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (360, 'first')`);
      await atCommit(tx, () => lastWrite(tx, { id: 361, note: circular as never, fail: 'none' }));
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await count()).toBe(before);
    // and the connections still serve it (the refused statement is prepared again)
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => transaction(db, (tx) => atCommit(tx, () => lastWrite(tx, { id: 370 + i, note: 'ok', fail: 'none' })))),
    );
    expect(await count()).toBe(before + 12);
  });

  it('X3 a statement wrongly sent after the one sent with the COMMIT does not hide its error', async () => {
    const err = await transaction(db, async (tx) => {
      await atCommit(tx, () => lastWrite(tx, { id: 340, note: 'x', fail: '22012' }));
      await tx.execute(sql`SELECT 1`); // "current transaction is aborted" on PostgreSQL
    }).catch((e: unknown) => e);
    expect(pgErrorCode(err)).toBe('22012');
    expect(await txids(340, 340)).toEqual([]);
  });

  it('X3 a deadlock or serialization failure of the statement sent with the COMMIT runs the whole transaction again', async () => {
    let attempts = 0;
    await transaction(db, async (tx) => {
      attempts++;
      await tx.execute(sql`INSERT INTO tx_probe (id, note) VALUES (350, 'first')`);
      await atCommit(tx, () => lastWrite(tx, { id: 351, note: 'last', fail: attempts === 1 ? '40P01' : 'none' }));
    });
    expect(attempts).toBe(2);
    expect(await txids(350, 351)).toHaveLength(2);
  });
});
