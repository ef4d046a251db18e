// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// After the sale (SPEC S7 S8 S9 S10): the credit customer 杭州悦居软装 (KH004) had three beds
// delivered and sends two back. The return request is saved against the delivery (原单退货);
// its audit is refused until the sales manager 赵磊 (quyu) approves it; on arrival the
// warehouse accepts only one bed, notes the condition in 验货情况 and lowers the line; then
// it is audited and printed as 退货确认书. The customer pays more than it owes: the
// receipt's surplus becomes an advance (余款转预收款), seen on 客户往来. A complaint is
// logged, confirmed by the manager, answered with a 补件单 and closed. The day's sales
// report shows the customer with its amount and gross profit, and the chart draws.
// Setup by API as admin: 5 beds in stock (a purchase bill) and the audited delivery.
// Screenshots: test-results/screenshots/sales-after-*.png
import { describe, expect, it } from 'vitest';
import { ADMIN, docIdle, docStatus, expectNoProblems, figure, navigate, type Page, pickOption, setupE2E, shot, TODAY, text } from './harness';

const e2e = setupE2E();

const CUSTOMER = { search: 'KH004', name: '杭州悦居软装' };
const BED = 'C-1800-BS';
const DOC_URL = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSPECTION = '到货两张，一张床头板开裂不收，实收一张';

const state = { deliveryId: '', deliveryNumber: '', returnPath: '', returnNumber: '' };

const money = (s: string | number) => Number(s).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const asAdmin = () => e2e.pageAs(ADMIN);

const as = (user: string) => e2e.pageAs(user);

function complaintRow(page: Page, description: string) {
  return page.getByTestId('complaints-table').locator('tbody tr').filter({ hasText: description });
}

describe('after the sale: return, receipt, complaint, report (S7 S8 S9 S10)', () => {
  it('setup: beds in stock and three delivered to a credit customer (admin, by API)', async () => {
    const api = await e2e.api();
    const supplier = (await api.get<{ items: { id: string }[] }>('/suppliers?q=GYS002')).items[0].id;
    const warehouse = (await api.get<{ items: { id: string }[] }>('/warehouses?q=CK01')).items[0].id;
    const bed = (await api.get<{ items: { id: string }[] }>(`/products?q=${BED}`)).items[0].id;
    const customer = (await api.get<{ items: { id: string }[] }>(`/customers?q=${CUSTOMER.search}`)).items[0].id;
    const bill = await api.post<{ id: string }>('/purchase-bills', {
      supplierId: supplier,
      warehouseId: warehouse,
      date: TODAY,
      lines: [{ productId: bed, qty: '5', price: '1680.00' }],
    });
    await api.post(`/purchase-bills/${bill.id}/audit`);
    const delivery = await api.post<{ id: string; number: string }>('/sales-deliveries', {
      customerId: customer,
      warehouseId: warehouse,
      date: TODAY,
      lines: [{ productId: bed, qty: '3', price: '2380.00' }],
    });
    const audited = await api.post<{ status: string; total: string }>(`/sales-deliveries/${delivery.id}/audit`);
    expect(audited.status).toBe('audited');
    expect(audited.total).toBe('7140.00');
    state.deliveryId = delivery.id;
    state.deliveryNumber = delivery.number;
  });

  it('S7 退货申请 against the delivery: audit is refused until approved', async () => {
    const page = await asAdmin();
    await page.goto(`/sales/deliveries/${state.deliveryId}`);
    await page.getByTestId('btn-to-return').click();
    await page.waitForURL(/\/sales\/returns\/new\?fromBill=/);
    await expect.poll(() => page.getByTestId('line-source').count()).toBe(1);
    expect(await text(page, 'line-source')).toContain(state.deliveryNumber);
    expect(await text(page, 'return-bill')).toContain(state.deliveryNumber);
    expect(await text(page, 'return-bill')).toContain('原发货单');
    await expect.poll(() => page.inputValue('#lines_0_qty')).toBe('3');
    // the customer asks to send two back; 验货情况 is there, still empty
    await page.locator('#lines_0_qty').fill('2');
    expect(await page.locator('#inspection').inputValue()).toBe('');
    await expect.poll(() => text(page, 'total-total')).toBe('4,760.00');
    await shot(page, 'sales-after-01-return-request');
    await page.getByTestId('btn-save').click();
    await page.waitForURL(DOC_URL);
    state.returnPath = new URL(page.url()).pathname;
    await expect.poll(() => docStatus(page)).toBe('saved');
    state.returnNumber = await text(page, 'doc-number');
    expect(state.returnNumber).toMatch(/^XT-/);
    // a return request needs an approval (by someone other than its maker) before audit
    expect(await text(page, 'approval-panel')).toContain('退货申请须经审批');

    // 审核 before 审批: the server's reason is shown
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => text(page, 'doc-error')).toContain('尚未审批');
    expect(await text(page, 'doc-error')).toContain(state.returnNumber);
    expect(await docStatus(page)).toBe('saved');
    await shot(page, 'sales-after-02-return-not-approved');
    expectNoProblems(page);
  });

  it('S7 审批: the sales manager approves the return request', async () => {
    const page = await as('quyu');
    await page.goto(state.returnPath);
    await page.getByTestId('approval-panel').waitFor();
    await page.locator('#approvalReason').fill('床头板开裂，同意退回');
    await page.getByTestId('btn-approve').click();
    await expect.poll(() => text(page, 'doc-approval')).toContain('赵磊');
    expect(await text(page, 'doc-approval')).toContain('床头板开裂');
    await shot(page, 'sales-after-03-return-approved');
    expectNoProblems(page);
  });

  it('S7 验货 then 审核: one bed accepted, the condition noted, printed as 退货确认书', async () => {
    const page = await asAdmin();
    await page.goto(state.returnPath);
    await expect.poll(() => text(page, 'doc-approval')).toContain('赵磊');
    await page.locator('#inspection').fill(INSPECTION);
    await page.locator('#lines_0_qty').fill('1');
    await expect.poll(() => text(page, 'total-total')).toBe('2,380.00');
    await shot(page, 'sales-after-04-return-inspected');
    await page.getByTestId('btn-save').click();
    await expect
      .poll(async () => (await e2e.api()).get<{ inspection: string | null }>(`/sales-returns/${state.returnPath.split('/').pop()}`).then((r) => r.inspection))
      .toBe(INSPECTION);
    // a click while the page still saves would be ignored
    await docIdle(page);
    // an edit keeps the approval
    expect(await text(page, 'doc-approval')).toContain('赵磊');
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    expect(await text(page, 'total-total')).toBe('2,380.00');
    // the view shows what was found, no longer editable
    expect(await page.locator('#inspection').inputValue()).toBe(INSPECTION);
    expect(await page.locator('#inspection').isDisabled()).toBe(true);
    await shot(page, 'sales-after-05-return-audited');

    const [print] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('btn-print').click()]);
    await print.getByTestId('print-sheet').first().waitFor();
    expect(await print.getByTestId('print-title').first().innerText()).toBe('退货确认书');
    expect(await print.getByTestId('print-inspection').first().innerText()).toContain(INSPECTION);
    expect(await print.getByTestId('print-lines').first().innerText()).toContain('2,380.00');
    await shot(print, 'sales-after-06-return-print', { fullPage: true });
    expectNoProblems(page);
  });

  it('S8 收款单: the customer pays more than it owes, the surplus becomes an advance on 客户往来', async () => {
    const page = await asAdmin();
    await navigate(page, '/sales/receipts');
    await page.getByTestId('btn-new').click();
    await page.waitForURL(/\/sales\/receipts\/new$/);
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    await pickOption(page, 'accountId', 'YH01', '工商银行基本户');
    // the delivery (7,140.00) and the return (−2,380.00) are open
    await page.getByTestId(`item-${state.deliveryNumber}`).waitFor();
    expect(await page.getByTestId(`item-${state.deliveryNumber}`).innerText()).toContain('7,140.00');
    expect(await page.getByTestId(`item-${state.returnNumber}`).innerText()).toContain('2,380.00');
    await page.locator('#paymentTotal').fill('5000');
    await page.getByTestId(`alloc-${state.deliveryNumber}`).fill('7140');
    await page.getByTestId(`alloc-${state.returnNumber}`).fill('2380');
    await expect.poll(() => text(page, 'settled-total')).toContain('4,760.00');
    await expect.poll(() => text(page, 'surplus')).toContain('240.00');
    expect(await text(page, 'surplus')).toContain('余款转预收款');
    await shot(page, 'sales-after-07-receipt-surplus');
    await page.getByTestId('btn-audit').click();
    await expect.poll(() => docStatus(page)).toBe('audited');
    expect(await text(page, 'surplus')).toContain('240.00');
    await expect.poll(() => text(page, 'balance-prepaid')).toBe('240.00');
    expectNoProblems(page);

    await navigate(page, '/finance/customer-accounts');
    await page.getByTestId('page-customer-accounts').waitFor();
    await page.locator('#customerId').click();
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    await expect.poll(() => text(page, 'acct-advance')).toContain('240.00');
    expect(await figure(page, 'acct-receivable')).toBe('0.00');
    await shot(page, 'sales-after-08-customer-advance');
    expectNoProblems(page);
  });

  it('S9 客户投诉: logged, confirmed by the manager, a 补件单 made and the complaint closed', async () => {
    const description = '收到的床头板有裂纹，要求补发床头板';
    const page = await asAdmin();
    await navigate(page, '/sales/complaints');
    await page.getByTestId('page-complaints').waitFor();
    await page.getByTestId('btn-new').click();
    await pickOption(page, 'customerId', CUSTOMER.search, CUSTOMER.name);
    await pickOption(page, 'productId', BED);
    await page.locator('#description').fill(description);
    await shot(page, 'sales-after-09-complaint-new');
    await page.getByTestId('btn-confirm-ok').click();
    await expect.poll(() => complaintRow(page, description).count()).toBe(1);
    expect(await complaintRow(page, description).getByTestId('complaint-status').getAttribute('data-status')).toBe('received');
    expect(await complaintRow(page, description).innerText()).toContain(CUSTOMER.name);
    expectNoProblems(page);

    const manager = await as('quyu');
    await navigate(manager, '/sales/complaints');
    await complaintRow(manager, description).getByTestId('btn-confirm').click();
    await manager.locator('#note').fill('属实，补发床头板');
    await manager.getByTestId('btn-confirm-ok').click();
    await expect.poll(() => complaintRow(manager, description).getByTestId('complaint-status').getAttribute('data-status')).toBe('confirmed');
    await shot(manager, 'sales-after-10-complaint-confirmed');
    expectNoProblems(manager);

    await page.reload();
    await complaintRow(page, description).getByTestId('btn-replacement').click();
    await pickOption(page, 'warehouseId', 'CK01');
    await pickOption(page, 'productId', BED);
    await page.locator('#qty').fill('1');
    await page.getByTestId('btn-confirm-ok').click();
    await expect.poll(() => complaintRow(page, description).getByTestId('complaint-status').getAttribute('data-status')).toBe('in_progress');
    await expect.poll(() => complaintRow(page, description).getByTestId('replacement-link').innerText()).toMatch(/^XD-/);
    await shot(page, 'sales-after-11-complaint-replacement');

    await complaintRow(page, description).getByTestId('btn-close').click();
    await page.locator('#note').fill('补件已发出，客户确认');
    await page.getByTestId('btn-confirm-ok').click();
    await expect.poll(() => complaintRow(page, description).getByTestId('complaint-status').getAttribute('data-status')).toBe('closed');
    expect(await complaintRow(page, description).getByTestId('complaint-status').innerText()).toContain('结案');
    await shot(page, 'sales-after-12-complaint-closed');
    expectNoProblems(page);
  });

  it('S10 销售日报: the customer with its amount and gross profit, and the chart', async () => {
    const api = await e2e.api();
    const report = await api.get<{ rows: { name: string; amount: string; grossProfit: string | null }[] }>(
      `/reports/sales?period=day&date=${TODAY}&groupBy=customer`,
    );
    const row = report.rows.find((r) => r.name.includes(CUSTOMER.name));
    expect(row, 'the customer is in the day report').toBeTruthy();
    expect(row?.grossProfit).not.toBeNull();
    expect(Number(row?.grossProfit)).toBeGreaterThan(0);

    const page = await asAdmin();
    await navigate(page, '/reports/sales');
    await page.getByTestId('page-sales-report').waitFor();
    // The report opens on the browser's today; the documents above are dated TODAY, even if
    // midnight in Shanghai has passed since. The clerk types the day.
    await page.getByTestId('report-date').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(TODAY);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('report-date').inputValue()).toBe(TODAY);
    const tableRow = page.getByTestId('report-table').locator('tbody tr').filter({ hasText: CUSTOMER.name });
    await expect.poll(() => tableRow.count()).toBe(1);
    const cells = await tableRow.locator('td').allInnerTexts();
    expect(cells[2]).toBe(money(row?.amount ?? '0'));
    expect(cells[5]).toBe(money(row?.grossProfit ?? '0'));
    await expect.poll(() => page.getByTestId('report-chart').locator('canvas, svg').count()).toBeGreaterThan(0);
    const box = await page.getByTestId('report-chart').locator('canvas, svg').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.height ?? 0).toBeGreaterThan(100);
    await shot(page, 'sales-after-13-sales-day-report', { fullPage: true });
    expectNoProblems(page);
  });
});
