// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// The purchasing manual (篇三 i–vi, SPEC P1–P9) walked through in the browser, the way
// the people of the demo company do it: the buyer 刘洋 (caigou) enters a purchase order
// from the keyboard, the purchasing manager 张伟 (caigoujl) audits it, the buyer turns it
// into a bill receiving part of the goods, the manager audits the bill and the stock
// shows in 库存查询, and the cashier 周敏 (caiwu) pays more than is open — the rest
// becomes prepayment. Then 原单退回, inline creation (P5) and the A4 print.
// Screenshots: test-results/screenshots/purchasing-*.png
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  docStatus,
  expectFocused,
  expectNoProblems,
  figure,
  login,
  navigate,
  openDropdown,
  type Page,
  pickOption,
  selectedLabel,
  setupE2E,
  shot,
  tableRows,
  text,
} from './harness';

const e2e = setupE2E();

const SUPPLIER = { search: 'GYS001', name: '佛山市顺德区龙江皮革制品厂' };
/** 餐椅: catalogue purchase price 160, unit 把 (a 箱 is 2 把) */
const CHAIR = 'CY-08-HS';
/** 纯棉工装T恤 藏青 M: catalogue purchase price 28.50, unit 件 */
const SHIRT = 'FZ-TX-ZQ-M';

const state = { orderPath: '', orderNumber: '', billPath: '', billNumber: '' };

const DOC_URL = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function stockOf(productCode: string): Promise<string> {
  const api = await e2e.api();
  const products = await api.get(`/products?q=${productCode}`);
  const stock = await api.get(`/stock?productId=${products.items[0].id}`);
  return stock.items[0]?.qty ?? '0';
}

/** Picks a product in a line's product cell; the caret then goes to the line's quantity. */
async function pickProduct(page: Page, line: number, code: string) {
  await page.locator(`#lines_${line}_productId`).focus();
  await pickOption(page, `lines_${line}_productId`, code);
  await expectFocused(page, `lines_${line}_qty`);
}

describe('purchasing in the browser (篇三 采购员工作流程)', () => {
  it('P1 P4 the buyer enters a purchase order of two lines from the keyboard; saved, it is 未审核', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await navigate(page, '/purchasing/orders');
    await page.getByTestId('page-purchase-orders').waitFor();
    await shot(page, 'purchasing-01-order-list');

    await page.getByTestId('btn-new').click();
    await page.waitForURL(/\/purchasing\/orders\/new$/);
    await expect.poll(() => docStatus(page)).toBe('new');
    await expectFocused(page, 'supplierId');
    // 经手人 starts as the signed-in buyer's employee (GET /session → user.employeeId)
    await expect.poll(() => selectedLabel(page, 'employeeId')).toContain('刘洋');
    await pickOption(page, 'supplierId', SUPPLIER.search, SUPPLIER.name);

    // Line 1: product → qty → price → next line, all by Enter.
    await pickProduct(page, 0, CHAIR);
    // P4: no audited purchase yet, so the default price is the catalogue price
    await expect.poll(() => page.inputValue('#lines_0_price')).toBe('160.00');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expectFocused(page, 'lines_0_price');
    await page.keyboard.type('158');
    await page.keyboard.press('Enter');
    // a new empty line appeared by itself and has the caret
    await expectFocused(page, 'lines_1_productId');

    await pickProduct(page, 1, SHIRT);
    await expect.poll(() => page.inputValue('#lines_1_price')).toBe('28.50');
    await page.keyboard.type('100');

    // amounts and totals follow the typing, exactly
    await expect.poll(() => text(page, 'total-total')).toBe('4,430.00');
    expect(await text(page, 'total-qty')).toBe('110');
    expect(await text(page, 'total-words')).toBe('肆仟肆佰叁拾元整');
    await shot(page, 'purchasing-02-order-entered');

    await page.keyboard.press('Control+s');
    await page.waitForURL(DOC_URL);
    await expect.poll(() => docStatus(page)).toBe('saved');
    expect(await text(page, 'doc-status')).toBe('未审核');
    state.orderNumber = await text(page, 'doc-number');
    expect(state.orderNumber).toMatch(/^JD-\d{8}-\d{4}$/);
    state.orderPath = new URL(page.url()).pathname;
    expect(await text(page, 'signoff-created')).toContain('刘洋');
    // a buyer may not audit
    expect(await page.getByTestId('btn-audit').count()).toBe(0);
    await shot(page, 'purchasing-03-order-saved');
    // an order moves no stock
    expect(await stockOf(CHAIR)).toBe('0');
    expectNoProblems(page);
  });

  it('P1 P10 the purchasing manager audits the order: signed, read-only, ready to receive', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigoujl', DEMO_PASSWORD);
    await navigate(page, '/purchasing/orders');
    await page.getByTestId('page-purchase-orders').waitFor();
    const rows = await tableRows(page);
    const row = rows.find((r) => r.includes(state.orderNumber));
    expect(row).toBeDefined();
    expect(row).toContain('未审核');
    await page.locator('.ant-table-row', { hasText: state.orderNumber }).click();
    await page.waitForURL((u) => u.pathname === state.orderPath);

    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    expect(await text(page, 'doc-status')).toBe('已审核');
    expect(await text(page, 'signoff-audited')).toContain('张伟');
    // audited documents are read-only: no inputs in the lines, no 保存
    expect(await page.locator('#lines_0_qty').count()).toBe(0);
    expect(await page.getByTestId('btn-save').count()).toBe(0);
    await page.getByTestId('doc-readonly').waitFor();
    await page.getByTestId('btn-to-bill').waitFor();
    await shot(page, 'purchasing-04-order-audited');
    expectNoProblems(page);
  });

  it('P2 P3 生成进货单 pulls the open lines of the order; the buyer receives part; saving moves no stock', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await page.goto(state.orderPath);
    await page.getByTestId('btn-to-bill').click();
    await page.waitForURL(/\/purchasing\/bills\/new\?fromOrder=/);
    await expect.poll(() => page.getByTestId('line-source').count()).toBe(2);
    expect(await page.getByTestId('line-source').first().innerText()).toContain(state.orderNumber);
    // quantities default to what is still open on the order
    expect(await page.inputValue('#lines_0_qty')).toBe('10');
    expect(await page.inputValue('#lines_1_qty')).toBe('100');
    expect(await page.inputValue('#lines_0_price')).toBe('158.00');

    // only 6 of the 10 chairs came
    await page.locator('#lines_0_qty').fill('6');
    await expect.poll(() => text(page, 'total-total')).toBe('3,798.00');
    await shot(page, 'purchasing-05-bill-from-order');

    await page.keyboard.press('Control+s');
    await page.waitForURL(DOC_URL);
    await expect.poll(() => docStatus(page)).toBe('saved');
    state.billNumber = await text(page, 'doc-number');
    expect(state.billNumber).toMatch(/^JH-\d{8}-\d{4}$/);
    state.billPath = new URL(page.url()).pathname;
    await shot(page, 'purchasing-06-bill-saved');

    // P3: an unaudited bill changes no stock and no payable
    expect(await stockOf(CHAIR)).toBe('0');
    const api = await e2e.api();
    const supplier = (await api.get(`/suppliers?q=${SUPPLIER.search}`)).items[0];
    expect((await api.get(`/suppliers/${supplier.id}/balance`)).payable).toBe('0.00');
    expectNoProblems(page);
  });

  it('P3 auditing the bill raises stock (库存查询) and payable; the order becomes 部分入库', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigoujl', DEMO_PASSWORD);
    await page.goto(state.billPath);
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    expect(await text(page, 'doc-settlement')).toBe('未结');
    expect(await text(page, 'doc-open-amount')).toBe('3,798.00');
    await shot(page, 'purchasing-07-bill-audited');

    await navigate(page, '/warehouse/stock');
    await page.getByTestId('page-stock').waitFor();
    await page.getByTestId('search').fill(CHAIR);
    const row = page.getByTestId(`stock-${CHAIR}`);
    await row.waitFor();
    await expect.poll(async () => (await row.getByTestId('stock-qty').innerText()).trim()).toBe('6');
    expect(await row.innerText()).toContain('成品仓');
    await shot(page, 'purchasing-08-stock');

    await page.goto(state.orderPath);
    await expect.poll(() => docStatus(page)).toBe('partial');
    expect(await text(page, 'doc-status')).toBe('部分入库');
    // 4 chairs are still open on the order
    expect(await page.getByTestId('line-open').first().innerText()).toContain('4');
    await shot(page, 'purchasing-09-order-partial');
    expectNoProblems(page);
  });

  it('P8 P9 the cashier pays more than is open: the bill is settled and the rest becomes prepayment', async () => {
    const page = await e2e.newPage();
    await login(page, 'caiwu', DEMO_PASSWORD);
    await navigate(page, '/purchasing/settlements');
    await page.getByTestId('page-purchase-settlements').waitFor();
    await page.getByTestId('btn-new').click();
    await page.waitForURL(/\/purchasing\/settlements\/new$/);
    await expectFocused(page, 'supplierId');
    await pickOption(page, 'supplierId', SUPPLIER.search, SUPPLIER.name);
    await pickOption(page, 'accountId', 'YH01', '工商银行');

    const item = page.getByTestId(`item-${state.billNumber}`);
    await item.waitFor();
    expect((await item.getByTestId('item-open').innerText()).trim()).toBe('3,798.00');

    await page.locator('#paymentTotal').fill('5000');
    await page.getByTestId(`alloc-${state.billNumber}`).fill('3798');
    // 付款合计 and 余款转预付款 follow the typing
    await expect.poll(() => text(page, 'settled-total')).toContain('3,798.00');
    await expect.poll(() => text(page, 'surplus')).toContain('1,202.00');
    await shot(page, 'purchasing-10-settlement');

    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    const settlementNumber = await text(page, 'doc-number');
    expect(settlementNumber).toMatch(/^JJ-\d{8}-\d{4}$/);
    await expect.poll(() => text(page, 'balance-prepaid')).toBe('1,202.00');
    await shot(page, 'purchasing-11-settlement-audited');

    await navigate(page, '/finance/supplier-accounts');
    // (the router keeps the old page on screen while the new one's code loads)
    await page.getByTestId('page-supplier-accounts').waitFor();
    await pickOption(page, 'supplierId', SUPPLIER.search, SUPPLIER.name);
    await expect.poll(() => figure(page, 'acct-prepaid')).toBe('1,202.00');
    expect(await figure(page, 'acct-payable')).toBe('0.00');
    await page.getByRole('tab', { name: '对账单' }).click();
    const statement = page.getByTestId('acct-statement');
    await expect.poll(async () => statement.innerText()).toContain(state.billNumber);
    expect(await statement.innerText()).toContain('期末余额');
    // the supplier's words: what we owe goes up and down, and the overpaid part is 预付款
    expect(await statement.locator('thead').innerText()).toMatch(/增加应付[\s\S]*减少应付/);
    expect(await statement.innerText()).toContain('（预付款）');
    await shot(page, 'purchasing-12-supplier-account');

    // 资金流水: the 5,000.00 left 工商银行, whose balance now is what the books say
    await navigate(page, '/finance/cash');
    await page.getByTestId('page-cash-journal').waitFor();
    const books = await (await e2e.api()).get<{ items: { code: string; balance: string }[] }>('/cash/balances');
    const bankBalance = books.items.find((x) => x.code === 'YH01')?.balance ?? '';
    const bankRow = page.getByTestId('cash-balances').locator('tbody tr', { hasText: 'YH01' });
    await expect.poll(() => bankRow.innerText()).toContain(Number(bankBalance).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await bankRow.click();
    const paid = page.getByTestId('cash-journal').locator('tbody tr', { hasText: settlementNumber });
    await expect.poll(() => paid.count()).toBe(1);
    expect(await paid.innerText()).toContain('5,000.00');
    expect(await paid.innerText()).toContain(SUPPLIER.name);
    await shot(page, 'purchasing-12b-cash-journal');

    await page.goto(state.billPath);
    await expect.poll(() => text(page, 'doc-settlement')).toBe('已结清');

    // the bill list shows 结算状态 and filters by it
    await navigate(page, '/purchasing/bills');
    await page.getByTestId('page-purchase-bills').waitFor();
    await expect.poll(async () => (await tableRows(page)).find((r) => r.includes(state.billNumber))).toContain('已结清');
    await page.getByTestId('filter-settlementStatus').click();
    await openDropdown(page).getByText('未结', { exact: true }).click();
    await expect.poll(async () => (await tableRows(page)).some((r) => r.includes(state.billNumber))).toBe(false);
    expectNoProblems(page);
  });

  it('P7 原单退回: the buyer returns goods against the bill, never more than was received', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await page.goto(state.billPath);
    await page.getByTestId('btn-to-return').click();
    await page.waitForURL(/\/purchasing\/returns\/new\?fromBill=/);
    await expect.poll(() => page.getByTestId('line-source').count()).toBe(2);
    expect(await text(page, 'return-bill')).toContain(state.billNumber);
    await expect.poll(() => page.inputValue('#lines_0_qty')).toBe('6');

    await page.locator('#lines_0_qty').fill('7');
    await page.keyboard.press('Control+s');
    // the server's refusal is shown at the top, in Chinese
    await expect.poll(() => text(page, 'doc-error')).toContain('可退 6');
    await shot(page, 'purchasing-13-return-refused');

    await page.locator('#lines_0_qty').fill('2');
    await page.getByTestId('btn-lines-remove-1').click();
    await page.keyboard.press('Control+s');
    await page.waitForURL(DOC_URL);
    await expect.poll(() => docStatus(page)).toBe('saved');
    expect(await text(page, 'doc-number')).toMatch(/^JT-\d{8}-\d{4}$/);
    expect(await text(page, 'total-total')).toBe('316.00');
    await shot(page, 'purchasing-14-return-saved');
    expectNoProblems(page);
  });

  it('P5 while entering a bill the buyer creates a supplier and a product without leaving it', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await page.goto('/purchasing/bills/new');
    await expect.poll(() => docStatus(page)).toBe('new');

    await page.getByTestId('btn-new-suppliers').click();
    const form = page.getByTestId('resource-form');
    await form.waitFor();
    await expectFocused(page, 'code');
    await page.keyboard.type('GYS-E2E-P5');
    await page.keyboard.press('Enter');
    await expectFocused(page, 'name');
    await page.keyboard.type('温州新光纽扣厂');
    await page.keyboard.press('Control+s');
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.locator('.ant-select', { has: page.locator('#supplierId') }).innerText()).trim()).toContain('温州新光纽扣厂');

    await page.getByTestId('btn-new-products').click();
    await form.waitFor();
    await form.locator('#code').fill('NK-E2E-01');
    await form.locator('#name').fill('树脂纽扣');
    await form.locator('#baseUnit').fill('粒');
    await form.locator('#purchasePrice').fill('0.12');
    await shot(page, 'purchasing-15-inline-product');
    await form.getByTestId('btn-save').click();
    await form.waitFor({ state: 'detached' });
    // the new product is on the first line, with its catalogue price, caret on the quantity
    await expectFocused(page, 'lines_0_qty');
    expect(await page.getByTestId('line-product-0').innerText()).toContain('NK-E2E-01');
    await expect.poll(() => page.inputValue('#lines_0_price')).toBe('0.12');
    await page.keyboard.type('1000');
    await expect.poll(() => text(page, 'total-total')).toBe('120.00');
    // 返回列表 with the bill unsaved asks first; staying keeps every line typed
    await page.getByTestId('btn-back').click();
    await page.getByTestId('btn-stay').click();
    expect(new URL(page.url()).pathname).toBe('/purchasing/bills/new');
    expect(await text(page, 'total-total')).toBe('120.00');
    await page.locator('#lines_0_qty').focus();
    await page.keyboard.press('Control+s');
    await page.waitForURL(DOC_URL);
    await expect.poll(() => docStatus(page)).toBe('saved');
    await shot(page, 'purchasing-16-inline-bill-saved');
    // saved, it leaves without asking
    await page.getByTestId('btn-back').click();
    await page.waitForURL((u) => u.pathname === '/purchasing/bills');
    expect(await page.getByTestId('btn-stay').count()).toBe(0);
    expectNoProblems(page);
  });

  it('R6 the audited bill prints on A4 with the total in Chinese capitals and sign-off lines', async () => {
    const page = await e2e.newPage();
    await login(page, 'caigou', DEMO_PASSWORD);
    await page.goto(state.billPath);
    const [print] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('btn-print').click()]);
    await print.getByTestId('print-sheet').waitFor();
    expect(new URL(print.url()).pathname).toMatch(/^\/print\/purchase-bills\//);
    expect(await text(print, 'print-title')).toBe('进货单');
    expect(await text(print, 'print-company')).toBe('天杉家具（演示账套）');
    expect(await text(print, 'print-number')).toBe(state.billNumber);
    expect(await text(print, 'print-total')).toBe('3,798.00');
    expect(await text(print, 'print-words')).toBe('叁仟柒佰玖拾捌元整');
    const lines = await print.getByTestId('print-lines').innerText();
    expect(lines).toContain(CHAIR);
    expect(lines).toContain('灰色');
    const sign = await text(print, 'print-sign');
    expect(sign).toContain('制单');
    expect(sign).toContain('张伟');
    await shot(print, 'purchasing-17-print-bill', { fullPage: true });
    expectNoProblems(print);
  });
});
