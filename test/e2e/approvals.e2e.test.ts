// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// A2 审批 in the browser: the buyer 刘洋 (caigou) submits a purchase order above 50,000.00;
// it waits for the purchasing manager 张伟 (caigoujl), then the GM 王建国 (jingli). The
// maker cannot approve it, and the 待审批 count in each approver's header moves.
// Screenshots: test-results/screenshots/approvals-*.png
import { describe, expect, it } from 'vitest';
import { expectNoProblems, type Page, setupE2E, shot, TODAY } from './harness';

const e2e = setupE2E();

const pendingCount = async (page: Page) => Number((await page.getByTestId('pending-count').innerText()).replace(/\D/g, '') || '0');

describe('A2 approvals in the browser', () => {
  it('A2 a PO above the threshold waits for two approvers; the maker cannot approve; the 待审批 count moves', async () => {
    const buyerApi = await e2e.api('caigou');
    const supplier = (await buyerApi.get('/suppliers?q=GYS001')).items[0];
    const warehouse = (await buyerApi.get('/warehouses?q=CK01')).items[0];
    const chair = (await buyerApi.get('/products?q=CY-08-HS')).items[0];
    const po = await buyerApi.post('/purchase-orders', {
      supplierId: supplier.id,
      warehouseId: warehouse.id,
      date: TODAY,
      lines: [{ productId: chair.id, qty: '400', price: '160.00' }],
    });
    expect(Number(po.total)).toBeGreaterThan(50000);
    const path = `/purchasing/orders/${po.id}`;

    // the approvers' counts before
    const manager = await e2e.pageAs('caigoujl');
    const gm = await e2e.pageAs('jingli');
    await expect.poll(() => manager.getByTestId('pending-count').count()).toBe(1);
    const managerBefore = await pendingCount(manager);
    const gmBefore = await pendingCount(gm);

    // the buyer submits from the document page, and has nothing to approve on it
    const buyer = await e2e.pageAs('caigou');
    await buyer.goto(path);
    await buyer.getByTestId('btn-submit-approval').click();
    await expect.poll(() => buyer.getByTestId('approvals-status').innerText()).toBe('审批中');
    expect(await buyer.getByTestId('approval-step-1').innerText()).toContain('采购部经理');
    expect(await buyer.getByTestId('approval-step-2').innerText()).toContain('总经理');
    expect(await buyer.getByTestId('btn-approve-step').count()).toBe(0);
    await shot(buyer, 'approvals-01-submitted');
    // nor through the API: the server refuses the maker
    const refused = await buyerApi.post(`/purchase-orders/${po.id}/approvals/1/approve`, {}).catch((e) => e);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SELF_APPROVAL');

    // step 1: the manager's count went up; from 待审批 to the document, approve
    await manager.reload();
    await expect.poll(() => pendingCount(manager)).toBe(managerBefore + 1);
    await manager.getByTestId('pending-approvals').click();
    await manager.getByTestId('pending-approvals-page').waitFor();
    await shot(manager, 'approvals-02-pending-page');
    await manager.getByRole('link', { name: po.number }).click();
    await manager.getByTestId('btn-approve-step').waitFor();
    // the GM's step is not open yet
    await gm.reload();
    await expect.poll(() => pendingCount(gm)).toBe(gmBefore);
    await manager.locator('#approvalComment').fill('价格与上次一致');
    await manager.getByTestId('btn-approve-step').click();
    await expect.poll(() => manager.getByTestId('approval-step-1').innerText()).toContain('已批准');
    await expect.poll(() => pendingCount(manager)).toBe(managerBefore);

    // step 2: now the GM's count moves, and the GM approves
    await gm.reload();
    await expect.poll(() => pendingCount(gm)).toBe(gmBefore + 1);
    await gm.goto(path);
    await gm.getByTestId('btn-approve-step').click();
    await expect.poll(() => gm.getByTestId('approvals-status').innerText()).toBe('已批准');
    await expect.poll(() => pendingCount(gm)).toBe(gmBefore);
    await shot(gm, 'approvals-03-approved');
    expectNoProblems(gm);
    expectNoProblems(manager);
  });
});
