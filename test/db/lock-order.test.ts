// 10.3 No deadlocks between documents: every posting and un-posting takes its locks in one
// global order (the documents it depends on, then its own, then stock rows sorted, then
// partner balances), so 20 parallel pairs of each conflicting couple add nothing to
// pg_stat_database.deadlocks and each pair ends with one winner and one clear refusal.
// PostgreSQL only: PGlite has one connection, where nothing runs at once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { retryCounter } from '../../src/db/transaction.js';
import { createApp } from '../../src/http/app.js';
import { Client, type Reply } from '../helpers/api.js';
import { onPostgres } from '../helpers/db.js';
import { type PgInstallation, pgInstallation } from '../helpers/pg-installation.js';

const PAIRS = 20;
const today = '2026-12-01';

describe.skipIf(!onPostgres())('10.3 one global lock order (PostgreSQL)', () => {
  let inst: PgInstallation;
  let admin: Client;
  let ids: { supplierId: string; customerId: string; warehouseId: string; accountId: string; products: string[] };

  beforeAll(async () => {
    inst = await pgInstallation();
    admin = inst.admin;
    const products: string[] = [];
    for (let i = 0; i < 3; i++) products.push((await admin.post('/products', { code: `P${i}`, name: `沙发${i}`, baseUnit: '张' })).body.id);
    ids = {
      supplierId: (await admin.post('/suppliers', { code: 'S1', name: '木材厂' })).body.id,
      customerId: (await admin.post('/customers', { code: 'C1', name: '专卖店', paymentTerm: 'credit', creditLimit: '100000000.00' })).body.id,
      warehouseId: (await admin.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id,
      accountId: (await admin.post('/accounts', { code: 'A1', name: '银行', type: 'bank' })).body.id,
      products,
    };
    // Stock to sell: 10 000 of each.
    const stock = await admin.post('/purchase-bills', {
      supplierId: ids.supplierId,
      warehouseId: ids.warehouseId,
      date: today,
      lines: products.map((productId) => ({ productId, qty: '10000', price: '10.00' })),
    });
    expect((await admin.post(`/purchase-bills/${stock.body.id}/audit`)).status).toBe(200);
  });
  afterAll(() => inst?.close());

  const lines = (qty: string) => ids.products.map((productId, i) => ({ productId, qty, price: `${20 + i}.00` }));
  const created = async (path: string, body: Record<string, unknown>, by = admin) => {
    const r = await by.post(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const audited = async (path: string, body: Record<string, unknown>) => {
    const doc = await created(path, body);
    const r = await admin.post(`${path}/${doc.id}/audit`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  async function deadlocks(): Promise<number> {
    const c = new pg.Client({ connectionString: inst.url });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()');
      return rows[0].n;
    } finally {
      await c.end();
    }
  }

  /**
   * Builds PAIRS pairs (setup through `admin`), then runs every pair's two requests at
   * once over a pool of its own, and closes that pool: a backend reports its deadlock
   * count to pg_stat_database at the latest when it exits.
   */
  async function race(prepare: () => Promise<(c: Client) => [Promise<Reply>, Promise<Reply>]>) {
    const pairs = [];
    for (let i = 0; i < PAIRS; i++) pairs.push(await prepare());
    const db = await openDatabase({ url: inst.url, poolSize: 10 });
    const c = new Client(createApp(db));
    c.cookie = admin.cookie;
    const before = { deadlocks: await deadlocks(), retries: retryCounter.retries };
    let results: [Reply, Reply][];
    try {
      results = await Promise.all(pairs.map(async (pair) => (await Promise.all(pair(c))) as [Reply, Reply]));
    } finally {
      await db.close();
    }
    // The stats of exited backends land within moments.
    let after = await deadlocks();
    for (let i = 0; i < 20 && after === before.deadlocks; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await deadlocks();
    }
    return { results, deadlocks: after - before.deadlocks, retries: retryCounter.retries - before.retries };
  }

  /** One of the two succeeded; the other was refused with a stable code, not a 5xx. */
  function oneWinnerOneRefusal(results: [Reply, Reply][], allowed: string[]) {
    const refusals: string[] = [];
    for (const [x, y] of results) {
      const statuses = [x.status, y.status].sort();
      expect(statuses[0], JSON.stringify([x.body, y.body])).toBe(200);
      expect(statuses[1], JSON.stringify([x.body, y.body])).toBeGreaterThanOrEqual(400);
      expect(statuses[1], JSON.stringify([x.body, y.body])).toBeLessThan(500);
      refusals.push((x.status === 200 ? y : x).body.error.code);
    }
    for (const code of refusals) expect(allowed).toContain(code);
  }

  it('10.3 a purchase return audited while its bill is un-audited', async () => {
    const out = await race(async () => {
      const bill = await audited('/purchase-bills', { supplierId: ids.supplierId, warehouseId: ids.warehouseId, date: today, lines: lines('5') });
      const ret = await created('/purchase-returns', {
        supplierId: ids.supplierId,
        warehouseId: ids.warehouseId,
        date: today,
        billId: bill.id,
        lines: bill.lines.map((l: { id: string; productId: string }) => ({ productId: l.productId, billLineId: l.id, qty: '1' })),
      });
      return (c) => [c.post(`/purchase-returns/${ret.id}/audit`), c.post(`/purchase-bills/${bill.id}/unaudit`)];
    });
    oneWinnerOneRefusal(out.results, ['DOCUMENT_HAS_DEPENDANTS', 'SOURCE_NOT_AUDITED', 'BILL_NOT_AUDITED', 'INVALID_STATUS']);
    expect({ deadlocks: out.deadlocks, retries: out.retries }).toEqual({ deadlocks: 0, retries: 0 });
  });

  it('10.3 a settlement audited while its bill is un-audited', async () => {
    const out = await race(async () => {
      const bill = await audited('/purchase-bills', { supplierId: ids.supplierId, warehouseId: ids.warehouseId, date: today, lines: lines('1') });
      const s = await created('/purchase-settlements', {
        supplierId: ids.supplierId,
        accountId: ids.accountId,
        date: today,
        paymentTotal: bill.total,
        allocations: [{ documentId: bill.id, amount: bill.total }],
      });
      return (c) => [c.post(`/purchase-settlements/${s.id}/audit`), c.post(`/purchase-bills/${bill.id}/unaudit`)];
    });
    oneWinnerOneRefusal(out.results, ['DOCUMENT_HAS_DEPENDANTS', 'DOCUMENT_SETTLED', 'ALLOCATION_EXCEEDS_OPEN', 'ALLOCATION_NOT_OPEN', 'INVALID_STATUS']);
    expect({ deadlocks: out.deadlocks, retries: out.retries }).toEqual({ deadlocks: 0, retries: 0 });
  });

  it('10.3 two settlements of one bill', async () => {
    const out = await race(async () => {
      const bill = await audited('/purchase-bills', { supplierId: ids.supplierId, warehouseId: ids.warehouseId, date: today, lines: lines('1') });
      const body = {
        supplierId: ids.supplierId,
        accountId: ids.accountId,
        date: today,
        paymentTotal: bill.total,
        allocations: [{ documentId: bill.id, amount: bill.total }],
      };
      const s1 = await created('/purchase-settlements', body);
      const s2 = await created('/purchase-settlements', body);
      return (c) => [c.post(`/purchase-settlements/${s1.id}/audit`), c.post(`/purchase-settlements/${s2.id}/audit`)];
    });
    oneWinnerOneRefusal(out.results, ['ALLOCATION_EXCEEDS_OPEN']);
    expect({ deadlocks: out.deadlocks, retries: out.retries }).toEqual({ deadlocks: 0, retries: 0 });
  });

  it('10.3 a bill audited while it is edited', async () => {
    const out = await race(async () => {
      const bill = await created('/purchase-bills', { supplierId: ids.supplierId, warehouseId: ids.warehouseId, date: today, lines: lines('2') });
      const edit = { supplierId: ids.supplierId, warehouseId: ids.warehouseId, date: today, lines: lines('3') };
      return (c) => [
        c.request('POST', `/purchase-bills/${bill.id}/audit`, {}, { 'if-match': `"${bill.version}"` }),
        c.request('PATCH', `/purchase-bills/${bill.id}`, edit, { 'if-match': `"${bill.version}"` }),
      ];
    });
    oneWinnerOneRefusal(out.results, ['DOCUMENT_CHANGED', 'DOCUMENT_NOT_EDITABLE', 'INVALID_STATUS']);
    // An audit that waited for the edit runs once more by design, to post the saved lines
    // (flip-status.ts), and is then refused by If-Match: a re-read, not a deadlock.
    expect(out.deadlocks).toBe(0);
  });

  it('10.3 a sales return audited while its delivery is un-audited', async () => {
    const approver = await (async () => {
      const roles = await admin.get('/roles?pageSize=500');
      const role = roles.body.items.find((r: { code: string }) => r.code === 'sales_manager');
      await admin.post('/users', { username: 'yewu-lock', displayName: '业务经理', password: 'approver-pw', roleIds: [role.id] });
      const c = new Client(admin.app);
      expect((await c.login('yewu-lock', 'approver-pw')).status).toBe(200);
      return c;
    })();
    const out = await race(async () => {
      const delivery = await audited('/sales-deliveries', { customerId: ids.customerId, warehouseId: ids.warehouseId, date: today, lines: lines('2') });
      const ret = await created('/sales-returns', {
        customerId: ids.customerId,
        warehouseId: ids.warehouseId,
        date: today,
        deliveryId: delivery.id,
        lines: delivery.lines.map((l: { id: string; productId: string }) => ({ productId: l.productId, deliveryLineId: l.id, qty: '1' })),
      });
      const ok = await approver.post(`/sales-returns/${ret.id}/approval`, { reason: '质量问题' });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      return (c) => [c.post(`/sales-returns/${ret.id}/audit`), c.post(`/sales-deliveries/${delivery.id}/unaudit`)];
    });
    oneWinnerOneRefusal(out.results, ['DOCUMENT_HAS_DEPENDANTS', 'SOURCE_NOT_AUDITED', 'DELIVERY_NOT_AUDITED', 'INVALID_STATUS']);
    expect({ deadlocks: out.deadlocks, retries: out.retries }).toEqual({ deadlocks: 0, retries: 0 });
  });
});
