// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
// What the server serves besides the API, as a browser gets it.
// - The API docs page: /api/docs loads the OpenAPI document and lists every operation in
//   it (not "Failed to load API definition"), and asks nothing of any host but this
//   server (Swagger UI's online validator badge, fetched from the internet whenever the
//   server is reached by a name or LAN address, stays off).
// - The web app from the real build (web/dist, made by scripts/ensure-web.mjs as for
//   `npm start`): its scripts come brotli-compressed and cached for a year, index.html
//   revalidated; the compressed bytes decode to the built file.
// Screenshot: test-results/screenshots/api-docs.png
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectNoProblems, type Page, ROOT, setupE2E, shot } from './harness';

const e2e = setupE2E({ demo: false });

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** "METHOD /path" of the operations Swagger UI has on screen now. */
const shownOperations = (page: Page) =>
  page
    .locator('.swagger-ui .opblock-summary')
    .evaluateAll((els) =>
      els.map(
        (el) => `${el.querySelector('.opblock-summary-method')?.textContent?.trim()} ${el.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
      ),
    );

/**
 * Scrolls the page top to bottom like a reader, half a screen at a time, and collects
 * every operation that came on screen: Swagger UI renders only the tags near the
 * viewport, so no single moment shows them all.
 */
async function readThrough(page: Page): Promise<Set<string>> {
  const seen = new Set<string>();
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let step = 0; step < 500; step++) {
    await frame();
    for (const op of await shownOperations(page)) seen.add(op);
    const atBottom = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight / 2);
      return window.scrollY === before;
    });
    if (atBottom) break;
  }
  return seen;
}

describe('API docs', () => {
  it('/api/docs lists every operation of /api/openapi.json', async () => {
    const res = await fetch(`${e2e.baseURL}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(100);

    const page = await e2e.newPage();
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(`${e2e.baseURL}/`) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await shot(page, 'api-docs');
    expect(await page.locator('.swagger-ui').innerText()).not.toMatch(/Failed to load API definition/i);

    // the order of the tags and operations is the document's; the set is what must match
    await expect.poll(async () => [...(await readThrough(page))].sort(), { timeout: 60_000 }).toEqual([...operations].sort());
    expect(elsewhere).toEqual([]);
    expectNoProblems(page);
  });

  it('asks no other host for anything when the server is reached by its name', async () => {
    // an office reaches the server by a name or a LAN address, not 127.0.0.1: that is when
    // Swagger UI would fetch its badge from the internet. The name is mapped in the browser.
    const port = new URL(e2e.baseURL).port;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP erp-server.test 127.0.0.1'],
      headless: true,
    });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(new URL(r.url()).host));
      await page.goto(`http://erp-server.test:${port}/api/docs`);
      await page.locator('.swagger-ui .opblock').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(requested.length).toBeGreaterThan(3);
      expect([...new Set(requested)]).toEqual([`erp-server.test:${port}`]);
      expect(await page.locator('.swagger-ui img[alt="Online validator badge"]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

/** The bytes as sent (fetch would decode them). */
const rawGet = (url: string, acceptEncoding: string) =>
  new Promise<{ encoding?: string; sent: Buffer }>((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], sent: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });

describe('the web app as built', () => {
  it('loads its scripts brotli-compressed and cached for a year, index.html revalidated', async () => {
    const page = await e2e.newPage();
    const answers: { path: string; type: string; encoding?: string; cache?: string }[] = [];
    page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.origin === e2e.baseURL) {
        const h = r.headers();
        answers.push({ path: url.pathname, type: h['content-type'] ?? '', encoding: h['content-encoding'], cache: h['cache-control'] });
      }
    });
    await page.goto('/');
    await page.locator('#username').waitFor();
    const html = answers.find((a) => a.path === '/');
    expect(html).toMatchObject({ encoding: 'br', cache: 'no-cache' });
    const scripts = answers.filter((a) => a.path.startsWith('/assets/') && a.path.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(2);
    for (const s of scripts) expect(s, s.path).toMatchObject({ encoding: 'br', cache: 'public, max-age=31536000, immutable' });

    // the biggest script the login page loaded, fetched as the browser did: the bytes
    // sent decode to the file the build wrote
    const file = scripts.map((s) => s.path).sort((a, b) => readFileSync(join(ROOT, 'web/dist', b)).length - readFileSync(join(ROOT, 'web/dist', a)).length)[0];
    const { encoding, sent } = await rawGet(`${e2e.baseURL}${file}`, 'br');
    expect(encoding).toBe('br');
    const built = readFileSync(join(ROOT, 'web/dist', file));
    expect(sent.length).toBeLessThan(built.length / 2);
    expect(brotliDecompressSync(sent).equals(built)).toBe(true);
    expectNoProblems(page);
  });
});
