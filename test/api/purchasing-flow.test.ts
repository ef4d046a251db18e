import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApi, testApi } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let otherSupplierId: string;
let warehouseId: string;
let accountId: string;
let shirt: { id: string; boxId: string };
let chair: string;

const today = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  otherSupplierId = (await a.post('/suppliers', { code: 'S2', name: '东莞配件' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'B1', name: '工行', type: 'bank', openingBalance: '10000.00' })).body.id;
  const p = await a.post('/products', { code: 'TX-M', name: 'T恤', baseUnit: '件', purchasePrice: '28.50', units: [{ name: '箱', ratio: '50' }] });
  shirt = { id: p.body.id, boxId: p.body.units[0].id };
  chair = (await a.post('/products', { code: 'CY-08', name: '餐椅', baseUnit: '把', purchasePrice: '160.00' })).body.id;
});
afterAll(() => api.close());

async function stockOf(productId: string) {
  const r = await a.get(`/stock?productId=${productId}&warehouseId=${warehouseId}`);
  expect(r.status).toBe(200);
  return r.body.items[0] ?? { qty: '0', value: '0.00' };
}

const balance = async (id = supplierId) => (await a.get(`/suppliers/${id}/balance`)).body;

describe('purchasing: PO → bill → audit → return → settlement → prepayment', () => {
  let orderId: string;
  let orderLines: { id: string }[];
  let billId: string;
  let billLines: { id: string }[];

  it('P1 a purchase order with promised dates is saved unaudited and posts nothing', async () => {
    const r = await a.post('/purchase-orders', {
      supplierId,
      warehouseId,
      date: today,
      remark: '秋季补货',
      lines: [
        { productId: shirt.id, unitId: shirt.boxId, qty: '2', price: '1400.00', taxRate: '13', promisedDate: '2026-12-05' },
        { productId: chair, qty: '10', price: '158.00', promisedDate: '2026-12-10' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.number).toMatch(/^JD-20261126-\d{4}$/);
    expect(r.body.status).toBe('saved');
    expect(r.body.statusName).toBe('未审核');
    expect(r.body.lines[0].baseQty).toBe('100.0000');
    expect(r.body.lines[0].amount).toBe('2800.00');
    expect(r.body.lines[0].taxAmount).toBe('364.00');
    expect(r.body.lines[0].promisedDate).toBe('2026-12-05');
    expect(r.body.total).toBe('4744.00');
    orderId = r.body.id;
    orderLines = r.body.lines;
    const audited = await a.post(`/purchase-orders/${orderId}/audit`);
    expect(audited.status).toBe(200);
    expect(audited.body.status).toBe('audited');
    expect(audited.body.auditedByName).toBe('系统管理员');
    expect((await stockOf(chair)).qty).toBe('0');
  });

  it('P2 an order-based bill may receive part of the order, never more than is open', async () => {
    const tooMuch = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: today,
      orderId,
      lines: [{ productId: chair, qty: '11', orderLineId: orderLines[1].id }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('ORDER_QTY_EXCEEDED');

    const r = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: today,
      orderId,
      lines: [
        { productId: shirt.id, qty: '1', orderLineId: orderLines[0].id },
        { productId: chair, qty: '6', orderLineId: orderLines[1].id },
      ],
    });
    expect(r.status).toBe(201);
    // Unit, price and tax come from the order line.
    expect(r.body.lines[0].unitName).toBe('箱');
    expect(r.body.lines[0].price).toBe('1400.0000');
    expect(r.body.lines[0].baseQty).toBe('50.0000');
    // 1 箱 at 1400.00 + 13 % tax = 1582.00, and 6 at 158.00 = 948.00
    expect(r.body.total).toBe('2530.00');
    billId = r.body.id;
    billLines = r.body.lines;
  });

  it('P3 saving a bill changes no stock and no payable; audit raises both', async () => {
    expect((await stockOf(chair)).qty).toBe('0');
    expect((await balance()).payable).toBe('0.00');
    const r = await a.post(`/purchase-bills/${billId}/audit`);
    expect(r.status).toBe(200);
    expect(r.body.settlementStatusName).toBe('未结');
    const s = await stockOf(chair);
    expect(s.qty).toBe('6.0000');
    expect(s.value).toBe('948.00');
    expect(s.avgCost).toBe('158.000000');
    expect((await stockOf(shirt.id)).qty).toBe('50.0000');
    expect((await balance()).payable).toBe('2530.00');
    const po = await a.get(`/purchase-orders/${orderId}`);
    expect(po.body.status).toBe('partial');
    expect(po.body.lines[1].receivedQty).toBe('6.0000');
  });

  it('P10 two clerks on one unaudited order: a save, audit, un-audit or delete made on what it read before is refused (If-Match)', async () => {
    const body = (qty: string, remark: string) => ({ supplierId, warehouseId, date: today, remark, lines: [{ productId: chair, qty, price: '158.00' }] });
    const order = (await a.post('/purchase-orders', body('30', ''))).body;
    const read = String(order.version);
    // The first clerk saves 40 on the version both read.
    const first = await a.request('PATCH', `/purchase-orders/${order.id}`, body('40', ''), { 'if-match': read });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.version).toBe(order.version + 1);
    // The second still has the old version on screen: refused, and the 40 stays.
    const second = await a.request('PATCH', `/purchase-orders/${order.id}`, body('30', '只改了备注'), { 'if-match': `"${read}"` });
    expect(second.status).toBe(412);
    expect(second.body.error).toMatchObject({ code: 'DOCUMENT_CHANGED', details: { version: order.version + 1, expected: order.version } });
    expect(second.body.error.message).toContain('已被他人修改');
    const now = (await a.get(`/purchase-orders/${order.id}`)).body;
    expect(now).toMatchObject({ version: order.version + 1, remark: '' });
    expect(now.lines[0].qty).toBe('40.0000');
    // Auditing the old version is refused too, and nothing posts; the version on screen audits.
    const staleAudit = await a.request('POST', `/purchase-orders/${order.id}/audit`, {}, { 'if-match': read });
    expect(staleAudit.status).toBe(412);
    expect(staleAudit.body.error.code).toBe('DOCUMENT_CHANGED');
    expect((await a.get(`/purchase-orders/${order.id}`)).body.status).toBe('saved');
    const audited = await a.request('POST', `/purchase-orders/${order.id}/audit`, {}, { 'if-match': String(now.version) });
    expect(audited.status, JSON.stringify(audited.body)).toBe(200);
    expect((await a.request('POST', `/purchase-orders/${order.id}/unaudit`, {}, { 'if-match': read })).status).toBe(412);
    const unaudited = await a.request('POST', `/purchase-orders/${order.id}/unaudit`, {}, { 'if-match': String(audited.body.version) });
    expect(unaudited.status, JSON.stringify(unaudited.body)).toBe(200);
    // Deleting on the old version is refused the same way; on the current one it goes.
    expect((await a.request('DELETE', `/purchase-orders/${order.id}`, undefined, { 'if-match': read })).status).toBe(412);
    for (const bad of ['abc', 'W/"2"', '"2']) {
      const r = await a.request('PATCH', `/purchase-orders/${order.id}`, body('1', ''), { 'if-match': bad });
      expect(r.status, bad).toBe(400);
      expect(r.body.error.messageEn, bad).not.toMatch(/\p{Script=Han}/u);
    }
    expect((await a.request('DELETE', `/purchase-orders/${order.id}`, undefined, { 'if-match': String(unaudited.body.version) })).status).toBe(200);
  });

  it('P10 an audited document cannot be edited, deleted or audited twice', async () => {
    const edit = await a.patch(`/purchase-bills/${billId}`, { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1', price: '1' }] });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('DOCUMENT_NOT_EDITABLE');
    expect((await a.del(`/purchase-bills/${billId}`)).body.error.code).toBe('DOCUMENT_NOT_EDITABLE');
    const twice = await a.post(`/purchase-bills/${billId}/audit`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_AUDITED');
    expect((await stockOf(chair)).qty).toBe('6.0000');
  });

  it('P4 default price: last audited purchase price of the supplier, else the catalogue price', async () => {
    const last = await a.get(`/purchase-prices/default?productId=${chair}&supplierId=${supplierId}`);
    expect(last.body).toEqual({ price: '158.0000', source: 'last' });
    await a.patch('/settings', { defaultPurchasePrice: 'catalogue' });
    const catalogue = await a.get(`/purchase-prices/default?productId=${chair}&supplierId=${supplierId}`);
    expect(catalogue.body).toEqual({ price: '160.0000', source: 'catalogue' });
    // A line without a price takes the default.
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1' }] });
    expect(bill.body.lines[0].price).toBe('160.0000');
    await a.patch('/settings', { defaultPurchasePrice: 'last' });
    const bill2 = await a.post('/purchase-bills', { supplierId: otherSupplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1' }] });
    // Another supplier with no history of its own gets anyone's last price.
    expect(bill2.body.lines[0].price).toBe('158.0000');
    await a.del(`/purchase-bills/${bill.body.id}`);
    await a.del(`/purchase-bills/${bill2.body.id}`);
  });

  let returnId: string;
  it('P7 an original-bill return cannot exceed what was received and goes out at the original cost', async () => {
    const over = await a.post('/purchase-returns', {
      supplierId,
      warehouseId,
      date: today,
      billId,
      lines: [{ productId: chair, qty: '7', billLineId: billLines[1].id }],
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('RETURN_EXCEEDS_RECEIVED');
    const r = await a.post('/purchase-returns', {
      supplierId,
      warehouseId,
      date: today,
      billId,
      lines: [{ productId: chair, qty: '2', billLineId: billLines[1].id }],
    });
    expect(r.status).toBe(201);
    expect(r.body.lines[0].price).toBe('158.0000');
    returnId = r.body.id;
    const audited = await a.post(`/purchase-returns/${returnId}/audit`);
    expect(audited.status).toBe(200);
    expect(audited.body.lines[0].costAmount).toBe('316.00');
    expect((await stockOf(chair)).qty).toBe('4.0000');
    expect((await balance()).payable).toBe('2214.00');
    const bill = await a.get(`/purchase-bills/${billId}`);
    expect(bill.body.lines[1].returnedQty).toBe('2.0000');
  });

  it('P6 un-audit of a bill with a return is refused, naming the return', async () => {
    const r = await a.post(`/purchase-bills/${billId}/unaudit`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DOCUMENT_HAS_DEPENDANTS');
    expect(r.body.error.message).toContain('JT-');
  });

  let settlementId: string;
  it('P8 P9 a settlement pays open bills; the overpayment becomes prepayment', async () => {
    const open = await a.get(`/suppliers/${supplierId}/open-items`);
    expect(open.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['purchase_bill', 'purchase_return']);
    const tooMuch = await a.post('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '5000.00',
      allocations: [{ documentId: billId, amount: '2530.01' }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('ALLOCATION_EXCEEDS_OPEN');
    const r = await a.post('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '3000.00',
      prepaymentUsed: '0',
      allocations: [
        { documentId: billId, amount: '2530.00' },
        { documentId: returnId, amount: '316.00' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.settled).toBe('2214.00');
    expect(r.body.surplus).toBe('786.00');
    settlementId = r.body.id;
    expect((await a.post(`/purchase-settlements/${settlementId}/audit`)).status).toBe(200);
    expect(await balance()).toEqual({ payable: '0.00', prepaid: '786.00', net: '-786.00' });
    const bill = await a.get(`/purchase-bills/${billId}`);
    expect(bill.body.settlementStatusName).toBe('已结清');
    const blocked = await a.post(`/purchase-bills/${billId}/unaudit`);
    expect(blocked.status).toBe(409);
  });

  it('P9 prepayments, including a negative one; the prepaid balance may go negative', async () => {
    const p = await a.post('/prepayments', { supplierId: otherSupplierId, accountId, date: today, amount: '500.00' });
    expect(p.status).toBe(201);
    await a.post(`/prepayments/${p.body.id}/audit`);
    const refund = await a.post('/prepayments', { supplierId: otherSupplierId, accountId, date: today, amount: '-800.00' });
    expect(refund.status).toBe(201);
    expect((await a.post(`/prepayments/${refund.body.id}/audit`)).status).toBe(200);
    expect((await balance(otherSupplierId)).prepaid).toBe('-300.00');
  });

  it('P6 un-auditing in reverse order restores everything with reversal entries', async () => {
    expect((await a.post(`/purchase-settlements/${settlementId}/unaudit`)).status).toBe(200);
    expect((await a.post(`/purchase-returns/${returnId}/unaudit`)).status).toBe(200);
    const r = await a.post(`/purchase-bills/${billId}/unaudit`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('saved');
    expect((await stockOf(chair)).qty).toBe('0.0000');
    expect((await balance()).payable).toBe('0.00');
    const po = await a.get(`/purchase-orders/${orderId}`);
    expect(po.body.status).toBe('audited');
    const moves = await a.get(`/stock/moves?productId=${chair}`);
    // 6 in, 2 out, then the reversals of both: nothing deleted.
    expect(moves.body.items.map((m: { qty: string }) => m.qty)).toEqual(['6.0000', '-2.0000', '2.0000', '-6.0000']);
    await assertInvariants(api.db);
  });

  it('P1 a PO can be closed by hand and then takes no more bills', async () => {
    const closed = await a.post(`/purchase-orders/${orderId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const r = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1', orderLineId: orderLines[1].id }] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ORDER_CLOSED');
  });

  it('P6 un-audit refused when stock already consumed would go below zero', async () => {
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '3', price: '150' }] });
    await a.post(`/purchase-bills/${bill.body.id}/audit`);
    const ret = await a.post('/purchase-returns', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '2', price: '150' }] });
    expect((await a.post(`/purchase-returns/${ret.body.id}/audit`)).status).toBe(200);
    const r = await a.post(`/purchase-bills/${bill.body.id}/unaudit`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('UNAUDIT_STOCK_NEGATIVE');
    expect((await stockOf(chair)).qty).toBe('1.0000');
  });

  it('P2 an eliminated supplier gets no new documents', async () => {
    await a.patch(`/suppliers/${otherSupplierId}`, { status: 'eliminated' });
    const r = await a.post('/purchase-orders', { supplierId: otherSupplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1', price: '1' }] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('SUPPLIER_ELIMINATED');
  });
});

describe('balances are a cache of the ledgers', () => {
  it('P6 rebuilding every balance from the ledgers gives the live balances; a damaged one is found and restored', async () => {
    const { compareBalances, restoreBalances } = await import('../../src/ledger/rebuild.js');
    const { checkInvariants } = await import('../../src/ledger/invariants.js');
    const { sql } = await import('drizzle-orm');
    expect(await compareBalances(api.db.orm)).toEqual([]);
    // Damage a balance behind the engine's back (balances are not append-only; ledgers are).
    await api.db.orm.execute(sql`UPDATE stock_balances SET qty = qty + 5 WHERE product_id = ${chair}`);
    await api.db.orm.execute(sql`UPDATE partner_balances SET balance = balance - 1 WHERE partner_id = ${supplierId} AND account = 'payable'`);
    const diffs = await compareBalances(api.db.orm);
    expect(diffs.map((d) => d.table).sort()).toEqual(['partner_balances', 'stock_balances']);
    expect((await checkInvariants(api.db.orm)).length).toBeGreaterThan(0);
    expect(await restoreBalances(api.db.orm)).toBe(2);
    expect(await compareBalances(api.db.orm)).toEqual([]);
    expect(await checkInvariants(api.db.orm)).toEqual([]);
  });

  it('P3 negative stock is refused by default; allowed by the company setting, costing still behaves', async () => {
    const p = (await a.post('/products', { code: 'NEG-1', name: '负库存测试', baseUnit: '件' })).body.id;
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: p, qty: '2', price: '10.00' }] });
    await a.post(`/purchase-bills/${bill.body.id}/audit`);
    const ret = await a.post('/purchase-returns', { supplierId, warehouseId, date: today, lines: [{ productId: p, qty: '5', price: '10.00' }] });
    const refused = await a.post(`/purchase-returns/${ret.body.id}/audit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STOCK_INSUFFICIENT');
    expect(refused.body.error.details.available).toBe('2');
    expect((await stockOf(p)).qty).toBe('2.0000');
    await a.patch('/settings', { allowNegativeStock: true });
    expect((await a.post(`/purchase-returns/${ret.body.id}/audit`)).status).toBe(200);
    const s = await stockOf(p);
    expect(s.qty).toBe('-3.0000');
    expect(s.value).toBe('-30.00');
    expect(s.avgCost).toBe('10.000000');
    const refill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: p, qty: '4', price: '12.00' }] });
    await a.post(`/purchase-bills/${refill.body.id}/audit`);
    const after = await stockOf(p);
    expect(after.qty).toBe('1.0000');
    expect(after.value).toBe('18.00');
    expect(after.avgCost).toBe('18.000000');
    await a.patch('/settings', { allowNegativeStock: false });
    await assertInvariants(api.db);
  });

  it('P10 Prefer: return=minimal answers an audit with the sign-off only', async () => {
    const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '1', price: '1.00' }] });
    const r = await a.post(`/purchase-bills/${bill.body.id}/audit`, undefined, { prefer: 'return=minimal' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('audited');
    expect(r.body.number).toBe(bill.body.number);
    expect(r.body.auditedBy).toBeTruthy();
    expect(r.body.lines).toBeUndefined();
  });
});

describe('what the lists and views tell a clerk', () => {
  it('P8 bill lists show 未结/部分结算/已结清 and filter on it; P2 lines name their order', async () => {
    const po = await a.post('/purchase-orders', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '5', price: '100.00' }] });
    await a.post(`/purchase-orders/${po.body.id}/audit`);
    const bill = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date: today,
      lines: [{ productId: chair, qty: '2', orderLineId: po.body.lines[0].id }],
    });
    expect(bill.body.lines[0].orderNumber).toBe(po.body.number);
    await a.post(`/purchase-bills/${bill.body.id}/audit`);
    const pay = await a.post('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '50.00',
      allocations: [{ documentId: bill.body.id, amount: '50.00' }],
    });
    await a.post(`/purchase-settlements/${pay.body.id}/audit`);
    const partial = await a.get(`/purchase-bills?settlementStatus=partial&supplierId=${supplierId}`);
    const row = partial.body.items.find((x: { id: string }) => x.id === bill.body.id);
    expect(row).toMatchObject({ settlementStatus: 'partial', settlementStatusName: '部分结算', openAmount: '150.00', settledAmount: '50.00' });
    const unsettled = await a.get(`/purchase-bills?settlementStatus=unsettled&supplierId=${supplierId}`);
    expect(unsettled.body.items.some((x: { id: string }) => x.id === bill.body.id)).toBe(false);
    const byAccount = await a.get(`/purchase-settlements?accountId=${accountId}`);
    expect(byAccount.body.items.some((x: { id: string }) => x.id === pay.body.id)).toBe(true);
    // the Excel export carries what is still open and the 结算状态, as the list does
    const x = await a.get(`/purchase-bills/export?settlementStatus=partial&supplierId=${supplierId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const exported = ws.getRow(2).values as unknown[];
    expect(exported[headers.indexOf('单号') + 1]).toBe(bill.body.number);
    expect(exported[headers.indexOf('未结金额') + 1]).toBe(150);
    expect(exported[headers.indexOf('结算状态') + 1]).toBe('部分结算');
  });
});
