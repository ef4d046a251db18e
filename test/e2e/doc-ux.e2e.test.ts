// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// What a clerk meets on a document page besides the figures (an exploratory walk-through's
// findings): one message for a negative quantity, the caret going on after a supplier is
// created from the bill, Esc back to the list, a plain 403 for /new without the right to
// create, 已批准 after an approval, and 可用库存 on a delivery that does not count the
// delivered order's own holding against it.
// Setup by API as admin: 5 beds in stock (the demo data has none), an audited order of 2
// for the cash customer 南昌美家家居 and one of 1 for another customer.
// Screenshots: test-results/screenshots/ux-*.png
import { describe, expect, it } from 'vitest';
import { docIdle, docStatus, expectFocused, expectNoProblems, type Page, setupE2E, shot, TODAY, text, toastTexts } from './harness';

const e2e = setupE2E();

const BED = 'C-1800-BS';
const DOC_URL = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const as = (user: string) => e2e.pageAs(user);

/** The validation messages shown under the document's lines (antd keeps a leaving one for a moment). */
async function lineErrors(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="doc-lines"] .ant-form-item-explain-error').allInnerTexts()).map((s) => s.trim());
}

describe('the document page, as a clerk types it', () => {
  it('a negative quantity gets one message; a supplier created from the bill hands the caret on to 仓库', async () => {
    const page = await as('caigou');
    await page.goto('/purchasing/orders/new');
    await expect.poll(() => docStatus(page)).toBe('new');
    await expectFocused(page, 'supplierId');

    // P5: + beside 供应商, Ctrl+S in the dialog: the new supplier is chosen and Enter-by-Enter
    // entry goes on where picking one from the list would have left it
    await page.getByTestId('btn-new-suppliers').click();
    const form = page.getByTestId('resource-form');
    await form.waitFor();
    await expectFocused(page, 'code');
    await page.keyboard.type('GYS-E2E-UX');
    await page.keyboard.press('Enter');
    await page.keyboard.type('温州新光拉链厂');
    await page.keyboard.press('Control+s');
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.locator('.ant-select', { has: page.locator('#supplierId') }).innerText()).trim()).toContain('温州新光拉链厂');
    await expectFocused(page, 'warehouseId');
    await page.keyboard.press('Enter');
    await expectFocused(page, 'date');

    // a product created the same way puts the caret on its line's quantity
    await page.getByTestId('btn-new-products').click();
    await form.waitFor();
    await form.locator('#code').fill('LL-E2E-UX');
    await form.locator('#name').fill('金属拉链');
    await form.locator('#baseUnit').fill('条');
    await page.keyboard.press('Control+s');
    await form.waitFor({ state: 'detached' });
    await expectFocused(page, 'lines_0_qty');

    // -5 is a number: only "must be above 0", not also "must be a number"
    await page.keyboard.type('-5');
    await page.keyboard.press('Tab');
    await expect.poll(() => lineErrors(page)).toEqual(['数量必须大于 0']);
    await page.locator('#lines_0_qty').fill('abc');
    await expect.poll(() => lineErrors(page)).toEqual(['数量必须是数字，最多 4 位小数']);
    await page.locator('#lines_0_qty').fill('12');
    await expect.poll(() => lineErrors(page)).toEqual([]);
    await shot(page, 'ux-01-inline-supplier-and-qty');
    expectNoProblems(page);
  });

  it('Esc goes back to the list (asking first when something is unsaved); an open drop-down only closes', async () => {
    const page = await as('caigou');
    await page.goto('/purchasing/orders/new');
    await expect.poll(() => docStatus(page)).toBe('new');
    await expectFocused(page, 'supplierId');

    // the date picker's calendar: Esc closes it, the page stays
    await page.locator('#date').click();
    const calendar = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    await calendar.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => calendar.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/purchasing/orders/new');
    expect(await docStatus(page)).toBe('new');

    // something typed: Esc asks; Esc again (or 留在此页) stays with the entry kept
    await page.locator('#remark').fill('样品单');
    await page.keyboard.press('Escape');
    await page.getByTestId('btn-stay').waitFor();
    await shot(page, 'ux-02-esc-unsaved');
    await page.getByTestId('btn-stay').click();
    await page.getByTestId('btn-stay').waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/purchasing/orders/new');
    expect(await page.locator('#remark').inputValue()).toBe('样品单');
    await page.keyboard.press('Escape');
    await page.getByTestId('btn-leave').click();
    await page.waitForURL((u) => u.pathname === '/purchasing/orders');

    // a saved document with nothing changed: Esc is 返回列表 at once
    const api = await e2e.api('caigou');
    const order = (await api.get<{ items: { id: string }[] }>('/purchase-orders?pageSize=1')).items[0];
    await page.goto(`/purchasing/orders/${order.id}`);
    await page.getByTestId('doc-number').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/purchasing/orders');
    await page.getByTestId('page-purchase-orders').waitFor();
    expectNoProblems(page);
  });

  it('/new without the right to create says so, with the way back to the list', async () => {
    // the purchasing manager may view and audit settlements, not make them
    const page = await as('caigoujl');
    await page.goto('/purchasing/settlements/new');
    await page.getByTestId('doc-forbidden').waitFor();
    expect(await text(page, 'doc-forbidden')).toContain('您没有新增进货结算单的权限');
    expect(await page.getByTestId('btn-save').count()).toBe(0);
    await shot(page, 'ux-03-no-create');
    await page.getByTestId('btn-back').click();
    await page.waitForURL((u) => u.pathname === '/purchasing/settlements');
    expectNoProblems(page);
  });
});

describe('a delivery from an order', () => {
  const state = { orderId: '', deliveryPath: '', available: '', availableAll: '' };

  it('setup: 5 beds in stock, an audited order of 2 (cash customer) and another of 1 (admin, by API)', async () => {
    const api = await e2e.api();
    const one = async (path: string) => (await api.get<{ items: { id: string }[] }>(path)).items[0].id;
    const supplier = await one('/suppliers?q=GYS002');
    const warehouseId = await one('/warehouses?q=CK01');
    const bed = await one(`/products?q=${BED}`);
    const bill = await api.post<{ id: string }>('/purchase-bills', {
      supplierId: supplier,
      warehouseId,
      date: TODAY,
      lines: [{ productId: bed, qty: '5', price: '1680.00' }],
    });
    await api.post(`/purchase-bills/${bill.id}/audit`);
    const order = async (customer: string, qty: string) => {
      const o = await api.post<{ id: string }>('/sales-orders', {
        customerId: await one(`/customers?q=${customer}`),
        warehouseId,
        date: TODAY,
        lines: [{ productId: bed, qty, price: '2380.00' }],
      });
      await api.post(`/sales-orders/${o.id}/audit`);
      return o.id;
    };
    state.orderId = await order('KH003', '2');
    await order('KH001', '1');
    type Avail = { items: { available: string }[] };
    const availability = (extra: string) => api.get<Avail>(`/stock/availability?productIds=${bed}&warehouseId=${warehouseId}${extra}`);
    state.available = (await availability(`&excludeOrderId=${state.orderId}`)).items[0].available;
    state.availableAll = (await availability('')).items[0].available;
    // 5 on hand: the other order holds 1, both together 3
    expect(state.available).toBe('4');
    expect(state.availableAll).toBe('2');
  });

  it('可用库存 leaves out the delivered order’s own holding; after 审批 the toast says 已批准', async () => {
    const page = await as('kaidan');
    await page.goto(`/sales/deliveries/new?fromOrder=${state.orderId}`);
    await expect.poll(() => text(page, 'line-source')).toMatch(/^XD-/);
    // not 2 (5 − both orders): the 2 beds of this order are the ones being delivered
    await expect.poll(() => text(page, 'line-stock')).toBe('4 张');
    expect(await page.getByTestId('doc-lines').locator('thead').innerText()).toContain('可用库存');
    expect(await page.getByTestId('line-stock').getAttribute('title')).toBe('现存 5 · 其他订单占用 1');
    expect(await page.getByTestId('line-shortfall').count()).toBe(0);
    // delivering 5 of the order's 2 (the rest from free stock) would leave one short
    await page.locator('#lines_0_qty').fill('5');
    await expect.poll(() => text(page, 'line-shortfall')).toBe('缺 1');
    await page.locator('#lines_0_qty').fill('2');
    await expect.poll(() => page.getByTestId('line-shortfall').count()).toBe(0);
    await shot(page, 'ux-04-delivery-available');
    await page.getByTestId('btn-save').click();
    await page.waitForURL(DOC_URL);
    state.deliveryPath = new URL(page.url()).pathname;
    await expect.poll(() => docStatus(page)).toBe('saved');
    // saved, the delivery still leaves its order out
    await expect.poll(() => text(page, 'line-stock')).toBe('4 张');
    expectNoProblems(page);

    // the cash customer has paid nothing: the manager approves the exception
    const manager = await as('quyu');
    await manager.goto(state.deliveryPath);
    await manager.getByTestId('btn-audit').click();
    await expect.poll(() => text(manager, 'doc-error')).toContain('款未到账');
    await docIdle(manager);
    await manager.locator('#approvalReason').fill('老客户，月底结清');
    await manager.getByTestId('btn-approve').click();
    await expect.poll(() => text(manager, 'doc-approval')).toContain('老客户');
    await expect.poll(() => toastTexts(manager)).toContain('已批准');
    expect(await toastTexts(manager)).not.toContain('已保存');
    await shot(manager, 'ux-05-approved');
    await manager.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(manager)).toBe('audited');
    expectNoProblems(manager);
  });
  it('a warehouse keeper opening a bill sees its 经手人 and 供应商 by name and its quantities, not its money, without asking for rows it may not read', async () => {
    const api = await e2e.api();
    const first = async (path: string) => (await api.get<{ items: { id: string }[] }>(path)).items[0].id;
    const bill = await api.post<{ id: string }>('/purchase-bills', {
      supplierId: await first('/suppliers?q=GYS001'),
      warehouseId: await first('/warehouses?q=CK01'),
      employeeId: await first('/employees?pageSize=1'),
      date: TODAY,
      lines: [{ productId: await first(`/products?q=${BED}`), qty: '1', price: '100.00' }],
    });
    await api.post(`/purchase-bills/${bill.id}/audit`);
    const view = await api.get<{ employeeName: string; partnerName: string }>(`/purchase-bills/${bill.id}`);
    expect(view.employeeName).toBeTruthy();
    const page = await as('cangku');
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`/purchasing/bills/${bill.id}`);
    await expect.poll(() => docStatus(page)).toBe('audited');
    await expect.poll(() => text(page, `doc-purchase-bills`)).toContain(view.employeeName);
    expect(await text(page, 'doc-purchase-bills')).toContain(view.partnerName);
    // the keeper receives by quantity: no prices, no money totals (no purchases:price)
    expect(await page.getByTestId('total-qty').innerText()).toBe('1');
    expect(await page.getByTestId('total-total').count()).toBe(0);
    expect((await page.getByTestId('line-total').first().innerText()).trim()).toBe('');
    await docIdle(page);
    expect(refused).toEqual([]);
    expectNoProblems(page);
  });
});
