// 资金余额 and 资金流水: each account's balance from its opening balance and the postings,
// and one account's journal over a range with the balance before, after each entry and at the end.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let cash: string;
let bank: string;
let prepaymentId: string;

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  cash = (await a.post('/accounts', { code: 'XJ', name: '现金', type: 'cash', openingBalance: '1000.00' })).body.id;
  bank = (await a.post('/accounts', { code: 'YH', name: '工行', type: 'bank', openingBalance: '5000.00' })).body.id;
  const supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  const customerId = (await a.post('/customers', { code: 'C1', name: '锦江专卖店' })).body.id;
  const warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  const productId = (await a.post('/products', { code: 'P1', name: '餐椅', baseUnit: '把' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: '2026-11-20', lines: [{ productId, qty: '3', price: '100.00' }] });
  await a.post(`/purchase-bills/${bill.body.id}/audit`);
  const audited = async (path: string, body: Record<string, unknown>) => {
    const r = await a.post(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await a.post(`${path}/${r.body.id}/audit`)).status).toBe(200);
    return r.body.id as string;
  };
  // 11-21 pay the bill in cash; 11-22 a cash prepayment and a customer's cash receipt
  await audited('/purchase-settlements', {
    supplierId,
    accountId: cash,
    date: '2026-11-21',
    paymentTotal: '300.00',
    allocations: [{ documentId: bill.body.id, amount: '300.00' }],
  });
  prepaymentId = await audited('/prepayments', { supplierId, accountId: cash, date: '2026-11-22', amount: '200.00' });
  await audited('/receipts', { customerId, accountId: cash, date: '2026-11-22', receiptTotal: '500.00', allocations: [] });
  // the prepayment was a mistake: un-audited, its money comes back as a reversal
  expect((await a.post(`/prepayments/${prepaymentId}/unaudit`)).status).toBe(200);
});
afterAll(() => api.close());

describe('资金 cash and bank', () => {
  it('each account’s balance is its opening balance plus what was posted to it', async () => {
    const r = await a.get('/cash/balances');
    expect(r.status).toBe(200);
    const byCode = Object.fromEntries(r.body.items.map((x: { code: string; balance: string }) => [x.code, x.balance]));
    // 1000 − 300 − 200 + 500 + 200
    expect(byCode).toMatchObject({ XJ: '1200.00', YH: '5000.00' });
    expect(r.body.total).toBe('6200.00');
    await assertInvariants(api.db);
  });

  it('资金流水: the balance before the range, money in and out with the partner, the balance after each and at the end', async () => {
    const r = await a.get(`/cash/journal?accountId=${cash}&from=2026-11-22&to=2026-11-30`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.account).toMatchObject({ code: 'XJ', name: '现金' });
    expect(r.body.opening).toBe('700.00');
    const lines = r.body.lines.map((l: Record<string, unknown>) => [l.kindName, l.partnerName, l.income, l.expense, l.balance]);
    expect(lines).toEqual([
      ['预付款单', '龙江皮革厂', null, '200.00', '500.00'],
      ['收款单', '锦江专卖店', '500.00', null, '1000.00'],
      ['预付款单（反审核）', '龙江皮革厂', '200.00', null, '1200.00'],
    ]);
    expect(r.body.totals).toEqual({ income: '700.00', expense: '200.00' });
    expect(r.body.closing).toBe('1200.00');
    // the whole history from the opening balance ends at the same figure
    const all = (await a.get(`/cash/journal?accountId=${cash}`)).body;
    expect(all.opening).toBe('1000.00');
    expect(all.lines).toHaveLength(4);
    expect(all.closing).toBe('1200.00');
    // an account nothing was posted to
    expect((await a.get(`/cash/journal?accountId=${bank}`)).body).toMatchObject({ opening: '5000.00', lines: [], closing: '5000.00' });
  });

  it('the journal exports to Excel with the opening row, the entries and the totals', async () => {
    const r = await a.get(`/cash/journal/export?accountId=${cash}&from=2026-11-22`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as never);
    const ws = wb.worksheets[0];
    expect(ws.actualRowCount).toBe(1 + 1 + 3 + 1);
    expect(ws.getRow(1).values).toEqual([undefined, '日期', '单号', '摘要', '往来单位', '收入', '支出', '余额', '备注']);
    expect(ws.getRow(2).getCell(3).value).toBe('期初余额');
    expect(ws.getRow(2).getCell(7).value).toBe(700);
    expect(ws.getRow(6).getCell(7).value).toBe(1200);
  });

  it('the opening balance may change until money moves through the account, then never', async () => {
    const locked = await a.patch(`/accounts/${cash}`, { openingBalance: '2000.00' });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({ code: 'OPENING_BALANCE_LOCKED', details: { field: 'openingBalance' } });
    expect((await a.patch(`/accounts/${cash}`, { openingBalance: '1000.00', remark: '同值' })).status).toBe(200);
    // nothing has moved through the bank yet: its opening balance changes, and a payment counts from it
    expect((await a.patch(`/accounts/${bank}`, { openingBalance: '6000.00' })).status).toBe(200);
    const supplierId = (await a.post('/suppliers', { code: 'S2', name: '定金供应商' })).body.id;
    const pre = await a.post('/prepayments', { supplierId, accountId: bank, date: '2026-11-25', amount: '100.00' });
    expect((await a.post(`/prepayments/${pre.body.id}/audit`)).status).toBe(200);
    const byCode = Object.fromEntries((await a.get('/cash/balances')).body.items.map((x: { code: string; balance: string }) => [x.code, x.balance]));
    expect(byCode).toMatchObject({ XJ: '1200.00', YH: '5900.00' });
    expect((await a.get(`/cash/journal?accountId=${bank}`)).body).toMatchObject({ opening: '6000.00', closing: '5900.00' });
    await assertInvariants(api.db);
  });

  it('bad input and permissions: unknown account 404, bad id 400, a warehouse keeper 403', async () => {
    expect((await a.get('/cash/journal?accountId=00000000-0000-4000-8000-000000000000')).body.error).toMatchObject({
      code: 'NOT_FOUND',
      messageEn: expect.stringContaining('Account not found'),
    });
    expect((await a.get('/cash/journal?accountId=nope')).status).toBe(400);
    expect((await a.get(`/cash/journal?accountId=${cash}&from=2026-13-01`)).status).toBe(400);
    const backwards = await a.get(`/cash/journal?accountId=${cash}&from=2026-11-30&to=2026-11-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('结束日期不能早于开始日期');
    const keeper = await userWithRoles(api, 'kg', ['warehouse_keeper']);
    expect((await keeper.get('/cash/balances')).status).toBe(403);
    expect((await keeper.get(`/cash/journal?accountId=${cash}`)).status).toBe(403);
    const finance = await userWithRoles(api, 'cw', ['finance']);
    expect((await finance.get('/cash/balances')).status).toBe(200);
    expect((await finance.get(`/cash/journal/export?accountId=${cash}`)).status).toBe(200);
  });
});
