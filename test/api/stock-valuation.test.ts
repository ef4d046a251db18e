// R2 stock on hand with its value, the stock ledger (流水) of a product with the balance
// after each move, and the valuation at moving weighted-average cost; a keeper without
// stock:price sees quantities only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let chair: string;
let sofa: string;
let warehouseId: string;

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  const supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  const customerId = (await a.post('/customers', { code: 'C1', name: '锦江专卖店', paymentTerm: 'credit', creditLimit: '100000.00' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  chair = (await a.post('/products', { code: 'CY-1', name: '餐椅', baseUnit: '把', wholesalePrice: '240.00' })).body.id;
  sofa = (await a.post('/products', { code: 'SF-1', name: '沙发', baseUnit: '套', wholesalePrice: '3000.00' })).body.id;
  const post = async (path: string, body: Record<string, unknown>) => {
    const r = await a.post(path, { warehouseId, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await a.post(`${path}/${r.body.id}/audit`)).status).toBe(200);
  };
  // chairs: 10 at 100, then 10 at 130 (average 115), then 5 delivered at that average
  await post('/purchase-bills', { supplierId, date: '2026-11-20', lines: [{ productId: chair, qty: '10', price: '100.00' }] });
  await post('/purchase-bills', { supplierId, date: '2026-11-21', lines: [{ productId: chair, qty: '10', price: '130.00' }] });
  await post('/sales-deliveries', { customerId, date: '2026-11-22', lines: [{ productId: chair, qty: '5' }] });
  await post('/purchase-bills', { supplierId, date: '2026-11-22', lines: [{ productId: sofa, qty: '2', price: '1800.00' }] });
});
afterAll(() => api.close());

describe('R2 stock on hand, ledger and valuation', () => {
  it('stock on hand: quantity, moving average cost and value per product, and the whole valuation', async () => {
    const r = await a.get(`/stock?warehouseId=${warehouseId}`);
    expect(r.status).toBe(200);
    const byCode = Object.fromEntries(r.body.items.map((x: { productCode: string }) => [x.productCode, x]));
    expect(byCode['CY-1']).toMatchObject({ qty: '15.0000', avgCost: '115.000000', value: '1725.00' });
    expect(byCode['SF-1']).toMatchObject({ qty: '2.0000', avgCost: '1800.000000', value: '3600.00' });
    expect(r.body.totals).toMatchObject({ value: '5325.00' });
    await assertInvariants(api.db);
  });

  it('the ledger of one product: each move with its document and the balance after it', async () => {
    const r = await a.get(`/stock/moves?productId=${chair}`);
    expect(r.status).toBe(200);
    const moves = r.body.items.map((m: Record<string, unknown>) => [m.kindName, m.qty, m.cost, m.balanceQty, m.balanceValue]);
    expect(moves).toEqual([
      ['进货单', '10.0000', '1000.00', '10.0000', '1000.00'],
      ['进货单', '10.0000', '1300.00', '20.0000', '2300.00'],
      ['发货单', '-5.0000', '-575.00', '15.0000', '1725.00'],
    ]);
    // the ledger ends where stock on hand stands
    const from = await a.get('/stock/moves?from=2026-11-21&to=2026-11-21');
    expect(from.body.items.map((m: { productCode: string; qty: string }) => [m.productCode, m.qty])).toEqual([['CY-1', '10.0000']]);
  });

  it('a warehouse keeper sees quantities on hand and in the ledger, not their value', async () => {
    const keeper = await userWithRoles(api, 'kg', ['warehouse_keeper']);
    const r = await keeper.get(`/stock?productId=${chair}`);
    expect(r.body.items[0]).toMatchObject({ qty: '15.0000', avgCost: null, value: null });
    expect(r.body.totals.value).toBeNull();
    const moves = (await keeper.get(`/stock/moves?productId=${chair}`)).body.items;
    expect(moves.map((m: { balanceQty: string }) => m.balanceQty)).toEqual(['10.0000', '20.0000', '15.0000']);
    expect(moves.every((m: { cost: unknown; balanceValue: unknown }) => m.cost === null && m.balanceValue === null)).toBe(true);
  });
});
