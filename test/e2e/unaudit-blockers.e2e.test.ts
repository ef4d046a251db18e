// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// Issue 9.4 in the browser: the purchasing manager un-audits a bill that was both
// returned against and settled. The refusal on the page names both, in the order to
// undo them (the settlement, which also settles the return, first), each a link to its
// document; following the first link opens the settlement.
// Screenshots: test-results/screenshots/unaudit-blockers-*.png
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, docIdle, docStatus, expectNoProblems, login, setupE2E, shot, TODAY } from './harness';

const e2e = setupE2E();

interface Doc {
  id: string;
  number: string;
  lines: { id: string }[];
}

describe('9.4 a refused un-audit in the browser', () => {
  it('9.4 P6 un-auditing a returned and settled bill shows the settlement and the return, in that order, as links', async () => {
    const api = await e2e.api();
    const supplierId = (await api.get('/suppliers?q=GYS001')).items[0].id;
    const warehouseId = (await api.get('/warehouses?q=CK01')).items[0].id;
    const accountId = (await api.get('/accounts?q=YH01')).items[0].id;
    const productId = (await api.get('/products?q=CY-08-HS')).items[0].id;
    const audited = async (path: string, body: unknown) => {
      const doc = await api.post<Doc>(path, body);
      return api.post<Doc>(`${path}/${doc.id}/audit`, {});
    };
    const bill = await audited('/purchase-bills', { supplierId, warehouseId, date: TODAY, lines: [{ productId, qty: '10', price: '160.00' }] });
    const ret = await audited('/purchase-returns', {
      supplierId,
      warehouseId,
      date: TODAY,
      billId: bill.id,
      lines: [{ productId, qty: '2', billLineId: bill.lines[0].id }],
    });
    const settlement = await audited('/purchase-settlements', {
      supplierId,
      accountId,
      date: TODAY,
      paymentTotal: '1280.00',
      allocations: [
        { documentId: bill.id, amount: '1600.00' },
        { documentId: ret.id, amount: '320.00' },
      ],
    });

    const page = await e2e.newPage();
    await login(page, 'caigoujl', DEMO_PASSWORD);
    await page.goto(`/purchasing/bills/${bill.id}`);
    await expect.poll(() => docStatus(page)).toBe('audited');
    await page.getByTestId('btn-unaudit').click();
    await page.getByTestId('btn-confirm-ok').click();
    await docIdle(page);

    const list = page.getByTestId('doc-blockers');
    await list.waitFor();
    const error = await page.getByTestId('doc-error').innerText();
    expect(error).toContain(bill.number);
    expect(error).toContain('不能反审核');
    const items = list.getByTestId('doc-blocker');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toBe(`反审核 进货结算单 ${settlement.number}`);
    expect(await items.nth(1).innerText()).toBe(`反审核 进货退回单 ${ret.number}`);
    // each number is a link to its document's page
    const links = list.getByRole('link');
    expect(await links.allInnerTexts()).toEqual([settlement.number, ret.number]);
    expect(await links.nth(0).getAttribute('href')).toBe(`/purchasing/settlements/${settlement.id}`);
    expect(await links.nth(1).getAttribute('href')).toBe(`/purchasing/returns/${ret.id}`);
    // nothing was undone
    expect(await docStatus(page)).toBe('audited');
    await shot(page, 'unaudit-blockers-01-refused');

    // the first link opens the settlement, the one to un-audit first
    await links.nth(0).click();
    await page.waitForURL(new RegExp(`/purchasing/settlements/${settlement.id}$`));
    await expect.poll(() => page.getByText(settlement.number).count()).toBeGreaterThan(0);
    await shot(page, 'unaudit-blockers-02-settlement');
    expectNoProblems(page);
  });
});
