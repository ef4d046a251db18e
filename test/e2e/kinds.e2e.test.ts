// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// The web registry of document kinds (issue 11 point 8): every kind's menu entry opens its
// list, and the pieces a kind declares in its folder (line columns, follow-up buttons,
// panels, print copies and sections) show on the shared pages.
// Screenshots: test-results/screenshots/kinds-*.png
import { describe, expect, it } from 'vitest';
import { docIdle, expectNoProblems, menuPages, navigate, setupE2E, shot } from './harness';

const e2e = setupE2E();

const first = async (path: string) => {
  const page = (await e2e.api().then((a) => a.get(`${path}?pageSize=1&sort=-date`))) as { items: { id: string }[] };
  const row = page.items[0];
  if (!row) throw new Error(`the demo data has no ${path}`);
  return row.id;
};

/** The header texts of the line grid. */
const lineHeaders = (page: import('./harness').Page) =>
  page
    .getByTestId('doc-lines')
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => (th.textContent ?? '').trim()).filter(Boolean));

describe('document kinds by declaration', () => {
  it('the menu lists every kind of a module, in its declared order, and each opens its list', async () => {
    const page = await e2e.pageAs('admin');
    // a module lists its pages once unfolded: opening its first kind unfolds it
    await navigate(page, '/purchasing/orders');
    await page.getByTestId('btn-new').waitFor();
    expect(await menuPages(page, 'purchasing')).toEqual(['进货订单', '进货单', '进货退回', '进货结算', '预付款']);
    await navigate(page, '/sales/deliveries');
    await page.getByTestId('btn-new').waitFor();
    expect((await menuPages(page, 'sales')).slice(0, 5)).toEqual(['销售订单', '发货单', '销售退货', '收款单', '预收款']);
    await navigate(page, '/sales/advances');
    await page.getByTestId('btn-new').waitFor();
    expectNoProblems(page);
  });

  it('a purchase order shows its declared columns (交期, no 折扣) and 生成进货单', async () => {
    const id = await first('/purchase-orders');
    const page = await e2e.pageAs('admin');
    await page.goto(`/purchasing/orders/${id}`);
    await docIdle(page);
    const headers = await lineHeaders(page);
    expect(headers).toContain('单价');
    expect(headers).not.toContain('折扣%');
    if ((await page.getByTestId('doc-status').innerText()) !== '未审核') await page.getByTestId('btn-to-bill').waitFor();
    await shot(page, 'kinds-01-purchase-order', { fullPage: true });
    expectNoProblems(page);
  });

  it('a sales delivery shows 折扣 and 可用, its panels, and prints a 仓库联 and a 客户联', async () => {
    const id = await first('/sales-deliveries');
    const page = await e2e.pageAs('admin');
    await page.goto(`/sales/deliveries/${id}`);
    await docIdle(page);
    const headers = await lineHeaders(page);
    expect(headers).toContain('折扣%');
    expect(headers).not.toContain('交期');
    await shot(page, 'kinds-02-sales-delivery', { fullPage: true });
    await page.goto(`/print/sales-deliveries/${id}`);
    await page.getByTestId('print-forms').waitFor();
    const copies = await page.getByTestId('print-copy').allInnerTexts();
    expect(copies.slice(0, 2)).toEqual(['仓库联', '客户联']);
    expect(await page.getByTestId('print-title').first().innerText()).toBe('发货单');
    await shot(page, 'kinds-03-sales-delivery-print', { fullPage: true });
    expectNoProblems(page);
  });
});
