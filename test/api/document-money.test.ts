// X4 who may see a goods document need not see its money: without `<resource>:price` its
// prices, amounts, cost, margin, what is left to settle and the customer's balances read
// as null in the view and the list and are left out of the export (no blank 金额
// column); quantities, names and statuses stay.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../src/modules/auth/permissions.js';
import { PURCHASING_KINDS } from '../../src/modules/purchasing/kinds.js';
import { SALES_KINDS } from '../../src/modules/sales/kinds.js';
import { type Client, type TestApi, testApi, userWithRoles } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let billId: string;
let deliveryId: string;
let orderId: string;
const today = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  const supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  const customerId = (await a.post('/customers', { code: 'C1', name: '锦江专卖店', paymentTerm: 'credit', creditLimit: '100000.00' })).body.id;
  const warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  const productId = (await a.post('/products', { code: 'P1', name: '餐椅', baseUnit: '把', wholesalePrice: '240.00' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId, qty: '10', price: '158.00' }] });
  billId = bill.body.id;
  await a.post(`/purchase-bills/${billId}/audit`);
  const order = await a.post('/sales-orders', { customerId, warehouseId, date: today, lines: [{ productId, qty: '2' }] });
  orderId = order.body.id;
  const delivery = await a.post('/sales-deliveries', { customerId, warehouseId, date: today, lines: [{ productId, qty: '3' }] });
  deliveryId = delivery.body.id;
  await a.post(`/sales-deliveries/${deliveryId}/audit`);
});
afterAll(() => api.close());

/** An export's header row and data rows (ExcelJS rows are 1-based; the cells here are 0-based). */
async function exported(c: Client, resource: string) {
  const x = await c.get(`/${resource}/export`);
  expect(x.status, resource).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.body as never);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error(`${resource}: no sheet`);
  const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
  return { headers: row(1) as string[], rows: Array.from({ length: ws.rowCount - 1 }, (_, i) => row(i + 2)) };
}

const permsOf = (role: string) => new Set<string>(BUILTIN_ROLES.find((r) => r.code === role)?.permissions ?? []);

describe('X4 money on goods documents', () => {
  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s sees a bill’s and a delivery’s money exactly when it holds their :price', async (role) => {
    const c = await userWithRoles(api, `dm-${role}`, [role]);
    const perms = permsOf(role);
    for (const [res, id] of [
      ['purchase-bills', billId],
      ['sales-deliveries', deliveryId],
    ] as const) {
      const r = await c.get(`/${res}/${id}`);
      if (!perms.has(`${res}:view`)) {
        expect(r.status, `${role} ${res}`).toBe(403);
        continue;
      }
      expect(r.status, `${role} ${res}`).toBe(200);
      const sees = perms.has(`${res}:price`);
      // quantities and names always
      expect(r.body.lines[0].qty).toMatch(/^\d/);
      expect(r.body.partnerName).toBeTruthy();
      const money = { total: r.body.total, price: r.body.lines[0].price, openAmount: r.body.openAmount };
      if (sees)
        expect(
          Object.values(money).every((v) => typeof v === 'string'),
          `${role} ${res} ${JSON.stringify(money)}`,
        ).toBe(true);
      else expect(money, `${role} ${res}`).toEqual({ total: null, price: null, openAmount: null });
    }
  });

  it('a warehouse keeper: the bill list and its export carry quantities, not money', async () => {
    const keeper = await userWithRoles(api, 'kg', ['warehouse_keeper']);
    const row = (await keeper.get('/purchase-bills')).body.items.find((x: { id: string }) => x.id === billId);
    expect(row).toMatchObject({ totalQty: '10.0000', total: null, openAmount: null, settledAmount: null, settlementStatusName: '未结' });
    const { headers, rows } = await exported(keeper, 'purchase-bills');
    // the money columns are left out, not blank: 数量 and 结算状态 stay
    expect(headers).toEqual(['单号', '日期', '供应商', '仓库', '数量', '结算状态', '状态', '备注']);
    expect(rows[0]?.[headers.indexOf('数量')]).toBe(10);
  });

  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s: every document list it may export has 金额 / 未结金额 exactly when it holds :price', async (role) => {
    const c = await userWithRoles(api, `dx-${role}`, [role]);
    const perms = permsOf(role);
    const kinds = [...PURCHASING_KINDS, ...SALES_KINDS];
    for (const kind of kinds) {
      const res = kind.resource;
      if (!perms.has(`${res}:export`)) {
        expect((await c.get(`/${res}/export`)).status, `${role} ${res}`).toBe(403);
        continue;
      }
      const { headers } = await exported(c, res);
      const moneyDoc = !(kind.goods || kind.isOrder);
      const sees = moneyDoc || perms.has(`${res}:price`);
      expect(headers.includes('金额'), `${role} ${res} ${headers.join(',')}`).toBe(sees);
      if (!sees)
        expect(
          headers.filter((h) => /金额|单价|总额|成本|毛利/.test(h)),
          `${role} ${res}`,
        ).toEqual([]);
      if (kind.goods) expect(headers, `${role} ${res}`).toContain('数量');
    }
  });

  it('a driver sees a delivery’s goods but not its cost or gross profit; PMC sees an order but not the customer’s balance', async () => {
    const driver = await userWithRoles(api, 'sj', ['driver']);
    const d = (await driver.get(`/sales-deliveries/${deliveryId}`)).body;
    expect(d).toMatchObject({ costOfGoods: null, grossProfit: null, total: null });
    expect(d.lines[0]).toMatchObject({ qty: '3.0000', costAmount: null, price: null });
    const seller = (await a.get(`/sales-deliveries/${deliveryId}`)).body;
    expect(seller).toMatchObject({ costOfGoods: '474.00', grossProfit: '246.00', total: '720.00' });
    const pmc = await userWithRoles(api, 'pmc1', ['pmc']);
    const o = (await pmc.get(`/sales-orders/${orderId}`)).body;
    expect(o).toMatchObject({ customerReceivable: null, customerAdvance: null, totalToPay: null, total: null });
    expect(o.openLines[0].openQty).toBe('2');
  });

  it('10.4 a sale’s cost is a stock price: with a delivery’s :price but not stock:price, its prices show and its cost and margin do not', async () => {
    const role = await a.post('/roles', {
      code: 'dm_salesperson',
      name: '业务员（不看成本）',
      permissions: ['sales-deliveries:view', 'sales-deliveries:price', 'purchase-bills:view', 'purchase-bills:price'],
    });
    expect(role.status).toBe(201);
    const seller = await userWithRoles(api, 'dm-seller', ['dm_salesperson']);
    const d = (await seller.get(`/sales-deliveries/${deliveryId}`)).body;
    expect(d).toMatchObject({ total: '720.00', costOfGoods: null, grossProfit: null });
    expect(d.lines[0]).toMatchObject({ price: '240.0000', amount: '720.00', costAmount: null });
    // a bill's cost is what was paid for it: its own price, seen with the bill's
    const b = (await seller.get(`/purchase-bills/${billId}`)).body;
    expect(b.lines[0]).toMatchObject({ price: '158.0000', costAmount: '1580.00' });
  });
});
