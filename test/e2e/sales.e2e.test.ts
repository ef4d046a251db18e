// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// A furniture order's whole day in the browser (SPEC S2 S4 S5 S6 S8): the order clerk 陈静
// (gendan) follows a faxed, made-to-order order for two beds from the cash customer 南昌美家家居
// and confirms it by phone; the sales manager 赵磊 (quyu) audits it; the cashier 周敏
// (caiwu) records the 1000.00 the customer transferred as an advance receipt for the order
// and, confirming the 30% deposit (1428.00) on the order, takes the 428.00 still missing in
// cash — a second advance receipt, made and audited by the confirmation; the clerk releases
// it to production and moves it through the stages to 完工 and asks for the balance (the
// order less its deposit); finance confirms full payment, the balance to be collected by
// the driver; the billing clerk 杨帆 (kaidan) makes the
// delivery from the order; its audit is refused (a cash customer has not paid), 赵磊
// approves and audits; 杨帆 sends the company vehicle with the driver 徐军 to collect the
// balance (代收金额 proposed as the delivery less the deposit): 已送达 → 已安装 → 已收款; 周敏
// takes the money in (已交款), which makes the receipt.
// In the end the customer owes the deposit's worth while the deposit waits as an advance,
// and 司机未交款 is empty.
// Roles: the billing clerk 杨帆 (kaidan) types the order in: order_clerk lacks
// warehouses:view, so 陈静 could not pick its warehouse. The order clerk may not audit orders (order_clerk has no sales-orders:audit) and
// the billing clerk may not audit deliveries: the sales manager does both.
// Setup by API as admin: 5 beds in stock (a purchase bill), since the demo data has none.
// Screenshots: test-results/screenshots/sales-*.png
import { describe, expect, it } from 'vitest';
import { docStatus, expectFocused, expectNoProblems, figure, navigate, type Page, pickOption, setupE2E, shot, TODAY, text } from './harness';

const e2e = setupE2E();

const CUSTOMER = { search: 'KH003', name: '南昌美家家居' };
const BED = 'C-1800-BS';
const DOC_URL = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const state = { orderPath: '', orderNumber: '', deliveryPath: '' };

const as = (user: string) => e2e.pageAs(user);

async function openOrder(page: Page) {
  await page.goto(state.orderPath);
  await page.getByTestId('order-tracking').waitFor();
}

async function typeDate(page: Page, id: string, value: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(value);
  await page.keyboard.press('Enter');
}

describe('a furniture order’s day in the browser (S2 S4 S5 S6 S8)', () => {
  it('setup: beds in stock (admin, by API)', async () => {
    const api = await e2e.api();
    const supplier = (await api.get<{ items: { id: string }[] }>('/suppliers?q=GYS002')).items[0].id;
    const warehouse = (await api.get<{ items: { id: string }[] }>('/warehouses?q=CK01')).items[0].id;
    const bed = (await api.get<{ items: { id: string }[] }>(`/products?q=${BED}`)).items[0].id;
    const bill = await api.post<{ id: string }>('/purchase-bills', {
      supplierId: supplier,
      warehouseId: warehouse,
      date: TODAY,
      lines: [{ productId: bed, qty: '5', price: '1680.00' }],
    });
    await api.post(`/purchase-bills/${bill.id}/audit`);
  });

  it('S2 the billing clerk enters a faxed made-to-order order and sees stock and the total to pay; the order clerk confirms it by phone', async () => {
    // 开单文员 enters it: the order clerk's role (order_clerk) cannot read warehouses, so
    // could not pick the order's warehouse
    const page = await as('kaidan');
    await navigate(page, '/sales/orders');
    await page.getByTestId('page-sales-orders').waitFor();
    await shot(page, 'sales-01-order-list');
    await page.getByTestId('btn-new').click();
    await page.waitForURL(/\/sales\/orders\/new$/);
    await expectFocused(page, 'customerId');
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    // 订单来源 starts at 传真 (a fax)
    expect(await page.getByTestId('order-extra').innerText()).toContain('传真');
    await typeDate(page, 'contractDate', '2099-12-20');
    await page.getByTestId('deposit-mode').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '比例%' }).click();
    await page.locator('#deposit').fill('30');
    expect(await page.locator('#deposit').inputValue()).toBe('30');
    await page.locator('#requiresProduction').check();
    await page.locator('#lines_0_productId').focus();
    await pickOption(page, 'lines_0_productId', BED);
    await expectFocused(page, 'lines_0_qty');
    await page.keyboard.type('2');
    await page.locator('#lines_0_price').fill('2380');
    // available stock in the warehouse: 5 张, nothing short
    await expect.poll(() => text(page, 'line-stock')).toContain('5');
    await expect.poll(() => text(page, 'total-total')).toBe('4,760.00');
    await shot(page, 'sales-02-order-new');
    await page.getByTestId('btn-save').click();
    await page.waitForURL(DOC_URL);
    state.orderPath = new URL(page.url()).pathname;
    await expect.poll(() => docStatus(page)).toBe('saved');
    state.orderNumber = await text(page, 'doc-number');
    expect(state.orderNumber).toMatch(/^XD-/);
    // 订金 30% of 4760; the cash customer owes nothing yet: 应付款总额 = the order
    await expect.poll(() => text(page, 'order-deposit')).toBe('1,428.00');
    expect(await text(page, 'order-total-to-pay')).toBe('4,760.00');
    expectNoProblems(page);

    const clerk = await as('gendan');
    await clerk.goto(state.orderPath);
    await clerk.getByTestId('order-tracking').waitFor();
    await confirmByPhone(clerk);
  });
});

async function confirmByPhone(page: Page) {
  await page.locator('#confirmedWith').fill('邹文华');
  await page.getByTestId('btn-confirm-phone').click();
  await expect.poll(() => text(page, 'track-confirmation')).toContain('邹文华');
  expect(await text(page, 'track-confirmation')).toContain('陈静');
  // the order clerk may not audit
  expect(await page.getByTestId('btn-audit').count()).toBe(0);
  await shot(page, 'sales-03-order-confirmed');
  expectNoProblems(page);
}

describe('a furniture order’s day, continued', () => {
  it('the sales manager audits the order; the order confirmation prints the total to pay', async () => {
    const page = await as('quyu');
    await openOrder(page);
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    const [print] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('btn-print').click()]);
    await print.getByTestId('print-sheet').waitFor();
    expect(await print.getByTestId('print-title').innerText()).toBe('订单确认书');
    expect(await print.getByTestId('print-to-pay').innerText()).toContain('4,760.00');
    await shot(print, 'sales-04-order-confirmation-print');
    expectNoProblems(page);
  });

  it('S4 finance records the transfer as an advance receipt for the order, and confirms the deposit taking the rest in cash', async () => {
    const page = await as('caiwu');
    await navigate(page, '/sales/advances');
    await page.getByTestId('btn-new').click();
    await page.waitForURL(/\/sales\/advances\/new$/);
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    await pickOption(page, 'accountId', 'YH01', '工商银行基本户');
    // 所属订单: the customer's orders
    await pickOption(page, 'salesOrderId', state.orderNumber);
    await page.locator('#amount').fill('1000');
    await shot(page, 'sales-05-advance-receipt');
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    await expect.poll(() => text(page, 'balance-prepaid')).toBe('1,000.00');

    await openOrder(page);
    // what was paid for the order comes off what it and the customer still owe
    await expect.poll(() => text(page, 'order-deposit-received')).toBe('1,000.00');
    expect(await text(page, 'order-advance')).toBe('1,000.00');
    expect(await text(page, 'order-total-to-pay')).toBe('3,760.00');
    expect(await text(page, 'order-balance-to-pay')).toBe('3,760.00');
    expect(await text(page, 'order-advances')).toContain('YS-');
    // 确认订金 1428: received 1000, the 428 missing is received now into the account chosen
    expect(await text(page, 'deposit-received')).toBe('1,000.00');
    expect(await page.locator('#trackDeposit').inputValue()).toBe('1428.00');
    expect(await page.getByTestId('btn-deposit-confirm').isDisabled()).toBe(true);
    await pickOption(page, 'depositAccount', 'XJ01', '现金');
    await expect.poll(() => text(page, 'deposit-hint')).toContain('428.00');
    await shot(page, 'sales-06a-deposit-to-confirm');
    await page.getByTestId('btn-deposit-confirm').click();
    await expect.poll(() => page.getByTestId('track-deposit').getAttribute('data-done')).toBe('yes');
    expect(await text(page, 'track-deposit')).toContain('周敏');
    expect(await text(page, 'track-deposit')).toContain('1,428.00');
    await expect.poll(() => text(page, 'order-deposit-received')).toBe('1,428.00');
    expect(await text(page, 'order-balance-to-pay')).toBe('3,332.00');
    expect(await text(page, 'order-total-to-pay')).toBe('3,332.00');
    expect(await page.getByTestId('order-advance-doc').count()).toBe(2);
    // finance does not run production
    expect(await page.getByTestId('btn-release').count()).toBe(0);
    await shot(page, 'sales-06-deposit-confirmed');
    // the receipt made by the confirmation: audited, for the order, into 现金
    const api = await e2e.api();
    const orderView = await api.get<{ production: { depositConfirmed: { receiptId: string } } }>(state.orderPath.replace('/sales/orders/', '/sales-orders/'));
    const made = await api.get<{ status: string; total: string; accountName: string; orderNumber: string }>(
      `/advance-receipts/${orderView.production.depositConfirmed.receiptId}`,
    );
    expect(made).toMatchObject({ status: 'audited', total: '428.00', accountName: '现金', orderNumber: state.orderNumber });
    expectNoProblems(page);
  });

  it('S4 the order clerk releases it to production, moves it to 完工 and asks for the balance', async () => {
    const page = await as('gendan');
    await openOrder(page);
    expect(await page.getByTestId('btn-deposit-confirm').count()).toBe(0);
    await typeDate(page, 'plannedShipDate', '2099-12-15');
    await page.getByTestId('btn-release').click();
    await expect.poll(() => text(page, 'current-stage')).toContain('备料');
    expect(await text(page, 'planned-ship')).toContain('2099-12-15');
    await shot(page, 'sales-07-released');
    for (const stage of ['裁剪', '缝制', '包装', '完工']) {
      await page.getByTestId(`btn-stage-${stage}`).click();
      await expect.poll(() => text(page, 'current-stage')).toContain(stage);
    }
    await expect.poll(() => page.getByTestId('stage-完工').getAttribute('data-current')).toBe('yes');
    expect(await page.locator('#trackBalance').inputValue()).toBe('3332.00');
    await page.getByTestId('btn-balance-request').click();
    await expect.poll(() => page.getByTestId('track-balance').getAttribute('data-done')).toBe('yes');
    await shot(page, 'sales-08-finished-balance-requested');
    expectNoProblems(page);
  });

  it('S4 finance confirms full payment, the balance to be collected by the driver: the order may ship', async () => {
    const page = await as('caiwu');
    await openOrder(page);
    expect(await page.locator('#trackFull').inputValue()).toBe('4760.00');
    expect(await text(page, 'full-received')).toBe('1,428.00');
    // 3332 not received: an account to receive it now, or the driver collects it
    expect(await page.getByTestId('btn-payment-confirm').isDisabled()).toBe(true);
    await page.getByTestId('full-cod').click();
    await page.getByTestId('btn-payment-confirm').click();
    await expect.poll(() => page.getByTestId('track-payment').getAttribute('data-done')).toBe('yes');
    expect(await text(page, 'track-payment')).toContain('3,332.00');
    await page.getByTestId('ready-to-ship').waitFor();
    await shot(page, 'sales-09-payment-confirmed');
    expectNoProblems(page);
  });

  it('S5 the billing clerk makes the delivery from the order; the manager approves the cash customer’s exception and audits', async () => {
    const page = await as('kaidan');
    await openOrder(page);
    await page.getByTestId('btn-to-bill').click();
    await page.waitForURL(/\/sales\/deliveries\/new\?fromOrder=/);
    await expect.poll(() => text(page, 'line-source')).toContain(state.orderNumber);
    await expect.poll(() => text(page, 'total-total')).toBe('4,760.00');
    await shot(page, 'sales-10-delivery-from-order');
    await page.getByTestId('btn-save').click();
    await page.waitForURL(DOC_URL);
    state.deliveryPath = new URL(page.url()).pathname;
    await expect.poll(() => docStatus(page)).toBe('saved');
    expect(await page.getByTestId('btn-audit').count()).toBe(0);

    const manager = await as('quyu');
    await manager.goto(state.deliveryPath);
    await manager.getByTestId('btn-audit').click();
    // a cash customer who has paid only the deposit: refused, with the server's reason
    await expect.poll(() => text(manager, 'doc-error')).toContain('款未到账不能发货');
    await shot(manager, 'sales-11-delivery-refused');
    await manager.locator('#approvalReason').fill('公司车辆送货，司机代收余款');
    await manager.getByTestId('btn-approve').click();
    await expect.poll(() => text(manager, 'doc-approval')).toContain('赵磊');
    await manager.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(manager)).toBe('audited');
    await expect.poll(() => text(manager, 'doc-approval')).toContain('公司车辆送货');
    await shot(manager, 'sales-12-delivery-approved-audited');
    const [print] = await Promise.all([manager.waitForEvent('popup'), manager.getByTestId('btn-print').click()]);
    await print.getByTestId('print-sheet').first().waitFor();
    expect(await print.getByTestId('print-copy').allInnerTexts()).toEqual(['仓库联', '客户联']);
    await shot(print, 'sales-13-delivery-print', { fullPage: true });
    expectNoProblems(page);
    expectNoProblems(manager);
  });

  it('S6 the company vehicle with 徐军 collects the balance; the cashier takes it in', async () => {
    const page = await as('kaidan');
    await page.goto(state.deliveryPath);
    await page.getByTestId('cod-panel').waitFor();
    await page.locator('#codVehicle').fill('粤E·12345 中巴');
    await pickOption(page, 'codDriver', '徐军');
    // 代收金额: the delivery's 4760 less the 1428 paid for its order
    expect(await page.locator('#codAmount').inputValue()).toBe('3332.00');
    expect(await text(page, 'cod-paid-ahead')).toContain('1,428.00');
    await page.getByTestId('btn-cod-assign').click();
    await expect.poll(() => page.getByTestId('cod-status').getAttribute('data-status')).toBe('waiting');
    expect(await text(page, 'cod-driver')).toBe('徐军');
    await shot(page, 'sales-14-cod-assigned');
    await page.getByTestId('btn-cod-delivered').click();
    await expect.poll(() => page.getByTestId('cod-status').getAttribute('data-status')).toBe('delivered');
    await page.getByTestId('btn-cod-installed').click();
    await expect.poll(() => page.getByTestId('cod-status').getAttribute('data-status')).toBe('installed');
    await page.locator('#codCollected').fill('3332');
    await page.getByTestId('btn-cod-collected').click();
    await expect.poll(() => page.getByTestId('cod-status').getAttribute('data-status')).toBe('collected');
    expect(await text(page, 'cod-collected')).toBe('3,332.00');
    // the billing clerk cannot take money in
    expect(await page.getByTestId('btn-cod-handed_in').count()).toBe(0);
    await shot(page, 'sales-15-cod-collected');

    const cashier = await as('caiwu');
    await navigate(cashier, '/sales/cod');
    await expect.poll(() => figure(cashier, 'cod-held')).toBe('3,332.00');
    expect(await cashier.getByTestId('cod-table').innerText()).toContain('徐军');
    await shot(cashier, 'sales-16-cod-outstanding');
    await cashier.goto(state.deliveryPath);
    await cashier.getByTestId('cod-panel').waitFor();
    await pickOption(cashier, 'codAccount', 'XJ01', '现金');
    await cashier.getByTestId('btn-cod-handed_in').click();
    await expect.poll(() => cashier.getByTestId('cod-status').getAttribute('data-status')).toBe('handed_in');
    await expect.poll(() => text(cashier, 'cod-history')).toContain('已交款');
    await shot(cashier, 'sales-17-cod-handed-in');
    expectNoProblems(page);
    expectNoProblems(cashier);
  });

  it('S8 the customer’s balance and 司机未交款 are right', async () => {
    const page = await as('caiwu');
    await navigate(page, '/sales/cod');
    await expect.poll(() => figure(page, 'cod-held')).toBe('0.00');
    expect(await page.getByTestId('cod-table').innerText()).not.toContain('徐军');
    await navigate(page, '/finance/customer-accounts');
    await page.getByTestId('page-customer-accounts').waitFor();
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    // delivered 4760, the driver's 3332 settled it down to 1428; the 1428 deposit waits as an advance
    await expect.poll(() => figure(page, 'acct-receivable')).toBe('1,428.00');
    expect(await figure(page, 'acct-advance')).toBe('1,428.00');
    expect(await figure(page, 'acct-net')).toBe('0.00');
    await expect.poll(() => page.getByTestId('acct-open-items').innerText()).toContain('XS-');
    // the customer's statement speaks of 应收 and 预收款, not of what we owe a supplier
    await page.getByRole('tab', { name: '对账单' }).click();
    const statement = page.getByTestId('acct-statement');
    await expect.poll(async () => statement.innerText()).toContain('期末余额');
    expect(await statement.locator('thead').innerText()).toMatch(/增加应收[\s\S]*减少应收/);
    expect(await statement.innerText()).toContain('（预收款）');
    expect(await statement.innerText()).not.toContain('预付');
    expect(await text(page, 'page-customer-accounts')).toContain('负数表示我方欠客户');
    await shot(page, 'sales-18-customer-account');
    const api = await e2e.api();
    const order = await api.get<{ status: string }>(state.orderPath.replace('/sales/orders/', '/sales-orders/'));
    expect(order.status).toBe('completed');
    expectNoProblems(page);
  });
});
