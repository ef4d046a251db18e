// 10.8 A database outage is a 503 with Retry-After, never a 500; /api/health says the
// database is unreachable; once it is back the same server process serves again, and a
// request cut off mid-way left nothing half-written. The app talks to PostgreSQL through
// a TCP proxy the test can cut. (An embedded database lives in the server's own process:
// it cannot go away while the server runs.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../helpers/api.js';
import { onPostgres } from '../helpers/db.js';
import { billBasics, type PgInstallation, pgInstallation } from '../helpers/pg-installation.js';
import { type TcpProxy, tcpProxy } from '../helpers/tcp-proxy.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!onPostgres())('10.8 the database goes away and comes back (PostgreSQL)', () => {
  let inst: PgInstallation;
  let proxy: TcpProxy;
  let direct: pg.Client;
  let a: Client;
  let ids: { supplierId: string; warehouseId: string; productId: string };

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    inst = await pgInstallation({
      connectVia: (url) => {
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(proxy.port);
        return viaProxy.toString();
      },
    });
    a = inst.admin;
    ids = await billBasics(a);
    direct = new pg.Client({ connectionString: inst.url });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await proxy?.up().catch(() => {});
    try {
      await inst?.close();
    } finally {
      await proxy?.close();
    }
  });

  it('10.8 while it is down: health says unreachable, the API answers 503 with Retry-After; after: the same process serves', async () => {
    expect((await a.get('/api/health')).body).toMatchObject({ status: 'ok', reachable: true });
    await proxy.down();

    const health = await a.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', reachable: false, code: 'DATABASE_UNAVAILABLE' });
    for (const reply of [await a.get('/suppliers'), await a.post('/suppliers', { code: 'S2', name: '停机时' }), await a.get(`/products/${ids.productId}`)]) {
      expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(reply.headers.get('retry-after')).toBe('5');
      expect(reply.body.error.message).toMatch(/数据库/);
      expect(reply.body.error.messageEn).toMatch(/database/i);
    }

    await proxy.up();
    // No restart: the pool opens new connections on the next request.
    let back = await a.get('/api/health');
    for (let i = 0; i < 50 && back.status !== 200; i++) {
      await sleep(100);
      back = await a.get('/api/health');
    }
    expect(back.status).toBe(200);
    expect((await a.post('/suppliers', { code: 'S2', name: '恢复后' })).status).toBe(201);
    expect((await a.get('/suppliers?q=S2')).body.items.map((s: { name: string }) => s.name)).toEqual(['恢复后']);
  });

  it('10.8 an audit cut off mid-way answers 503 and posts nothing; once back it posts once', async () => {
    const bill = await a.post('/purchase-bills', { ...ids, date: '2026-12-01', lines: [{ productId: ids.productId, qty: '4', price: '25.00' }] });
    expect(bill.status).toBe(201);
    // Hold the bill so the audit is mid-transaction when the connection goes.
    await direct.query('BEGIN');
    await direct.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [bill.body.id]);
    const audit = a.post(`/purchase-bills/${bill.body.id}/audit`);
    for (let i = 0; ; i++) {
      const { rows } = await direct.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (rows[0].n >= 1) break;
      if (i > 500) throw new Error('the audit never waited for the bill');
      await sleep(10);
    }
    await proxy.down();
    const cut = await audit;
    expect({ status: cut.status, code: cut.body.error?.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    await direct.query('ROLLBACK');
    await proxy.up();

    const { rows } = await direct.query('SELECT count(*)::int AS n FROM stock_moves WHERE document_id = $1', [bill.body.id]);
    expect(rows[0].n).toBe(0);
    let view = await a.get(`/purchase-bills/${bill.body.id}`);
    for (let i = 0; i < 50 && view.status !== 200; i++) {
      await sleep(100);
      view = await a.get(`/purchase-bills/${bill.body.id}`);
    }
    expect(view.body.status).not.toBe('audited');
    const again = await a.post(`/purchase-bills/${bill.body.id}/audit`);
    expect(again.status).toBe(200);
    const after = await direct.query('SELECT count(*)::int AS n FROM stock_moves WHERE document_id = $1', [bill.body.id]);
    expect(after.rows[0].n).toBe(1);
  });
});
