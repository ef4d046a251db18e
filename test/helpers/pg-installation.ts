// A whole installation on a database of its own on the PostgreSQL server (tests that need
// its address: a server process, a proxy in front of it, several pools), with the
// administrator logged in through the in-process app.
import { expect } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { ensureInstalled } from '../../src/modules/auth/install.js';
import { ADMIN_PASSWORD, Client } from './api.js';
import { assertInvariants, freshPostgresDatabase } from './db.js';

export interface PgInstallation {
  /** The database's own address (not through any proxy). */
  url: string;
  db: Database;
  admin: Client;
  /** Checks the invariants, closes the pool and drops the database. */
  close(): Promise<void>;
}

/** `connectVia` turns the database's address into the one the app connects to (a proxy). */
export async function pgInstallation(opts: { poolSize?: number; connectVia?: (url: string) => string } = {}): Promise<PgInstallation> {
  const fresh = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
  const db = await openDatabase({ url: opts.connectVia ? opts.connectVia(fresh.url) : fresh.url, poolSize: opts.poolSize ?? 4 });
  await ensureInstalled(db, ADMIN_PASSWORD);
  const admin = new Client(createApp(db));
  expect((await admin.login('admin', ADMIN_PASSWORD)).status).toBe(200);
  return {
    url: fresh.url,
    db,
    admin,
    close: async () => {
      try {
        await assertInvariants(db);
      } finally {
        await db.close();
        await fresh.drop();
      }
    },
  };
}

/** One supplier, one warehouse, one product: enough for a bill. */
export async function billBasics(admin: Client) {
  return {
    supplierId: (await admin.post('/suppliers', { code: 'S1', name: '供应商' })).body.id as string,
    warehouseId: (await admin.post('/warehouses', { code: 'W1', name: '仓' })).body.id as string,
    productId: (await admin.post('/products', { code: 'P1', name: '桌', baseUnit: '张' })).body.id as string,
  };
}
