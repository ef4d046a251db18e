// Bad input on the sales documents and their sub-resources never gets a 500 and never
// posts anything.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let customerId: string;
let warehouseId: string;
let accountId: string;
let productId: string;
let delivery: { id: string; lineId: string };
let orderId: string;

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  customerId = (await a.post('/customers', { code: 'C', name: '客户', paymentTerm: 'credit', creditLimit: '100000.00' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W', name: '仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'A', name: '现金', type: 'cash' })).body.id;
  productId = (await a.post('/products', { code: 'P', name: '商品', baseUnit: '件', wholesalePrice: '9.00' })).body.id;
  const supplierId = (await a.post('/suppliers', { code: 'S', name: '厂' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '10', price: '5.00' }] });
  await a.post(`/purchase-bills/${bill.body.id}/audit`);
  const d = await a.post('/sales-deliveries', { customerId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '3' }] });
  await a.post(`/sales-deliveries/${d.body.id}/audit`);
  delivery = { id: d.body.id, lineId: d.body.lines[0].id };
  const o = await a.post('/sales-orders', { customerId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '2' }] });
  orderId = o.body.id;
});
afterAll(() => api.close());

async function counts() {
  const r = (await api.db.orm.execute(sql`
    SELECT (SELECT count(*) FROM stock_moves)::int AS m, (SELECT count(*) FROM partner_entries)::int AS p,
           (SELECT count(*) FROM cash_entries)::int AS c, (SELECT count(*) FROM open_items)::int AS o`)) as unknown as { rows: Record<string, number>[] };
  return r.rows[0];
}

const weird = fc.oneof(
  fc.constantFrom(
    null,
    '',
    '0',
    '-1',
    '1e9',
    '12.34567',
    '99999999999999999999',
    "'; DROP TABLE documents; --",
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '2026-13-45',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 30 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

describe('sales documents refuse bad input with a 4xx and post nothing', () => {
  it('S2 S5 S7 S8 a few hundred wrong bodies on every sales route', async () => {
    const before = await counts();
    let requests = 0;
    const goods = fc
      .tuple(
        fc.constantFrom(
          'customerId',
          'warehouseId',
          'date',
          'lines',
          'orderId',
          'deliveryId',
          'source',
          'depositPct',
          'line.productId',
          'line.qty',
          'line.price',
          'line.discount',
          'line.taxRate',
          'line.deliveryLineId',
          'line.orderLineId',
        ),
        weird,
      )
      .map(([field, value]) => {
        const body: Record<string, unknown> = { customerId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '1', price: '2.00' }] };
        if (field.startsWith('line.')) (body.lines as Record<string, unknown>[])[0][field.slice(5)] = value;
        else body[field] = value;
        return body;
      });
    await fc.assert(
      fc.asyncProperty(goods, fc.constantFrom('/sales-orders', '/sales-deliveries', '/sales-returns'), async (body, path) => {
        const r = await a.post(path, body);
        requests++;
        if (r.status === 201) return;
        expect(r.status, JSON.stringify({ path, body, reply: r.body })).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.error.message.length).toBeGreaterThan(0);
        expect(r.body.error.messageEn.length).toBeGreaterThan(0);
        expect(r.body.error.messageEn, 'English without Chinese (X5)').not.toMatch(/\p{Script=Han}/u);
      }),
      { numRuns: 150 },
    );
    const money = fc.record({
      customerId: fc.oneof(fc.constant(customerId), weird),
      accountId: fc.oneof(fc.constant(accountId), weird),
      date: fc.oneof(fc.constant('2026-11-26'), weird),
      receiptTotal: fc.oneof(fc.constant('10.00'), weird),
      advanceUsed: fc.oneof(fc.constant('0'), weird, fc.constant('99999.00')),
      amount: fc.oneof(fc.constant('5.00'), weird),
      allocations: fc.oneof(
        fc.constant([{ documentId: delivery.id, amount: '27.01' }]),
        fc.constant([{ documentId: delivery.id, amount: '-1.00' }]),
        fc.array(fc.record({ documentId: weird, amount: weird }), { maxLength: 2 }),
        weird,
      ),
    });
    await fc.assert(
      fc.asyncProperty(money, fc.constantFrom('/receipts', '/advance-receipts'), async (body, path) => {
        const r = await a.post(path, body);
        requests++;
        if (r.status === 201) return;
        expect(r.status, JSON.stringify({ path, body, reply: r.body })).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    const subResources = fc.tuple(
      fc.constantFrom(
        `/sales-orders/${orderId}/confirmation`,
        `/sales-deliveries/${delivery.id}/approval`,
        `/sales-orders/${orderId}/stage`,
        `/sales-deliveries/${delivery.id}/cod/status`,
        '/sales-orders/allocation',
        '/complaints',
      ),
      fc.oneof(
        weird,
        fc.dictionary(fc.constantFrom('confirmedWith', 'reason', 'stage', 'status', 'productId', 'warehouseId', 'customerId', 'description'), weird),
      ),
    );
    await fc.assert(
      fc.asyncProperty(subResources, async ([path, body]) => {
        const r = await a.post(path, body);
        requests++;
        if (r.status < 300) return;
        expect(r.status, JSON.stringify({ path, body, reply: r.body })).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    expect(requests).toBeGreaterThanOrEqual(350);
    // Nothing created by any of them posted anything (saved documents post nothing).
    expect(await counts()).toEqual(before);
  });

  it('S4 a deposit (订金) larger than the order is refused, as an amount or a percent', async () => {
    const order = (extra: Record<string, unknown>) =>
      a.post('/sales-orders', { customerId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '2', price: '190.00' }], ...extra });
    const amount = await order({ depositRequired: '999999.00' });
    expect(amount.status).toBe(422);
    expect(amount.body.error).toMatchObject({ code: 'DEPOSIT_EXCEEDS_TOTAL', details: { field: 'depositRequired', deposit: '999999.00', total: '380.00' } });
    expect(amount.body.error.message).toContain('订金 999999.00 超过订单金额 380.00');
    const pct = await order({ depositPct: '150' });
    expect(pct.status).toBe(422);
    expect(pct.body.error).toMatchObject({ code: 'DEPOSIT_EXCEEDS_TOTAL', details: { field: 'depositPct', deposit: '570.00' } });
    // the whole order as the deposit is fine
    const whole = await order({ depositPct: '100' });
    expect(whole.status, JSON.stringify(whole.body)).toBe(201);
    expect(whole.body.depositRequired).toBe('380.00');
  });

  it('S5 over-delivery, S7 returning more than delivered, P10 auditing twice: 4xx and nothing posted', async () => {
    const before = await counts();
    const order = await a.post('/sales-orders', { customerId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '1' }] });
    await a.post(`/sales-orders/${order.body.id}/audit`);
    const over = await a.post('/sales-deliveries', {
      customerId,
      warehouseId,
      date: '2026-11-26',
      lines: [{ productId, qty: '2', orderLineId: order.body.lines[0].id }],
    });
    expect(over.body.error.code).toBe('ORDER_QTY_EXCEEDED');
    const ret = await a.post('/sales-returns', {
      customerId,
      warehouseId,
      date: '2026-11-26',
      deliveryId: delivery.id,
      lines: [{ productId, qty: '4', deliveryLineId: delivery.lineId }],
    });
    expect(ret.body.error.code).toBe('RETURN_EXCEEDS_DELIVERED');
    const twice = await a.post(`/sales-deliveries/${delivery.id}/audit`);
    expect(twice.body.error.code).toBe('ALREADY_AUDITED');
    expect(await counts()).toEqual(before);
  });
});
