// 10.7 Refusals say what is wrong. The limits of every figure live in src/core/limits.ts
// (the NUMERIC columns); a figure past them is refused at save naming the field and line,
// a posting that would carry a balance past them is refused naming what and the limit, and
// PostgreSQL's own overflow never reaches the client as "body number out of range".
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largest } from '../../src/core/limits.js';
import { type Client, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let customerId: string;
let warehouseId: string;
let accountId: string;
const date = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S', name: '供应商' })).body.id;
  customerId = (await a.post('/customers', { code: 'C', name: '客户' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W', name: '成品仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'A', name: '现金', type: 'cash' })).body.id;
});
afterAll(() => api.close());

async function ledgerCounts() {
  const r = (await api.db.orm.execute(sql`
    SELECT (SELECT count(*) FROM stock_moves)::int AS m, (SELECT count(*) FROM partner_entries)::int AS p, (SELECT count(*) FROM cash_entries)::int AS c,
           (SELECT count(*) FROM open_items)::int AS o, (SELECT count(*) FROM documents WHERE status = 'audited')::int AS audited`)) as unknown as {
    rows: Record<string, number>[];
  };
  return r.rows[0];
}

const product = async (code: string) => (await a.post('/products', { code, name: `商品${code}`, baseUnit: '件' })).body.id as string;

describe('10.7 figures past their column are refused saying which and how far', () => {
  it('10.7 a line tax rate or discount of 100% (NUMERIC(6,4) holds 99.9999) is refused at save naming the line field and the limit', async () => {
    const productId = await product('PCT');
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date, lines: [{ productId, qty: '1', price: '1.00', taxRate: '100' }] });
    expect(bill.status, JSON.stringify(bill.body)).toBe(400);
    expect(bill.body.error.details.issues).toEqual([expect.objectContaining({ path: 'lines.0.taxRate' })]);
    expect(bill.body.error.message).toContain('99.9999');
    expect(bill.body.error.messageEn).toContain('lines.0.taxRate');
    expect(bill.body.error.messageEn).not.toContain('body');
    const order = await a.post('/sales-orders', {
      customerId,
      warehouseId,
      date,
      lines: [
        { productId, qty: '1', price: '1.00' },
        { productId, qty: '1', price: '1.00', discount: '100' },
      ],
    });
    expect(order.status).toBe(400);
    expect(order.body.error.details.issues).toEqual([expect.objectContaining({ path: 'lines.1.discount' })]);
    expect(order.body.error.messageEn).toContain('at most 99.9999');
    // the largest that fits is taken
    const most = await a.post('/sales-orders', {
      customerId,
      warehouseId,
      date,
      lines: [{ productId, qty: '1', price: '1.00', discount: '99.9999', taxRate: '99.9999' }],
    });
    expect(most.status, JSON.stringify(most.body)).toBe(201);
  });

  it('10.7 a line whose quantity × price passes the amount column names the line, the figure and the limit', async () => {
    const productId = await product('QP');
    const r = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date,
      lines: [
        { productId, qty: '1', price: '1.00' },
        { productId, qty: '1', price: '1.00' },
        { productId, qty: '1', price: '1.00' },
        { productId, qty: '99999999999999', price: '2600.00' },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { field: 'lines.3.qty', limit: largest('money') } });
    expect(r.body.error.message).toContain('第 4 行');
    expect(r.body.error.message).toContain(largest('money'));
  });

  it('10.7 auditing a bill that would carry a stock row past its value is refused naming product, warehouse and limit; nothing posts', async () => {
    const productId = await product('BIG');
    const big = () => a.post('/purchase-bills', { supplierId, warehouseId, date, lines: [{ productId, qty: '9999999999', price: '999999.99' }] });
    const first = await big();
    expect((await a.post(`/purchase-bills/${first.body.id}/audit`)).status).toBe(200);
    const second = await big();
    expect(second.status).toBe(201);
    const before = await ledgerCounts();
    // no body at all, as a clerk's audit button sends
    const r = await a.request('POST', `/api/v1/purchase-bills/${second.body.id}/audit`);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error).toMatchObject({
      code: 'AMOUNT_TOO_LARGE',
      details: { field: 'stock', productId, warehouseId, productCode: 'BIG', limit: largest('money') },
    });
    expect(r.body.error.message).toContain('BIG');
    expect(r.body.error.message).toContain('成品仓');
    expect(r.body.error.message).toContain('库存金额');
    expect(r.body.error.messageEn).not.toMatch(/body|out of range/);
    expect(await ledgerCounts()).toEqual(before);
    expect((await a.get(`/purchase-bills/${second.body.id}`)).body.status).toBe('saved');
  });

  it('10.7 a partner or cash balance the database itself finds past its column is a clear 4xx naming the limit, never "body number out of range"', async () => {
    const prepay = () => a.post('/prepayments', { supplierId, accountId, date, amount: largest('money') });
    const first = await prepay();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await a.post(`/prepayments/${first.body.id}/audit`)).status).toBe(200);
    const second = await prepay();
    const before = await ledgerCounts();
    const r = await a.request('POST', `/api/v1/prepayments/${second.body.id}/audit`);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'AMOUNT_TOO_LARGE', details: { limit: largest('money') } });
    expect(r.body.error.message).toContain('余额');
    expect(r.body.error.messageEn).toContain(largest('money'));
    expect(r.body.error.messageEn).not.toContain('body');
    expect(await ledgerCounts()).toEqual(before);
    expect((await a.get(`/prepayments/${second.body.id}`)).body.status).toBe('saved');
  });
});
