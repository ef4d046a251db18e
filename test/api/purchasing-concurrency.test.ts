// Concurrency of the posting engine. On PostgreSQL (TEST_DATABASE_URL) the clients
// really run at once over a connection pool; on PGlite they queue on its one connection.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import type { Tx } from '../../src/db/database.js';
import { type Client, type Reply, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants, onPostgres } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let warehouseId: string;
let accountId: string;
const products: string[] = [];
const today = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S', name: '供应商' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W', name: '仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'A', name: '银行', type: 'bank' })).body.id;
  for (let i = 0; i < 10; i++) products.push((await a.post('/products', { code: `HOT${i}`, name: `热门${i}`, baseUnit: '件' })).body.id);
});
afterAll(() => api.close());

/** Runs tasks on `clients` workers pulling from one queue. */
async function onClients<T>(clients: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const shuffled = <T>(list: T[], seed: number) => {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

async function stockOf(productId: string) {
  return new Decimal((await a.get(`/stock?productId=${productId}&warehouseId=${warehouseId}`)).body.items[0]?.qty ?? 0);
}

describe('posting under concurrency', () => {
  it('P3 P7 8 clients auditing bills and returns on the same 10 products lose no update', async () => {
    const expected = products.map(() => new Decimal(0));
    const bills: string[] = [];
    for (let b = 0; b < 32; b++) {
      const order = shuffled(products, b + 1);
      const lines = order.map((p, i) => ({ productId: p, qty: String(5 + ((b + i) % 7)), price: `${10 + i}.50` }));
      lines.forEach((l) => {
        const k = products.indexOf(l.productId);
        expected[k] = expected[k].plus(l.qty);
      });
      const r = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines });
      expect(r.status).toBe(201);
      bills.push(r.body.id);
    }
    const results = await onClients(
      8,
      bills.map((id) => () => a.post(`/purchase-bills/${id}/audit`)),
    );
    expect(results.map((r) => r.status)).toEqual(bills.map(() => 200));

    // Returns out and new bills in, interleaved on 8 clients.
    const returns: string[] = [];
    for (let r = 0; r < 16; r++) {
      const lines = shuffled(products, 100 + r)
        .slice(0, 5)
        .map((p) => ({ productId: p, qty: '2', price: '10.00' }));
      lines.forEach((l) => {
        const k = products.indexOf(l.productId);
        expected[k] = expected[k].minus(2);
      });
      returns.push((await a.post('/purchase-returns', { supplierId, warehouseId, date: today, lines })).body.id);
    }
    const more: string[] = [];
    for (let b = 0; b < 16; b++) {
      const lines = shuffled(products, 200 + b).map((p) => ({ productId: p, qty: '1', price: '9.90' }));
      lines.forEach((l) => {
        const k = products.indexOf(l.productId);
        expected[k] = expected[k].plus(1);
      });
      more.push((await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines })).body.id);
    }
    const mixed = shuffled([...returns.map((id) => `/purchase-returns/${id}/audit`), ...more.map((id) => `/purchase-bills/${id}/audit`)], 7);
    const mixedResults = await onClients(
      8,
      mixed.map((path) => () => a.post(path)),
    );
    expect(mixedResults.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    for (const [i, p] of products.entries()) expect((await stockOf(p)).toFixed()).toBe(expected[i].toFixed());
    await assertInvariants(api.db);
  });

  it('P10 10 parallel audits of one bill post exactly once', async () => {
    const r = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: today,
      lines: products.slice(0, 3).map((p) => ({ productId: p, qty: '4', price: '3.00' })),
    });
    const before = await stockOf(products[0]);
    const results = await Promise.all(Array.from({ length: 10 }, () => a.post(`/purchase-bills/${r.body.id}/audit`)));
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    expect(results.filter((x) => x.status === 409).map((x) => x.body.error.code)).toEqual(Array(9).fill('ALREADY_AUDITED'));
    expect((await stockOf(products[0])).minus(before).toFixed()).toBe('4');
    const moves = (await api.db.orm.execute(sql`SELECT count(*)::int AS n FROM stock_moves WHERE document_id = ${r.body.id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(moves.rows[0].n)).toBe(3);
  });

  it('P10 10 parallel un-audits of one bill reverse exactly once', async () => {
    const r = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: products[1], qty: '2', price: '3.00' }] });
    await a.post(`/purchase-bills/${r.body.id}/audit`);
    const results = await Promise.all(Array.from({ length: 10 }, () => a.post(`/purchase-bills/${r.body.id}/unaudit`)));
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    const moves = (await api.db.orm.execute(sql`SELECT count(*)::int AS n FROM stock_moves WHERE document_id = ${r.body.id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(moves.rows[0].n)).toBe(2);
  });

  it('P8 two settlements racing for the same bill cannot settle it twice', async () => {
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: products[2], qty: '1', price: '100.00' }] });
    await a.post(`/purchase-bills/${bill.body.id}/audit`);
    const body = { supplierId, accountId, date: today, paymentTotal: '100.00', allocations: [{ documentId: bill.body.id, amount: '100.00' }] };
    const s1 = await a.post('/purchase-settlements', body);
    const s2 = await a.post('/purchase-settlements', body);
    const results = await Promise.all([a.post(`/purchase-settlements/${s1.body.id}/audit`), a.post(`/purchase-settlements/${s2.body.id}/audit`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('ALLOCATION_EXCEEDS_OPEN');
    expect((await a.get(`/purchase-bills/${bill.body.id}`)).body.settlementStatus).toBe('settled');
  });

  it('an Idempotency-Key replays the first answer and refuses another body', async () => {
    const body = { supplierId, warehouseId, date: today, lines: [{ productId: products[3], qty: '1', price: '1.00' }] };
    const key = { 'Idempotency-Key': 'order-from-fax-42' };
    const [r1, r2] = await Promise.all([a.post('/purchase-bills', body, key), a.post('/purchase-bills', body, key)]);
    // 10.2 The racing twin waits for the first one's transaction and replays its answer.
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body.id).toBe(r1.body.id);
    expect([r1, r2].filter((r) => r.headers.get('idempotency-replayed') === 'true')).toHaveLength(1);
    const r3 = await a.post('/purchase-bills', body, key);
    expect(r3.status).toBe(201);
    expect(r3.body.id).toBe(r1.body.id);
    expect(r3.headers.get('idempotency-replayed')).toBe('true');
    const count = (await api.db.orm.execute(sql`SELECT count(*)::int AS n FROM documents WHERE kind = 'purchase_bill' AND total = 1.00`)) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(count.rows[0].n)).toBe(1);
    const other = await a.post('/purchase-bills', { ...body, remark: '不同' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A lost reply to an audit: the retry gets the same success, not ALREADY_AUDITED.
    const auditKey = { 'Idempotency-Key': 'audit-once-1' };
    const first = await a.post(`/purchase-bills/${r3.body.id}/audit`, {}, auditKey);
    const retry = await a.post(`/purchase-bills/${r3.body.id}/audit`, {}, auditKey);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('audited');
  });

  it("10.2 an Idempotency-Key is the user's own: another clerk's same key is another request", async () => {
    const other = await userWithRoles(api, 'idem-buyer2', ['buyer']);
    const body = { supplierId, warehouseId, date: today, lines: [{ productId: products[4], qty: '1', price: '2.00' }] };
    const key = { 'Idempotency-Key': 'fax-7' };
    const mine = await a.post('/purchase-bills', body, key);
    const theirs = await other.post('/purchase-bills', body, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('idempotency-replayed')).toBeNull();
    // A refusal is kept as the answer too, and what the refused work wrote is gone.
    const refused = await a.post(`/purchase-bills/${mine.body.id}/unaudit`, {}, { 'Idempotency-Key': 'ua-1' });
    const replayed = await a.post(`/purchase-bills/${mine.body.id}/unaudit`, {}, { 'Idempotency-Key': 'ua-1' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBe(refused.status);
    expect(replayed.body.error.code).toBe(refused.body.error.code);
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
  });

  /** Waits until `n` sessions wait for a lock. If they never do, the race under test did not
   * happen (the calls ran one after the other), so the test fails rather than passing. */
  async function untilWaitingForLocks(n: number) {
    for (let i = 0; i < 1000; i++) {
      const waiting = (await api.db.orm.execute(
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as unknown as { rows: { n: number }[] };
      if (Number(waiting.rows[0].n) >= n) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${n} call(s) never waited for the lock: nothing raced`);
  }

  // Races with a transaction that holds the document while the audit waits for it: only on
  // a server, where the two really run at once (PGlite has one connection).
  async function whileHolding(documentId: string, change: (tx: Tx) => Promise<void>, call: () => Promise<Reply>): Promise<Reply> {
    const { pending } = await api.db.orm.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM documents WHERE id = ${documentId} FOR UPDATE`);
      await change(tx as unknown as Tx);
      const pending = call();
      // Commit only once the call is waiting for this transaction's lock.
      await untilWaitingForLocks(1);
      // Wrapped: returning the promise itself would make the commit wait for the call.
      return { pending };
    });
    return pending;
  }

  it.skipIf(!onPostgres())('P3 an edit committed while the audit waited: the audit posts the saved lines, not the ones it first read', async () => {
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: products[4], qty: '3', price: '10.00' }] });
    const before4 = await stockOf(products[4]);
    const before5 = await stockOf(products[5]);
    // What an edit does (updateDocument): a new version of the header and new lines.
    const audit = await whileHolding(
      bill.body.id,
      async (tx) => {
        await tx.execute(sql`UPDATE documents SET version = version + 1 WHERE id = ${bill.body.id}`);
        await tx.execute(
          sql`UPDATE document_lines SET product_id = ${products[5]}, qty = 7, base_qty = 7, amount = 70, total = 70 WHERE document_id = ${bill.body.id}`,
        );
        await tx.execute(sql`UPDATE documents SET total_qty = 7, amount = 70, total = 70 WHERE id = ${bill.body.id}`);
      },
      () => a.post(`/purchase-bills/${bill.body.id}/audit`),
    );
    expect(audit.status).toBe(200);
    expect((await stockOf(products[4])).minus(before4).toFixed()).toBe('0');
    expect((await stockOf(products[5])).minus(before5).toFixed()).toBe('7');
    await assertInvariants(api.db);
  });

  it.skipIf(!onPostgres())('P6 P7 a return committed while the un-audit waited: the bill is still refused', async () => {
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: products[6], qty: '4', price: '10.00' }] });
    expect((await a.post(`/purchase-bills/${bill.body.id}/audit`)).status).toBe(200);
    const lineId = bill.body.lines[0].id;
    // What a return's audit does while it holds the bill: raise the returned quantity.
    const unaudit = await whileHolding(
      bill.body.id,
      async (tx) => {
        await tx.execute(sql`UPDATE document_lines SET returned_qty = 1 WHERE id = ${lineId}`);
      },
      () => a.post(`/purchase-bills/${bill.body.id}/unaudit`),
    );
    expect(unaudit.status).toBe(409);
    expect(unaudit.body.error.code).toBe('DOCUMENT_HAS_DEPENDANTS');
    expect((await a.get(`/purchase-bills/${bill.body.id}`)).body.status).toBe('audited');
    // (no return document stands behind that quantity: take it back)
    await api.db.orm.execute(sql`UPDATE document_lines SET returned_qty = 0 WHERE id = ${lineId}`);
    await assertInvariants(api.db);
  });

  // Settling with the prepaid (advance) balance, on both sides of the trade: each side's
  // partner, its prepayment, an open document of 100.00, the settlement and the balance.
  const prepaidSides = [
    {
      title: 'P9 P10 two settlements racing to spend the same prepaid balance: only one spends it',
      partner: () => a.post('/suppliers', { code: 'S-PRE', name: '预付供应商' }),
      advance: (partnerId: string) => ['/prepayments', { supplierId: partnerId, accountId, date: today, amount: '100.00' }] as const,
      openDocument: (partnerId: string, productId: string) =>
        ['/purchase-bills', { supplierId: partnerId, warehouseId, date: today, lines: [{ productId, qty: '1', price: '100.00' }] }] as const,
      settlement: (partnerId: string, documentId: string) =>
        [
          '/purchase-settlements',
          { supplierId: partnerId, accountId, date: today, paymentTotal: '0.00', prepaymentUsed: '100.00', allocations: [{ documentId, amount: '100.00' }] },
        ] as const,
      balance: async (partnerId: string) => (await a.get(`/suppliers/${partnerId}/balance`)).body.prepaid as string,
    },
    {
      title: 'S8 two receipts racing to spend the same advance: only one spends it',
      partner: () => a.post('/customers', { code: 'C-ADV', name: '预收客户', paymentTerm: 'credit', creditLimit: '100000.00' }),
      advance: (partnerId: string) => ['/advance-receipts', { customerId: partnerId, accountId, date: today, amount: '100.00' }] as const,
      openDocument: (partnerId: string, productId: string) =>
        ['/sales-deliveries', { customerId: partnerId, warehouseId, date: today, lines: [{ productId, qty: '1', price: '100.00' }] }] as const,
      settlement: (partnerId: string, documentId: string) =>
        [
          '/receipts',
          { customerId: partnerId, accountId, date: today, receiptTotal: '0.00', advanceUsed: '100.00', allocations: [{ documentId, amount: '100.00' }] },
        ] as const,
      balance: async (partnerId: string) => (await a.get(`/customers/${partnerId}/balance`)).body.advance as string,
    },
  ];

  for (const side of prepaidSides) {
    it.skipIf(!onPostgres())(side.title, async () => {
      const partnerId = (await side.partner()).body.id as string;
      const [advancePath, advanceBody] = side.advance(partnerId);
      const advance = await a.post(advancePath, advanceBody);
      expect((await a.post(`${advancePath}/${advance.body.id}/audit`)).status).toBe(200);
      // Stock for the deliveries (the bills' own stock is not needed, but harmless).
      const stock = await a.post('/purchase-bills', {
        supplierId,
        warehouseId,
        date: today,
        lines: [7, 8].map((i) => ({ productId: products[i], qty: '1', price: '10.00' })),
      });
      expect((await a.post(`/purchase-bills/${stock.body.id}/audit`)).status).toBe(200);
      const settlements: string[] = [];
      let settlementPath = '';
      for (const i of [7, 8]) {
        const [docPath, docBody] = side.openDocument(partnerId, products[i]);
        const doc = await a.post(docPath, docBody);
        expect((await a.post(`${docPath}/${doc.body.id}/audit`)).status).toBe(200);
        const [path, body] = side.settlement(partnerId, doc.body.id);
        settlementPath = path;
        settlements.push((await a.post(path, body)).body.id);
      }
      // Both audits start while another transaction holds the partner's balances, then run.
      const { pending } = await api.db.orm.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM partner_balances WHERE partner_id = ${partnerId} ORDER BY account FOR UPDATE`);
        const pending = Promise.all(settlements.map((id) => a.post(`${settlementPath}/${id}/audit`)));
        await untilWaitingForLocks(2);
        return { pending };
      });
      const results = await pending;
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      expect(results.find((r) => r.status === 422)?.body.error.code).toBe('PREPAYMENT_INSUFFICIENT');
      expect(await side.balance(partnerId)).toBe('0.00');
      await assertInvariants(api.db);
    });
  }
});
