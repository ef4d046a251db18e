// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// Issue 9.1: a picker of master data picks what was typed. A clerk (or a barcode scanner)
// types a code and presses Enter at once — before the search has answered, while the
// drop-down still shows the list it opened with. The document saved must carry the
// partner / warehouse / employee typed, checked through the API; a code that matches
// nothing picks nothing and the field says so.
// Issue 9.5: the settlement form allocates the payment oldest-first as it is typed, and a
// save with nothing allocated while open items exist asks first.
// Screenshots: test-results/screenshots/pickers-*.png
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  docStatus,
  expectFocused,
  expectNoProblems,
  login,
  openDropdown,
  type Page,
  pickOption,
  selectedLabel,
  setupE2E,
  shot,
  TODAY,
  text,
} from './harness';

const e2e = setupE2E();

const DOC_URL = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHAIR = 'CY-08-HS';

/** id of the master-data row with this exact code (checked through the API). */
async function idOf(resource: string, code: string): Promise<string> {
  const api = await e2e.api();
  const rows = (await api.get<{ items: { id: string; code: string }[] }>(`/${resource}?q=${encodeURIComponent(code)}&pageSize=100`)).items;
  const row = rows.find((r) => r.code === code);
  if (!row) throw new Error(`no ${resource} ${code}`);
  return row.id;
}

/**
 * Holds every answer of a list search of `resource` back for `ms`: the search is still on
 * its way when Enter comes, on a fast machine as on a slow one.
 */
async function slowSearch(page: Page, resource: string, ms = 400) {
  await page.route(
    (u) => u.pathname === `/api/v1/${resource}`,
    async (route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue().catch(() => undefined);
    },
  );
}

/** Types `code` into the focused picker and presses Enter straight after, as a scanner does. */
async function scan(page: Page, code: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

async function addLine(page: Page, code: string) {
  await page.locator('#lines_0_productId').focus();
  await pickOption(page, 'lines_0_productId', code);
  await expectFocused(page, 'lines_0_qty');
  await page.keyboard.type('1');
}

async function saveNew(page: Page): Promise<string> {
  await page.keyboard.press('Control+s');
  return saved(page);
}

/** Waits for the new document to be saved; returns its id. */
async function saved(page: Page): Promise<string> {
  await page.waitForURL(DOC_URL);
  await expect.poll(() => docStatus(page)).toBe('saved');
  return new URL(page.url()).pathname.split('/').pop() as string;
}

describe('9.1 header pickers pick what was typed', () => {
  it('9.1 a supplier and a warehouse typed by code with Enter at once are the ones the purchase order saves', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await slowSearch(page, 'suppliers');
    await slowSearch(page, 'warehouses');
    await page.goto('/purchasing/orders/new');
    await expect.poll(() => docStatus(page)).toBe('new');
    await expectFocused(page, 'supplierId');
    // the clerk opens the list first: GYS001 is its first entry, highlighted
    await page.locator('#supplierId').click();
    await openDropdown(page).locator('.ant-select-item-option', { hasText: 'GYS001' }).waitFor();
    await scan(page, 'GYS004');
    await expect.poll(() => selectedLabel(page, 'supplierId')).toContain('揭阳市五金制品有限公司');
    expect(await selectedLabel(page, 'supplierId')).not.toContain('GYS001');

    await page.keyboard.press('Enter');
    await expectFocused(page, 'warehouseId');
    await scan(page, 'CK02');
    await expect.poll(() => selectedLabel(page, 'warehouseId')).toContain('原料仓');
    await addLine(page, CHAIR);
    await shot(page, 'pickers-01-order-typed-codes');
    const id = await saveNew(page);

    const order = await (await e2e.api()).get(`/purchase-orders/${id}`);
    expect(order.supplierId).toBe(await idOf('suppliers', 'GYS004'));
    expect(order.warehouseId).toBe(await idOf('warehouses', 'CK02'));
    expectNoProblems(page);
  });

  it('9.1 a customer typed by code with Enter at once, and an employee typed slowly, are the ones the sales order saves', async () => {
    const page = await e2e.newPage();
    await login(page, 'kaidan', DEMO_PASSWORD);
    await slowSearch(page, 'customers');
    await slowSearch(page, 'employees');
    await page.goto('/sales/orders/new');
    await expect.poll(() => docStatus(page)).toBe('new');
    await expectFocused(page, 'customerId');
    await page.locator('#customerId').click();
    await openDropdown(page).locator('.ant-select-item-option', { hasText: 'KH001' }).waitFor();
    await scan(page, 'KH007');
    await expect.poll(() => selectedLabel(page, 'customerId')).toContain('成都锦江天杉专卖店');

    await page.locator('#warehouseId').focus();
    await scan(page, 'CK01');
    await expect.poll(() => selectedLabel(page, 'warehouseId')).toContain('成品仓');

    // 经手人 starts as the signed-in clerk (杨帆); the clerk types another one key by key
    await expect.poll(() => selectedLabel(page, 'employeeId')).toContain('杨帆');
    await page.locator('#employeeId').click();
    await openDropdown(page).locator('.ant-select-item-option', { hasText: 'E001' }).waitFor();
    await page.keyboard.type('E008', { delay: 120 });
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedLabel(page, 'employeeId')).toContain('黄丽');

    await addLine(page, 'SF-1001-HS');
    const id = await saveNew(page);
    const order = await (await e2e.api()).get(`/sales-orders/${id}`);
    expect(order.customerId).toBe(await idOf('customers', 'KH007'));
    expect(order.warehouseId).toBe(await idOf('warehouses', 'CK01'));
    expect(order.employeeId).toBe(await idOf('employees', 'E008'));
    expectNoProblems(page);
  });

  it('9.1 a code that matches nothing picks nothing, and the field says so', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await slowSearch(page, 'suppliers');
    await page.goto('/purchasing/orders/new');
    await expect.poll(() => docStatus(page)).toBe('new');
    await page.locator('#supplierId').click();
    await openDropdown(page).locator('.ant-select-item-option', { hasText: 'GYS001' }).waitFor();
    await scan(page, 'GYS999');
    const said = page.getByTestId('ref-no-match');
    await expect.poll(() => said.count()).toBe(1);
    expect(await said.innerText()).toContain('GYS999');
    expect(await said.innerText()).toContain('未找到');
    expect(await selectedLabel(page, 'supplierId')).not.toContain('GYS0');
    // the text stays for the clerk to correct
    expect(await page.inputValue('#supplierId')).toBe('GYS999');
    await shot(page, 'pickers-02-no-match');
    // corrected, it picks and the message goes
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await scan(page, '005');
    await expect.poll(() => selectedLabel(page, 'supplierId')).toContain('GYS005');
    expect(await said.count()).toBe(0);

    // a product cell too: an unknown code leaves the line empty
    await page.locator('#lines_0_productId').focus();
    await scan(page, 'NO-SUCH-ITEM');
    await expect.poll(() => page.getByTestId('ref-no-match').count()).toBe(1);
    expect(await page.getByTestId('ref-no-match').innerText()).toContain('NO-SUCH-ITEM');
    expect(await page.getByTestId('line-product-0').innerText()).not.toMatch(/[A-Z]{2}-\d/);
    expectNoProblems(page);
  });
});

describe('9.5 the settlement form allocates as the payment is typed', () => {
  const bills = { older: '', newer: '' };

  it('setup: a supplier with two audited bills, 300.00 ten days ago and 500.00 today (admin, by API)', async () => {
    const api = await e2e.api();
    const supplier = await api.post<{ id: string }>('/suppliers', { code: 'GYS-E2E-95', name: '温州结算测试五金厂' });
    const warehouseId = await idOf('warehouses', 'CK01');
    const productId = await idOf('products', 'WJ-JL-35');
    const d = new Date(`${TODAY}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 10);
    const bill = async (date: string, qty: string) => {
      const b = await api.post<{ id: string; number: string }>('/purchase-bills', {
        supplierId: supplier.id,
        warehouseId,
        date,
        lines: [{ productId, qty, price: '1.00' }],
      });
      await api.post(`/purchase-bills/${b.id}/audit`);
      return b.number;
    };
    // the newer one is entered first: oldest-first means by date, not by entry
    bills.newer = await bill(TODAY, '500');
    bills.older = await bill(d.toISOString().slice(0, 10), '300');
  });

  const alloc = (page: Page, number: string) => page.inputValue(`[data-testid="alloc-${number}"]`);

  it('9.5 typing the payment total allocates it oldest-first; the clerk can still change a line', async () => {
    const page = await e2e.newPage();
    await login(page, 'caiwu', DEMO_PASSWORD);
    await page.goto('/purchasing/settlements/new');
    await expectFocused(page, 'supplierId');
    await pickOption(page, 'supplierId', 'GYS-E2E-95', '温州结算测试五金厂');
    await pickOption(page, 'accountId', 'YH01', '工商银行');
    await page.getByTestId(`item-${bills.older}`).waitFor();
    await page.getByTestId(`item-${bills.newer}`).waitFor();

    await page.locator('#paymentTotal').click();
    await page.keyboard.type('600');
    await expect.poll(() => alloc(page, bills.older)).toBe('300.00');
    expect(await alloc(page, bills.newer)).toBe('300.00');
    await expect.poll(() => text(page, 'surplus')).toContain('0.00');
    expect(await text(page, 'settled-total')).toContain('600.00');
    await shot(page, 'pickers-03-settlement-typed');

    // more than is open: both settled, the rest is prepayment
    await page.keyboard.type('0');
    await expect.poll(() => alloc(page, bills.newer)).toBe('500.00');
    expect(await alloc(page, bills.older)).toBe('300.00');
    await expect.poll(() => text(page, 'surplus')).toContain('5,200.00');

    // back to 600, then the clerk pays only 100 of the newer bill: the line keeps it
    await page.keyboard.press('Backspace');
    await expect.poll(() => alloc(page, bills.newer)).toBe('300.00');
    await page.getByTestId(`alloc-${bills.newer}`).fill('100');
    await expect.poll(() => text(page, 'surplus')).toContain('200.00');
    await page.locator('#paymentTotal').fill('650');
    await expect.poll(() => text(page, 'surplus')).toContain('250.00');
    expect(await alloc(page, bills.newer)).toBe('100');
    expect(await alloc(page, bills.older)).toBe('300.00');
    await shot(page, 'pickers-04-settlement-line-changed');
    expectNoProblems(page);
  });

  it('9.5 a save with nothing allocated while open items exist asks first', async () => {
    const page = await e2e.newPage();
    await login(page, 'caiwu', DEMO_PASSWORD);
    await page.goto('/purchasing/settlements/new');
    await expectFocused(page, 'supplierId');
    await pickOption(page, 'supplierId', 'GYS-E2E-95', '温州结算测试五金厂');
    await pickOption(page, 'accountId', 'YH01', '工商银行');
    await page.getByTestId(`item-${bills.older}`).waitFor();
    await page.locator('#paymentTotal').click();
    await page.keyboard.type('250');
    await expect.poll(() => alloc(page, bills.older)).toBe('250.00');

    await page.getByTestId('btn-clear-allocation').click();
    await expect.poll(() => alloc(page, bills.older)).toBe('');
    await expect.poll(() => text(page, 'surplus')).toContain('250.00');
    await page.getByTestId('btn-save').click();
    const ask = page.locator('.ant-modal-confirm');
    await ask.waitFor();
    expect(await ask.innerText()).toContain('预付款');
    await shot(page, 'pickers-05-settlement-confirm');
    // 取消: nothing is saved, the form stays as typed
    await page.getByTestId('btn-confirm-cancel').click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/purchasing/settlements/new');
    expect(await page.inputValue('#paymentTotal')).toBe('250');

    await page.getByTestId('btn-save').click();
    await ask.waitFor();
    await page.getByTestId('btn-confirm-ok').click();
    const id = await saved(page);
    const settlement = await (await e2e.api()).get(`/purchase-settlements/${id}`);
    expect(settlement.allocations).toEqual([]);
    expect(settlement.surplus).toBe('250.00');
    expectNoProblems(page);
  });
});
