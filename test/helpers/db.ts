// A fresh, migrated database for one test file: PGlite loaded from the run's template
// dump, or a PostgreSQL database copied from the run's template database.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { checkInvariants } from '../../src/ledger/invariants.js';
import { databaseUrlFor } from './global-setup.js';

export const onPostgres = () => !!process.env.TEST_DATABASE_URL;

/** Fails the test file when its database breaks an invariant of the books. */
export async function assertInvariants(db: Database): Promise<void> {
  const violations = await checkInvariants(db.orm);
  if (violations.length) throw new Error(`invariants violated:\n${violations.map((v) => `- ${v.rule}: ${JSON.stringify(v.detail)}`).join('\n')}`);
}

/** A fresh database whose close() first checks the invariants (every database test file). */
export async function testDatabase(): Promise<Database> {
  const db = await openFresh();
  return {
    ...db,
    close: async () => {
      try {
        await assertInvariants(db);
      } finally {
        await db.close();
      }
    },
  };
}

/**
 * A new PostgreSQL database with nothing in it (TEST_DATABASE_URL's server), for restores;
 * dropped by drop() or, failing that, at the end of the run.
 */
export async function emptyPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('emptyPgDatabase needs TEST_DATABASE_URL');
  const name = `erp_r_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlFor(base, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A new PostgreSQL database copied from the run's migrated template (TEST_DATABASE_URL). */
export async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `erp_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlFor(url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function openFresh(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const fresh = await freshPostgresDatabase(url);
  const db = await openDatabase({ url: fresh.url, poolSize: 10 });
  return {
    ...db,
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}
