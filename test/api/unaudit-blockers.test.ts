// Issue 9.4: a refused 反审核 names every document that stands in the way — returns,
// settlements and receipts allocating to it, bills and deliveries pulled from an order,
// and what in turn blocks those — in the order they must be undone, so the clerk is not
// told of the next one only after undoing the first. Following the list must work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type Reply, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { assertInvariants } from '../helpers/db.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let customerId: string;
let warehouseId: string;
let accountId: string;
let chair: string;
const today = '2026-11-26';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江家具厂' })).body.id;
  customerId = (await a.post('/customers', { code: 'C1', name: '长沙天杉专卖店', paymentTerm: 'credit', creditLimit: '100000.00' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  accountId = (await a.post('/accounts', { code: 'B1', name: '工行', type: 'bank', openingBalance: '100000.00' })).body.id;
  chair = (await a.post('/products', { code: 'CY-08', name: '餐椅', baseUnit: '把', purchasePrice: '160.00', wholesalePrice: '240.00' })).body.id;
});
afterAll(() => api.close());

async function ok(r: Promise<Reply>, status = 200) {
  const reply = await r;
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}

const audited = async (path: string, body: unknown) => {
  const doc = await ok(a.post(path, body), 201);
  return ok(a.post(`${path}/${doc.id}/audit`));
};

interface Listed {
  id: string;
  number: string;
  resource: string;
  steps: ('unaudit' | 'delete')[];
}

/** What the refusal says, one blocker per entry, in its order. */
const listed = (r: Reply) => (r.body.error.details.blockers as Listed[]).map((b) => b.number);

/** Does what the list says, in its order: each step must succeed. */
async function undoAll(blockers: Listed[]) {
  for (const b of blockers) {
    for (const step of b.steps) await ok(step === 'delete' ? a.del(`/${b.resource}/${b.id}`) : a.post(`/${b.resource}/${b.id}/unaudit`));
  }
}

describe('9.4 un-audit names every blocker, in the order to undo them', () => {
  it('9.4 P6 a purchase bill returned against and settled: the settlement (it also settles the return) first, then the return; following the list un-audits the bill', async () => {
    const bill = await audited('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '10', price: '160.00' }] });
    const ret = await audited('/purchase-returns', {
      supplierId,
      warehouseId,
      date: today,
      billId: bill.id,
      lines: [{ productId: chair, qty: '2', billLineId: bill.lines[0].id }],
    });
    const settlement = await audited('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '1280.00',
      allocations: [
        { documentId: bill.id, amount: '1600.00' },
        { documentId: ret.id, amount: '320.00' },
      ],
    });

    const refused = await a.post(`/purchase-bills/${bill.id}/unaudit`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    // the code clients already match on stays what it was for a returned bill
    expect(refused.body.error.code).toBe('DOCUMENT_HAS_DEPENDANTS');
    expect(refused.body.error.details.blockers).toEqual([
      {
        id: settlement.id,
        kind: 'purchase_settlement',
        kindName: '进货结算单',
        kindNameEn: 'Purchase settlement',
        number: settlement.number,
        date: today,
        status: 'audited',
        steps: ['unaudit'],
        blocks: [ret.number, bill.number],
        resource: 'purchase-settlements',
        path: `/api/v1/purchase-settlements/${settlement.id}`,
      },
      {
        id: ret.id,
        kind: 'purchase_return',
        kindName: '进货退回单',
        kindNameEn: 'Purchase return',
        number: ret.number,
        date: today,
        status: 'audited',
        steps: ['unaudit'],
        blocks: [bill.number],
        resource: 'purchase-returns',
        path: `/api/v1/purchase-returns/${ret.id}`,
      },
    ]);
    expect(refused.body.error.details.blockedBy).toEqual([settlement.number, ret.number]);
    // what the API document says a blocker is, field for field
    const documented = (await ok(a.get('/api/openapi.json'))).components.schemas.UnauditBlocker;
    expect(Object.keys(refused.body.error.details.blockers[0]).sort()).toEqual(Object.keys(documented.properties).sort());
    expect(Object.keys(documented.properties).sort()).toEqual([...documented.required].sort());
    // both named in both languages, the settlement before the return
    const { message, messageEn } = refused.body.error;
    for (const text of [message, messageEn]) {
      expect(text).toContain(settlement.number);
      expect(text.indexOf(settlement.number)).toBeLessThan(text.indexOf(ret.number));
    }
    // nothing was undone by the refusal
    expect((await a.get(`/purchase-bills/${bill.id}`)).body.status).toBe('audited');

    // The list is the way out: un-audit each in its order, then the bill.
    await undoAll(refused.body.error.details.blockers);
    await ok(a.post(`/purchase-bills/${bill.id}/unaudit`));
    await assertInvariants(api.db);
  });

  it('9.4 P6 what blocks a blocker is named too: a return settled on its own comes after its settlement', async () => {
    const bill = await audited('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '5', price: '150.00' }] });
    const ret = await audited('/purchase-returns', {
      supplierId,
      warehouseId,
      date: today,
      billId: bill.id,
      lines: [{ productId: chair, qty: '1', billLineId: bill.lines[0].id }],
    });
    // the supplier refunds the return: a settlement of the return alone, which never names the bill
    const refund = await audited('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '0',
      allocations: [{ documentId: ret.id, amount: '150.00' }],
    });
    const open = await ok(a.get(`/suppliers/${supplierId}/open-items`));
    expect(open.items.some((i: { documentId: string }) => i.documentId === ret.id)).toBe(false);
    const refused = await a.post(`/purchase-bills/${bill.id}/unaudit`);
    expect(refused.status).toBe(409);
    expect(listed(refused)).toEqual([refund.number, ret.number]);
    expect(refused.body.error.details.blockers[0].blocks).toEqual([ret.number]);
    await undoAll(refused.body.error.details.blockers);
    await ok(a.post(`/purchase-bills/${bill.id}/unaudit`));
  });

  it('9.4 P6 a bill only settled keeps its code DOCUMENT_SETTLED, with the settled amount and the settlement listed', async () => {
    const bill = await audited('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '2', price: '100.00' }] });
    const s = await audited('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '50.00',
      allocations: [{ documentId: bill.id, amount: '50.00' }],
    });
    const refused = await a.post(`/purchase-bills/${bill.id}/unaudit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DOCUMENT_SETTLED');
    expect(refused.body.error.details).toMatchObject({ settled: '50.00', blockedBy: [s.number] });
    expect(refused.body.error.details.blockers).toMatchObject([{ id: s.id, kind: 'purchase_settlement', steps: ['unaudit'], blocks: [bill.number] }]);
  });

  it('9.4 P1 P6 an order lists the bills pulled from it and what blocks them: the settlement, its bill, and an unaudited bill to delete', async () => {
    const order = await audited('/purchase-orders', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '10', price: '120.00' }] });
    const line = order.lines[0].id;
    const received = await audited('/purchase-bills', {
      supplierId,
      warehouseId,
      date: today,
      orderId: order.id,
      lines: [{ productId: chair, qty: '4', orderLineId: line }],
    });
    const s = await audited('/purchase-settlements', {
      supplierId,
      accountId,
      date: today,
      paymentTotal: '100.00',
      allocations: [{ documentId: received.id, amount: '100.00' }],
    });
    const draft = await ok(
      a.post('/purchase-bills', { supplierId, warehouseId, date: today, orderId: order.id, lines: [{ productId: chair, qty: '1', orderLineId: line }] }),
      201,
    );
    // the order is 部分入库 now: the refusal still lists what blocks it
    const refused = await a.post(`/purchase-orders/${order.id}/unaudit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DOCUMENT_HAS_DEPENDANTS');
    const blockers = refused.body.error.details.blockers;
    // a bill pulled from the order still names its lines once un-audited: it goes too
    expect(blockers.map((b: Listed) => [b.number, b.steps])).toEqual([
      [draft.number, ['delete']],
      [s.number, ['unaudit']],
      [received.number, ['unaudit', 'delete']],
    ]);
    await undoAll(blockers);
    await ok(a.post(`/purchase-orders/${order.id}/unaudit`));
    await assertInvariants(api.db);
  });

  it('9.4 S5 S7 S8 a sales delivery returned against and collected: the receipt first, then the return; following the list un-audits the delivery', async () => {
    await audited('/purchase-bills', { supplierId, warehouseId, date: today, lines: [{ productId: chair, qty: '20', price: '160.00' }] });
    const delivery = await audited('/sales-deliveries', { customerId, warehouseId, date: today, lines: [{ productId: chair, qty: '3', price: '240.00' }] });
    const ret = await ok(
      a.post('/sales-returns', {
        customerId,
        warehouseId,
        date: today,
        deliveryId: delivery.id,
        inspection: '包装完好',
        lines: [{ productId: chair, qty: '1', deliveryLineId: delivery.lines[0].id }],
      }),
      201,
    );
    const manager = await userWithRoles(api, 'yewu', ['sales_manager']);
    await ok(manager.post(`/sales-returns/${ret.id}/approval`, { reason: '质量问题，同意退货' }));
    await ok(a.post(`/sales-returns/${ret.id}/audit`));
    const receipt = await audited('/receipts', {
      customerId,
      accountId,
      date: today,
      receiptTotal: '480.00',
      allocations: [
        { documentId: delivery.id, amount: '720.00' },
        { documentId: ret.id, amount: '240.00' },
      ],
    });

    const refused = await a.post(`/sales-deliveries/${delivery.id}/unaudit`);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe('DOCUMENT_HAS_DEPENDANTS');
    expect(refused.body.error.details.blockers).toMatchObject([
      { id: receipt.id, kind: 'receipt', number: receipt.number, steps: ['unaudit'], resource: 'receipts', path: `/api/v1/receipts/${receipt.id}` },
      { id: ret.id, kind: 'sales_return', number: ret.number, steps: ['unaudit'], resource: 'sales-returns', path: `/api/v1/sales-returns/${ret.id}` },
    ]);
    expect(refused.body.error.details.blockers).toHaveLength(2);
    await undoAll(refused.body.error.details.blockers);
    await ok(a.post(`/sales-deliveries/${delivery.id}/unaudit`));
    await assertInvariants(api.db);
  });

  it('9.4 S8 a sales return collected on its own keeps its code DOCUMENT_SETTLED and names the receipt', async () => {
    const delivery = await audited('/sales-deliveries', { customerId, warehouseId, date: today, lines: [{ productId: chair, qty: '2', price: '240.00' }] });
    const free = await ok(a.post('/sales-returns', { customerId, warehouseId, date: today, lines: [{ productId: chair, qty: '1', price: '240.00' }] }), 201);
    const manager = await userWithRoles(api, 'yewu2', ['sales_manager']);
    await ok(manager.post(`/sales-returns/${free.id}/approval`, { reason: '同意' }));
    await ok(a.post(`/sales-returns/${free.id}/audit`));
    const receipt = await audited('/receipts', {
      customerId,
      accountId,
      date: today,
      receiptTotal: '240.00',
      allocations: [
        { documentId: delivery.id, amount: '480.00' },
        { documentId: free.id, amount: '240.00' },
      ],
    });
    const refused = await a.post(`/sales-returns/${free.id}/unaudit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DOCUMENT_SETTLED');
    expect(listed(refused)).toEqual([receipt.number]);
  });
});
