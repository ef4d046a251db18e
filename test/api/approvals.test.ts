// A2 审批 engine through the API: a purchase order above 50,000.00 goes from the
// purchasing manager on to the GM; makers do not approve; a rejection carries a comment;
// an edit voids approvals; audit can wait for them; each user has a 待审批 list; and
// companies do not see each other's approvals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../src/modules/auth/install.js';
import { ADMIN_PASSWORD, type Client, type Reply, type TestApi, testApi, userWithRoles } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let buyer: Client;
let pm: Client;
let gm: Client;
let supplierId: string;
let warehouseId: string;
let productId: string;
const today = new Date().toISOString().slice(0, 10);

const po = (qty: string, price = '600.00') => ({ supplierId, warehouseId, date: today, lines: [{ productId, qty, price }] });
function expectError(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({ code, message: expect.any(String), messageEn: expect.any(String) });
}
const pendingNumbers = async (c: Client) => ((await c.get('/approvals/pending')).body.items as { number: string }[]).map((i) => i.number);

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  productId = (await a.post('/products', { code: 'SF-1', name: '沙发', baseUnit: '套', purchasePrice: '600.00' })).body.id;
  buyer = await userWithRoles(api, 'caigou', ['buyer']);
  pm = await userWithRoles(api, 'jingli', ['purchasing_manager']);
  gm = await userWithRoles(api, 'zongjingli', ['gm']);
});
afterAll(() => api.close());

describe('A2 approval chains through the API', () => {
  it('A2 a PO above 50,000.00 waits for the purchasing manager, then the GM; the maker cannot approve', async () => {
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    expect(doc.total).toBe('60000.00');
    const none = await buyer.get(`/purchase-orders/${doc.id}/approvals`);
    expect(none.body).toMatchObject({ status: 'none', steps: [], canSubmit: true });
    const submitted = await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.steps.map((s: { approverRole: string }) => s.approverRole)).toEqual(['purchasing_manager', 'gm']);
    expect(submitted.body).toMatchObject({ status: 'pending', current: 1 });
    expectError(await buyer.post(`/purchase-orders/${doc.id}/approvals`), 409, 'APPROVAL_ALREADY_SUBMITTED');
    // the maker: refused, even holding the role
    const makerManager = await userWithRoles(api, 'jingli2', ['purchasing_manager']);
    const own = (await makerManager.post('/purchase-orders', po('100'))).body;
    await makerManager.post(`/purchase-orders/${own.id}/approvals`);
    expectError(await makerManager.post(`/purchase-orders/${own.id}/approvals/1/approve`, {}), 409, 'SELF_APPROVAL');
    // the GM cannot take step 1, nor step 2 before it
    expectError(await gm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {}), 403, 'NOT_APPROVER');
    expectError(await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {}), 409, 'APPROVAL_STEP_NOT_OPEN');
    const first = await pm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, { comment: '价格合理' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'pending', current: 2 });
    expect(first.body.steps[0]).toMatchObject({ decision: 'approved', comment: '价格合理', decidedByName: 'jingli' });
    const second = await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {});
    expect(second.body).toMatchObject({ status: 'approved', current: null });
  });

  it('A2 up to the threshold one step is enough', async () => {
    const doc = (await buyer.post('/purchase-orders', po('50'))).body;
    expect(doc.total).toBe('30000.00');
    const r = await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    expect(r.body.steps.map((s: { approverRole: string }) => s.approverRole)).toEqual(['purchasing_manager']);
    expect((await pm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {})).body.status).toBe('approved');
  });

  it('A2 a rejection needs a comment and ends the round; it can be submitted again', async () => {
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    expectError(await pm.post(`/purchase-orders/${doc.id}/approvals/1/reject`, {}), 400, 'VALIDATION_FAILED');
    const r = await pm.post(`/purchase-orders/${doc.id}/approvals/1/reject`, { comment: '单价高于上次进价' });
    expect(r.body).toMatchObject({ status: 'rejected' });
    expect(r.body.steps[0]).toMatchObject({ decision: 'rejected', comment: '单价高于上次进价' });
    expectError(await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {}), 409, 'APPROVAL_STEP_NOT_OPEN');
    const again = await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    expect(again.body).toMatchObject({ status: 'pending', current: 1 });
    expect(again.body.history).toHaveLength(2);
  });

  it('A2 an edit of total, partner or lines voids the approvals; a remark does not', async () => {
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    await pm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {});
    await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {});
    const kept = await buyer.patch(`/purchase-orders/${doc.id}`, { ...po('100'), remark: '月底到货' });
    expect(kept.status).toBe(200);
    expect((await buyer.get(`/purchase-orders/${doc.id}/approvals`)).body.status).toBe('approved');
    // fewer goods at a higher price: the same total, other lines
    const relined = await buyer.patch(`/purchase-orders/${doc.id}`, po('50', '1200.00'));
    expect(relined.body.total).toBe('60000.00');
    const after = (await buyer.get(`/purchase-orders/${doc.id}/approvals`)).body;
    expect(after).toMatchObject({ status: 'none', steps: [] });
    expect(after.history.map((s: { decision: string }) => s.decision)).toEqual(['void', 'void']);
  });

  it('A2 with the setting, audit is refused until every step applying to the total is approved', async () => {
    const set = await a.patch('/settings', {
      approvals: { purchase_order: { requireBeforeAudit: true, steps: [{ role: 'purchasing_manager' }, { role: 'gm', aboveTotal: '50000.00' }] } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    const refused = await pm.post(`/purchase-orders/${doc.id}/audit`);
    expectError(refused, 409, 'APPROVAL_REQUIRED');
    expect(refused.body.error.details.missing.map((m: { role: string }) => m.role)).toEqual(['purchasing_manager', 'gm']);
    await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    await pm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {});
    const stillOne = await pm.post(`/purchase-orders/${doc.id}/audit`);
    expectError(stillOne, 409, 'APPROVAL_REQUIRED');
    expect(stillOne.body.error.details.missing.map((m: { role: string }) => m.role)).toEqual(['gm']);
    expect((await pm.get(`/purchase-orders/${doc.id}`)).body.status).toBe('saved');
    await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {});
    const audited = await pm.post(`/purchase-orders/${doc.id}/audit`);
    expect(audited.status, JSON.stringify(audited.body)).toBe(200);
    expect(audited.body.status).toBe('audited');
    expectError(await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {}), 409, 'DOCUMENT_NOT_EDITABLE');
    await a.patch('/settings', { approvals: {} });
  });

  it('A2 each user has a 待审批 list: the step due now, for them, not their own', async () => {
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    expect(await pendingNumbers(pm)).toContain(doc.number);
    expect(await pendingNumbers(gm)).not.toContain(doc.number);
    expect(await pendingNumbers(buyer)).not.toContain(doc.number);
    const before = (await gm.get('/approvals/pending')).body.total;
    await pm.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {});
    expect(await pendingNumbers(pm)).not.toContain(doc.number);
    const gmList = (await gm.get('/approvals/pending')).body;
    expect(gmList.total).toBe(before + 1);
    expect(gmList.items.find((i: { number: string }) => i.number === doc.number)).toMatchObject({
      resource: 'purchase-orders',
      kindName: '进货订单',
      step: 2,
      partnerName: '龙江皮革厂',
    });
    await gm.post(`/purchase-orders/${doc.id}/approvals/2/approve`, {});
    expect(await pendingNumbers(gm)).not.toContain(doc.number);
  });

  it('A2 X4 companies do not see or decide each other’s approvals', async () => {
    const doc = (await buyer.post('/purchase-orders', po('100'))).body;
    await buyer.post(`/purchase-orders/${doc.id}/approvals`);
    const b = await createCompany(api.db, 'B', '乙公司');
    const adminB = api.client();
    await adminB.login('admin', ADMIN_PASSWORD);
    expect((await adminB.put('/session/company', { companyId: b.id })).status).toBe(200);
    expectError(await adminB.get(`/purchase-orders/${doc.id}/approvals`), 404, 'NOT_FOUND');
    expectError(await adminB.post(`/purchase-orders/${doc.id}/approvals/1/approve`, {}), 404, 'NOT_FOUND');
    expect(await pendingNumbers(adminB)).toEqual([]);
  });
});
