// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// X4 in a real browser: the web app and the API docs work under the strict
// Content-Security-Policy (nothing refused, no error), and a page on another port of the
// same host — same-site, so SameSite=Lax lets the session cookie ride along — cannot audit
// a bill through a plain HTML form.
// Screenshots: test-results/screenshots/security-*.png
import { describe, expect, it } from 'vitest';
import { expectNoProblems, navigate, setupE2E, shot, tableRows } from './harness';

const e2e = setupE2E();

async function unauditedBill() {
  const api = await e2e.api();
  const supplier = (await api.get('/suppliers?pageSize=1')).items[0];
  const warehouse = (await api.get('/warehouses?pageSize=1')).items[0];
  const product = (await api.get('/products?pageSize=1')).items[0];
  const bill = await api.post('/purchase-bills', {
    supplierId: supplier.id,
    warehouseId: warehouse.id,
    date: '2026-11-26',
    lines: [{ productId: product.id, qty: '2', price: '10.00' }],
  });
  expect(bill.status).toBe('saved');
  return { api, bill };
}

describe('X4 web security in the browser', () => {
  it('the web app runs under the CSP: lists, a form, a document, a chart and a print page, nothing refused', async () => {
    const { bill } = await unauditedBill();
    const page = await e2e.pageAs('admin');
    const main = await page.goto('/');
    expect(main?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await navigate(page, '/masterdata/suppliers');
    await expect.poll(async () => (await tableRows(page)).length).toBeGreaterThan(0);
    await page.getByTestId('btn-new').click();
    await page.getByTestId('resource-form').waitFor();
    await shot(page, 'security-01-supplier-form');
    await page.keyboard.press('Escape');
    await navigate(page, '/purchasing/bills');
    await expect.poll(async () => (await tableRows(page)).length).toBeGreaterThan(0);
    await page.goto(`/purchasing/bills/${bill.id}`);
    await page.getByTestId('btn-print').waitFor();
    await shot(page, 'security-02-bill');
    const [print] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('btn-print').click()]);
    await print.getByTestId('btn-do-print').waitFor();
    await shot(print, 'security-03-print');
    await navigate(page, '/reports/sales');
    await page.locator('canvas').first().waitFor();
    await shot(page, 'security-04-sales-report');
    expectNoProblems(page);
    // The print page opened in a tab of its own, which the harness does not watch: its
    // console is read here.
    const refused: string[] = [];
    print.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await print.reload();
    await print.getByTestId('btn-do-print').waitFor();
    expect(refused).toEqual([]);
  });

  it('/api/docs renders swagger-ui under the CSP', async () => {
    const page = await e2e.newPage();
    const res = await page.goto('/api/docs');
    expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await page.locator('.swagger-ui .info .title').waitFor();
    // The first operation is POST /api/v1/session: "Try it out" logs in from the docs page,
    // a same-origin request that the CSRF check lets through.
    await page.locator('.opblock-summary').first().click();
    await page.getByRole('button', { name: 'Try it out' }).click();
    await page.locator('textarea.body-param__text').fill(JSON.stringify({ username: 'admin', password: e2e.adminPassword }));
    const [login] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session')),
      page.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(login.status()).toBe(200);
    await page.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor();
    await shot(page, 'security-05-api-docs');
    expectNoProblems(page);
  });

  it('a form on another port of the same host posts with the user’s cookie, and the bill stays unaudited', async () => {
    const { api, bill } = await unauditedBill();
    const page = await e2e.pageAs('admin');
    // The attacker's page: any other origin of the same site; Playwright answers for it.
    const evil = 'http://127.0.0.1:9';
    const action = `${e2e.baseURL}/api/v1/purchase-bills/${bill.id}/audit`;
    await page.route(`${evil}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><form method="post" action="${action}"><input type="hidden" name="x" value="1"><button id="go">领奖</button></form>`,
      }),
    );
    await page.goto(`${evil}/prize.html`);
    const [answer] = await Promise.all([page.waitForResponse(action), page.click('#go')]);
    expect(answer.request().headers().origin ?? (await answer.request().allHeaders()).origin).toBe(evil);
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('CSRF_REJECTED');
    expect((await api.get(`/purchase-bills/${bill.id}`)).status).toBe('saved');
  });
});
