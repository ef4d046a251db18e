// A furniture order's whole day through the API: fax order → confirm → deposit →
// production stages → balance → delivery by company vehicle → COD collected → receipt.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { officeDay } from '../../src/core/office-day.js';
import { productionState } from '../../src/modules/sales/tracking.rules.js';
import { type Client, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let finance: Client;
let customerId: string;
let warehouseId: string;
let accountId: string;
let driverId: string;
let bed: string;
const today = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  finance = await userWithRoles(api, 'caiwu', ['finance']);
  customerId = (await a.post('/customers', { code: 'C1', name: '成都锦江天杉专卖店', paymentTerm: 'cash', priceLevel: 'price1' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'B1', name: '工行', type: 'bank' })).body.id;
  driverId = (await a.post('/employees', { code: 'E1', name: '徐军', position: '司机' })).body.id;
  bed = (await a.post('/products', { code: 'C-1800', name: '实木双人床', baseUnit: '张', price1: '2000.00' })).body.id;
  const supplier = (await a.post('/suppliers', { code: 'S1', name: '车间' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId: supplier, warehouseId, date: today, lines: [{ productId: bed, qty: '5', price: '1200.00' }] });
  await a.post(`/purchase-bills/${bill.body.id}/audit`);
});
afterAll(() => api.close());

describe('S4 made to order and S6 cash on delivery', () => {
  it('S4 production state: stage, lateness against the contract date', () => {
    const stages = ['备料', '裁剪', '完工'];
    const at = { by: 'x', at: 't' };
    const s = productionState({ released: { ...at, plannedShipDate: '2026-12-25' }, stages: [{ ...at, stage: '裁剪' }] }, '2026-12-20', '2026-11-26', stages);
    expect(s).toMatchObject({ stage: '裁剪', finished: false, late: true });
    expect(s.warnings[0]).toContain('晚于合同交期');
    const overdue = productionState(
      { released: { ...at, plannedShipDate: '2026-11-20' }, stages: [{ ...at, stage: '备料' }] },
      '2026-12-20',
      '2026-11-26',
      stages,
    );
    expect(overdue.warnings[0]).toContain('已过计划出货日');
    expect(productionState({ paymentConfirmed: { ...at, amount: '1' } }, null, '2026-11-26', stages).readyToShip).toBe(true);
  });

  it('S4 S5 S6 S8 a furniture order’s day, from the fax to the cashier', async () => {
    const order = await a.post('/sales-orders', {
      customerId,
      warehouseId,
      date: today,
      source: 'fax',
      contractDate: '2026-12-20',
      depositPct: '30',
      requiresProduction: true,
      lines: [{ productId: bed, qty: '2' }],
    });
    expect(order.status).toBe(201);
    const id = order.body.id;
    expect(order.body.total).toBe('4000.00');
    expect(order.body.depositRequired).toBe('1200.00');
    await a.post(`/sales-orders/${id}/confirmation`, { confirmedWith: '唐小兵', method: 'phone' });
    await a.post(`/sales-orders/${id}/audit`);
    // No production before finance confirms the deposit.
    const tooEarly = await a.post(`/sales-orders/${id}/production`, { plannedShipDate: '2026-12-15' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('DEPOSIT_NOT_CONFIRMED');
    const deposit = await finance.post('/advance-receipts', { customerId, salesOrderId: id, accountId, date: today, amount: '1200.00' });
    await finance.post(`/advance-receipts/${deposit.body.id}/audit`);
    expect((await finance.post(`/sales-orders/${id}/deposit-confirmation`, { amount: '1200.00' })).status).toBe(200);
    const released = await a.post(`/sales-orders/${id}/production`, { plannedShipDate: '2026-12-15' });
    expect(released.status).toBe(200);
    expect(released.body.productionState).toMatchObject({ stage: '备料', finished: false, late: false });
    for (const stage of ['裁剪', '缝制', '包装']) expect((await a.post(`/sales-orders/${id}/stage`, { stage })).status).toBe(200);
    const back = await a.post(`/sales-orders/${id}/stage`, { stage: '备料' });
    expect(back.body.error.code).toBe('STAGE_BACKWARDS');
    // A delivery now is refused: payment not confirmed, production not finished.
    const delivery = await a.post('/sales-deliveries', {
      customerId,
      warehouseId,
      date: today,
      orderId: id,
      lines: [{ productId: bed, qty: '2', orderLineId: order.body.lines[0].id }],
    });
    expect(delivery.status).toBe(201);
    const refused = await a.post(`/sales-deliveries/${delivery.body.id}/audit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PAYMENT_NOT_CONFIRMED');
    const done = await a.post(`/sales-orders/${id}/stage`, { stage: '完工' });
    expect(done.body.productionState.finished).toBe(true);
    expect((await a.post(`/sales-orders/${id}/balance-request`, { amount: '2800.00' })).body.production.balanceRequested.amount).toBe('2800.00');
    // The balance will be collected by the driver; finance confirms the order may ship.
    expect((await finance.post(`/sales-orders/${id}/payment-confirmation`, { amount: '4000.00', collectOnDelivery: true })).status).toBe(200);
    // The cash customer has paid only the deposit: the delivery needs the manager's
    // exception for cash on delivery.
    const manager = await userWithRoles(api, 'quyu', ['sales_manager']);
    await manager.post(`/sales-deliveries/${delivery.body.id}/approval`, { reason: '公司车辆送货，司机代收余款' });
    const shipped = await a.post(`/sales-deliveries/${delivery.body.id}/audit`);
    expect(shipped.status).toBe(200);
    expect((await a.get(`/sales-orders/${id}`)).body.status).toBe('completed');
    // S6 the company vehicle: 待发车 → 已送达 → 已安装 → 已收款 → 已交款.
    const cod = await a.post(`/sales-deliveries/${delivery.body.id}/cod`, { vehicle: '粤E·12345 中巴', driverId, amountToCollect: '2800.00' });
    expect(cod.body.cod).toMatchObject({ status: 'waiting', driverName: '徐军' });
    const skip = await a.post(`/sales-deliveries/${delivery.body.id}/cod/status`, { status: 'handed_in', accountId });
    expect(skip.status).toBe(409);
    for (const status of ['delivered', 'installed']) expect((await a.post(`/sales-deliveries/${delivery.body.id}/cod/status`, { status })).status).toBe(200);
    const collected = await a.post(`/sales-deliveries/${delivery.body.id}/cod/status`, { status: 'collected', amountCollected: '2800.00' });
    expect(collected.body.cod.status).toBe('collected');
    const held = await a.get('/cod/outstanding');
    expect(held.body.heldByDrivers).toBe('2800.00');
    expect(held.body.items[0]).toMatchObject({ driverName: '徐军', statusName: '已收款' });
    // A driver records the steps on the road but cannot take the money in: only the cashier can.
    const driver = await userWithRoles(api, 'siji', ['driver']);
    const byDriver = await driver.post(`/sales-deliveries/${delivery.body.id}/cod/status`, { status: 'handed_in', accountId });
    expect(byDriver.status).toBe(403);
    expect((await a.get('/cod/outstanding')).body.heldByDrivers).toBe('2800.00');
    // The cashier takes the money in, which makes the receipt. It is 01:00 in the office
    // (17:00 UTC, still the day before there): the receipt carries the office's date.
    const at = new Date();
    at.setUTCHours(17, 0, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'], now: at });
    const handedIn = await finance
      .post(`/sales-deliveries/${delivery.body.id}/cod/status`, { status: 'handed_in', accountId })
      .finally(() => vi.useRealTimers());
    expect(handedIn.status).toBe(200);
    expect(handedIn.body.cod.status).toBe('handed_in');
    const receipt = (await a.get(`/receipts/${handedIn.body.cod.receiptId}`)).body;
    expect(receipt).toMatchObject({ status: 'audited', receiptTotal: '2800.00', date: officeDay(at) });
    expect(receipt.date).not.toBe(at.toISOString().slice(0, 10));
    expect((await a.get('/cod/outstanding')).body.heldByDrivers).toBe('0.00');
    const balance = (await a.get(`/customers/${customerId}/balance`)).body;
    // Delivered 4000; the cashier took 2800 against it; the 1200 deposit waits as an advance.
    expect(balance).toMatchObject({ receivable: '1200.00', advance: '1200.00', net: '0.00' });
    await assertInvariants(api.db);
  });
  it('S4 money recorded against an order is above 0 and never more than it; an edit may not bring the order below a confirmed deposit', async () => {
    const order = await a.post('/sales-orders', {
      customerId,
      warehouseId,
      date: today,
      depositPct: '50',
      requiresProduction: true,
      lines: [{ productId: bed, qty: '1' }],
    });
    expect(order.body.total).toBe('2000.00');
    const id = order.body.id;
    await a.post(`/sales-orders/${id}/audit`);
    const zero = await finance.post(`/sales-orders/${id}/deposit-confirmation`, { amount: '0' });
    expect(zero.body.error).toMatchObject({ code: 'AMOUNT_NOT_POSITIVE', details: { field: 'amount' } });
    const tooMuch = await finance.post(`/sales-orders/${id}/deposit-confirmation`, { amount: '2000.01' });
    expect(tooMuch.body.error).toMatchObject({ code: 'AMOUNT_EXCEEDS_ORDER', details: { total: '2000.00' } });
    expect((await a.post(`/sales-orders/${id}/balance-request`, { amount: '9999.00' })).body.error.code).toBe('AMOUNT_EXCEEDS_ORDER');
    expect((await finance.post(`/sales-orders/${id}/payment-confirmation`, { amount: '9999.00' })).body.error.code).toBe('AMOUNT_EXCEEDS_ORDER');
    expect((await finance.post(`/sales-orders/${id}/deposit-confirmation`, { amount: '1000.00', accountId })).status).toBe(200);
    // un-audited to change it: not below the 1,000.00 finance confirmed
    expect((await a.post(`/sales-orders/${id}/unaudit`)).status).toBe(200);
    const cheaper = await a.patch(`/sales-orders/${id}`, { customerId, warehouseId, date: today, lines: [{ productId: bed, qty: '1', price: '900.00' }] });
    expect(cheaper.status).toBe(422);
    expect(cheaper.body.error).toMatchObject({ code: 'DEPOSIT_EXCEEDS_TOTAL', details: { deposit: '1000.00', total: '900.00' } });
    const dearer = await a.patch(`/sales-orders/${id}`, { customerId, warehouseId, date: today, lines: [{ productId: bed, qty: '1', price: '1500.00' }] });
    expect(dearer.status, JSON.stringify(dearer.body)).toBe(200);
  });
});
