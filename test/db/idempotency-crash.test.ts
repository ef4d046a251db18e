// 10.2 A server killed with SIGKILL mid-request leaves no Idempotency-Key behind that
// refuses the clerk's retry for ever: the key's record commits with the work or not at
// all. Deterministic on PostgreSQL: a test transaction holds the row the request needs,
// the request waits for it, and the server is killed while it waits. (PGlite is one
// process with its database: there the soak, `npm run soak`, kills it at random moments.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Client } from '../helpers/api.js';
import { onPostgres } from '../helpers/db.js';
import { billBasics, type PgInstallation, pgInstallation } from '../helpers/pg-installation.js';
import { type ServerHandle, startServer } from '../helpers/server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onPostgres())('10.2 Idempotency-Key across a kill -9 of the server (PostgreSQL)', () => {
  let inst: PgInstallation;
  let admin: Client;
  let watcher: pg.Client;
  let server: ServerHandle | undefined;
  let ids: { supplierId: string; warehouseId: string; productId: string };

  beforeAll(async () => {
    inst = await pgInstallation();
    admin = inst.admin;
    ids = await billBasics(admin);
    watcher = new pg.Client({ connectionString: inst.url });
    await watcher.connect();
  });
  afterAll(async () => {
    await server?.stop();
    await watcher?.end();
    await inst?.close();
  });

  const start = () => startServer({ dataDir: '/nonexistent-unused', adminPassword: ADMIN_PASSWORD, demo: false, env: { DATABASE_URL: inst.url } });

  /** A request to the server process with the admin's session, as the web app sends it. */
  const call = (s: ServerHandle, method: string, path: string, key: string, body?: unknown) =>
    fetch(`${s.baseURL}/api/v1${path}`, {
      method,
      headers: { cookie: admin.cookie, origin: s.baseURL, 'idempotency-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  async function count(query: string, params: unknown[] = []): Promise<number> {
    return Number((await watcher.query(query, params)).rows[0].n);
  }

  async function until(what: string, test: () => Promise<boolean>) {
    for (let i = 0; i < 1000; i++) {
      if (await test()) return;
      await sleep(20);
    }
    throw new Error(`never happened: ${what}`);
  }

  /**
   * Sends the request while `lockSql` holds a row it needs, kills the server while the
   * request waits for that row, then lets go. The killed request's transaction can only
   * roll back: its client is gone.
   */
  async function killedWhileWaiting(lockSql: string, lockParams: unknown[], send: (s: ServerHandle) => Promise<Response>) {
    server = await start();
    const holder = new pg.Client({ connectionString: inst.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(lockSql, lockParams);
    const lost = send(server).then(
      () => 'answered',
      () => 'no answer',
    );
    await until(
      'the request waits for the held row',
      async () => (await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)) >= 1,
    );
    await server.kill();
    expect(await lost).toBe('no answer');
    await holder.query('ROLLBACK');
    await holder.end();
    // The killed server's sessions end once the database finds their client gone.
    await until(
      'the killed server has no open transaction',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
        )) === 0,
    );
    server = await start();
  }

  it('10.2 an audit killed mid-request is retried with its key: it runs once, then replays', async () => {
    const bill = await admin.post('/purchase-bills', { ...ids, date: '2026-12-01', lines: [{ productId: ids.productId, qty: '3', price: '10.00' }] });
    expect(bill.status).toBe(201);
    const key = 'audit-before-the-crash';
    await killedWhileWaiting('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [bill.body.id], (s) =>
      call(s, 'POST', `/purchase-bills/${bill.body.id}/audit`, key),
    );
    const s = server as ServerHandle;
    const retry = await call(s, 'POST', `/purchase-bills/${bill.body.id}/audit`, key);
    const retried = await retry.json();
    expect({ status: retry.status, code: retried.error?.code }).toEqual({ status: 200, code: undefined });
    expect(retried.status).toBe('audited');
    const again = await call(s, 'POST', `/purchase-bills/${bill.body.id}/audit`, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await count('SELECT count(*) AS n FROM stock_moves WHERE document_id = $1', [bill.body.id])).toBe(1);
  });

  it('10.2 a create killed mid-request is retried with its key: one document, then the replay', async () => {
    const body = { ...ids, date: '2026-12-02', remark: '崩溃前', lines: [{ productId: ids.productId, qty: '1', price: '5.00' }] };
    const key = 'create-before-the-crash';
    // Whatever number the bill will draw: hold the day's counter of purchase bills.
    const first = await admin.post('/purchase-bills', { ...body, remark: '取号' });
    await killedWhileWaiting(
      `SELECT 1 FROM doc_sequences WHERE company_id = (SELECT company_id FROM documents WHERE id = $1) AND day = '2026-12-02' FOR UPDATE`,
      [first.body.id],
      (s) => call(s, 'POST', '/purchase-bills', key, body),
    );
    const s = server as ServerHandle;
    const retry = await call(s, 'POST', '/purchase-bills', key, body);
    expect(retry.status).toBe(201);
    const replay = await call(s, 'POST', '/purchase-bills', key, body);
    expect(replay.status).toBe(201);
    expect((await replay.json()).id).toBe((await retry.json()).id);
    expect(await count(`SELECT count(*) AS n FROM documents WHERE remark = '崩溃前'`)).toBe(1);
  });
});
