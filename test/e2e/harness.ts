// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a user sees, which is what these tests check
/**
 * Browser (end-to-end) test harness: the real server + Debian's chromium.
 *
 * Run: `npm run test:e2e` (builds web/dist when stale, then vitest with
 * test/e2e/vitest.config.ts, which runs every test/e2e/<name>.e2e.test.ts, one file at a
 * time). One file: `npx vitest run --config test/e2e/vitest.config.ts purchasing`
 * (add `-t "<test name>"` for one test; run `node scripts/ensure-web.mjs` first if web/
 * changed). Needs /usr/bin/chromium (`apt-get install -y chromium`; another path:
 * E2E_CHROMIUM=...). Playwright's own browser download is never used (playwright-core).
 *
 * ── Writing a test file ─────────────────────────────────────────────────────────────
 *
 *   import { describe, expect, it } from 'vitest';
 *   import { DEMO_PASSWORD, login, navigate, setupE2E, shot, tableRows } from './harness';
 *
 *   const e2e = setupE2E();            // beforeAll: server + browser; afterAll: stop all
 *
 *   describe('purchasing', () => {
 *     it('creates an order', async () => {
 *       const page = await e2e.newPage();              // fresh context (cookies, language)
 *       await login(page, 'caigou', DEMO_PASSWORD);    // admin: login(page, ADMIN, e2e.adminPassword)
 *       await navigate(page, '/purchasing/orders');    // clicks the left menu (path from web/src/app/routes.tsx)
 *       await shot(page, 'purchasing-01-orders');      // → test-results/screenshots/<name>.png
 *       await expect.poll(() => tableRows(page)).toHaveLength(1);
 *     });
 *   });
 *
 * What setupE2E() gives (call it once per file, at the top level; every file has its
 * own server and database, so files never see each other's data):
 * - a server started as `node --import tsx src/main.ts serve` on a free port of
 *   127.0.0.1, with a fresh temporary DATA_DIR, ERP_ADMIN_PASSWORD = e2e.adminPassword
 *   and the demo company (天杉家具; demo users such as caigou, cangku, with DEMO_PASSWORD)
 *   unless `setupE2E({ demo: false })`. DATABASE_URL is ignored: always embedded PGlite.
 *   Start-up (migrations + demo data) takes ~10 s. Extra server env: `{ env: {...} }`.
 * - `e2e.baseURL`, `e2e.dataDir`, `e2e.browser`, `e2e.serverLog()`.
 * - `e2e.newPage({ lang?, viewport? })`: a page in a new browser context (baseURL set,
 *   zh-CN, Asia/Shanghai, 1440×900; `lang: 'en'` starts the app in English). Pages live
 *   for ONE test: they are closed after it. Uncaught page errors and HTTP 5xx answers
 *   are collected: `problems(page)`.
 * - `e2e.pageAs(username)`: a new page logged in as a demo user (or admin).
 * - `e2e.api(username?, password?)`: a logged-in JSON client for the same server, to
 *   set up data quickly or to check what the UI saved: `get/post/put/patch/del(path)`
 *   with paths under /api/v1 ('/suppliers?q=x'); non-2xx throws ApiCallError
 *   {status, body}. Default user admin; other users default to DEMO_PASSWORD.
 * - On a failed test: a screenshot of every open page (FAILED-<test>-<n>.png; old ones
 *   are removed when a run starts), the page problems and the server log tail printed.
 *
 * Page helpers (Playwright Page in, no vitest needed):
 *   login(page, user, pw) / logout / setLanguage(page, 'en'|'zh-CN') / currentLanguage
 *   navigate(page, '/masterdata/suppliers')  — unfolds the module, clicks the menu item
 *   menuModules(page) → ['采购', …]; menuPages(page, 'masterdata') → ['商品', …]
 *   mainTable / waitTableIdle / tableRows(page) → cell texts of the list's rows
 *   searchList(page, text) → rows after the search answered
 *   openNewForm(page) (btn-new, waits for the caret in #code) / formOpen(page, mode?)
 *   waitFormClosed / expectFocused(page, id) / focusedId
 *   pickOption(page, id, search, optionText?) — type in a (reference) select, Enter picks
 *   selectedLabel(page, id) / openDropdown(page) / toastTexts(page) / shot / problems
 *   text(page, testId) — the rendered text; figure(page, testId) — a Statistic's value
 *   alone ('' while it loads); docStatus(page) / docIdle(page) — a document page's state
 *   expectNoProblems(page) — no uncaught page error, no HTTP 5xx, no CSP violation (vitest assertions)
 *   TODAY — the office's date when the file loaded (Asia/Shanghai, as the browser)
 * Keyboard like a clerk: `page.keyboard.type('…')`, `press('Enter')` (next field),
 * `press('Control+s')` (save), `press('Escape')` (close). Assertions on anything the page
 * fills in asynchronously: vitest's `expect.poll(() => …)` (Playwright's `expect` is not
 * part of playwright-core). Outside vitest (a debugging script): startServer(),
 * launchBrowser(), apiClient().
 *
 * Selectors (web/README.md "Test hooks"): inputs have id = field name (#code, #name,
 * sub-table cells #units_0_ratio); data-testid on buttons (btn-new, btn-save, …),
 * `page-<resource>`, `resource-form` (data-mode), `menu-<module>-<page>`, `lang-switch`,
 * `user-name`. Prefer those over antd class names; the few antd classes needed (table
 * rows, spinners, select dropdowns, messages, menu ids) are kept in this file only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { officeToday } from '../../src/core/office-day.js';

export type { Browser, BrowserContext, Locator, Page };

/** Repository root (two levels above this file). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const ADMIN = 'admin';
export const DEFAULT_ADMIN_PASSWORD = 'E2e-admin-2026';
/** Password of every demo user (src/modules/demo/demo-data.ts). */
export const DEMO_PASSWORD = 'demo1234';

const SERVER_START_TIMEOUT = 90_000;
const LOG_LIMIT = 200_000;

export interface StartOptions {
  /** Load the demo company at first start (default true). */
  demo?: boolean;
  adminPassword?: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

export interface NewPageOptions {
  /** UI language stored before the app loads (default: the app's default, zh-CN). */
  lang?: 'zh-CN' | 'en';
  viewport?: { width: number; height: number };
}

// ───────────────────────────── server ─────────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerHandle {
  baseURL: string;
  port: number;
  dataDir: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts `node --import tsx src/main.ts serve` and waits for GET /api/health. */
export async function startServer(opts: { dataDir: string; adminPassword: string; demo: boolean; env?: Record<string, string> }): Promise<ServerHandle> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'ERP_NO_DEMO', 'ERP_COOKIE_SECURE', 'NODE_OPTIONS']) delete env[k];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    ERP_ADMIN_PASSWORD: opts.adminPassword,
    // No daily backup into the checkout's backups/ at every start of a test server.
    ERP_BACKUP_DAILY: '0',
    ...(opts.demo ? {} : { ERP_NO_DEMO: '1' }),
    ...opts.env,
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
  };
  // tsx as a loader of this node process: no intermediate npx/tsx process to orphan.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  // If the test worker dies, don't leave a server behind.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
  };

  const deadline = Date.now() + SERVER_START_TIMEOUT;
  for (;;) {
    if (exited) {
      const e = exited as { code: number | null; signal: NodeJS.Signals | null };
      throw new Error(`e2e: the server exited during start-up (code ${e.code}, signal ${e.signal}). Output:\n${log}`);
    }
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`e2e: the server did not answer ${baseURL}/api/health within ${SERVER_START_TIMEOUT / 1000} s. Output:\n${log}`);
    }
    await sleep(150);
  }
  return { baseURL, port, dataDir: opts.dataDir, log: () => log, stop };
}

// ───────────────────────────── browser ─────────────────────────────

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium first:\n    apt-get install -y chromium\n(or point E2E_CHROMIUM at a Chromium binary). Playwright's browser download is not used.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

interface PageProblems {
  pageErrors: string[];
  serverErrors: string[];
  consoleErrors: string[];
  /** What the Content-Security-Policy refused (chromium reports each on the console). */
  cspViolations: string[];
}
const problemMap = new WeakMap<Page, PageProblems>();

/**
 * What went wrong in a page so far: uncaught exceptions (`pageErrors`) and 5xx answers
 * (`serverErrors`); `consoleErrors` also holds the browser's own "Failed to load
 * resource: 401" lines, so it is informational only.
 */
export function problems(page: Page): PageProblems {
  return problemMap.get(page) ?? { pageErrors: [], serverErrors: [], consoleErrors: [], cspViolations: [] };
}

function watch(page: Page) {
  const p: PageProblems = { pageErrors: [], serverErrors: [], consoleErrors: [], cspViolations: [] };
  problemMap.set(page, p);
  page.on('pageerror', (err) => p.pageErrors.push(String(err?.stack ?? err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') p.consoleErrors.push(msg.text());
    if (/Content Security Policy/i.test(msg.text())) p.cspViolations.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 500) p.serverErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
}

// ───────────────────────────── API client ─────────────────────────────

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

export interface ApiClient {
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T = any>(path: string, body?: unknown): Promise<T>;
  put<T = any>(path: string, body?: unknown): Promise<T>;
  del<T = any>(path: string): Promise<T>;
}

/** A JSON client logged in as `username`; paths are relative to /api/v1 ("/suppliers?q=x"). */
export async function apiClient(baseURL: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseURL}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new ApiCallError(res.status, await res.json().catch(() => null), `login ${username}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> => {
    const r = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (!r.ok) throw new ApiCallError(r.status, data, `${method} ${path}`);
    return data as T;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b ?? {}, h),
    patch: (p, b) => call('PATCH', p, b ?? {}),
    put: (p, b) => call('PUT', p, b ?? {}),
    del: (p) => call('DELETE', p),
  };
}

// ───────────────────────────── the per-file fixture ─────────────────────────────

export interface E2E {
  readonly baseURL: string;
  readonly dataDir: string;
  readonly adminPassword: string;
  readonly browser: Browser;
  /** Server stdout + stderr so far (the last 200 kB). */
  serverLog(): string;
  /** A page in a fresh browser context; closed automatically after the current test. */
  newPage(opts?: NewPageOptions): Promise<Page>;
  /** A JSON API client logged in as `username` (default admin). */
  api(username?: string, password?: string): Promise<ApiClient>;
  /** A new page logged in as a demo user (DEMO_PASSWORD) or admin. */
  pageAs(username: string): Promise<Page>;
}

/**
 * Registers beforeAll (server + browser), afterEach (failure screenshots, close the
 * test's pages) and afterAll (stop everything, delete the temp folder) in the calling
 * test file, and returns the handle. Call once, at the top level of the file.
 */
export function setupE2E(options: StartOptions = {}): E2E {
  const adminPassword = options.adminPassword ?? DEFAULT_ADMIN_PASSWORD;
  let tmp = '';
  let server: ServerHandle | null = null;
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];

  const need = <T>(v: T | null, what: string): T => {
    if (!v) throw new Error(`e2e: ${what} is not running (use e2e.* inside tests, after setupE2E()'s beforeAll)`);
    return v;
  };

  const handle: E2E = {
    get baseURL() {
      return need(server, 'the server').baseURL;
    },
    get dataDir() {
      return need(server, 'the server').dataDir;
    },
    adminPassword,
    get browser() {
      return need(browser, 'the browser');
    },
    serverLog: () => server?.log() ?? '',
    async newPage(opts: NewPageOptions = {}) {
      const ctx = await need(browser, 'the browser').newContext({
        baseURL: need(server, 'the server').baseURL,
        viewport: opts.viewport ?? { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      contexts.push(ctx);
      ctx.setDefaultTimeout(15_000);
      ctx.setDefaultNavigationTimeout(30_000);
      if (opts.lang) {
        const lang = opts.lang;
        // only before the very first load, so a later switch in the UI is kept
        await ctx.addInitScript((l) => {
          if (!sessionStorage.getItem('e2e.langSet')) {
            localStorage.setItem('erp.lang', l);
            sessionStorage.setItem('e2e.langSet', '1');
          }
        }, lang);
      }
      const page = await ctx.newPage();
      watch(page);
      return page;
    },
    api: (username = ADMIN, password) =>
      apiClient(need(server, 'the server').baseURL, username, password ?? (username === ADMIN ? adminPassword : DEMO_PASSWORD)),
    async pageAs(username) {
      const page = await handle.newPage();
      await login(page, username, username === ADMIN ? adminPassword : DEMO_PASSWORD);
      return page;
    },
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'erp-e2e-'));
    // browser first: a missing chromium fails fast, before the ~10 s server start
    browser = await launchBrowser();
    server = await startServer({ dataDir: join(tmp, 'data'), adminPassword, demo: options.demo ?? true, env: options.env });
  });

  afterEach(async (ctx) => {
    const open = contexts;
    contexts = [];
    if (ctx.task.result?.state === 'fail') {
      const slug = safeName(ctx.task.name);
      let n = 0;
      for (const c of open) {
        for (const p of c.pages()) {
          n++;
          const file = await shot(p, `FAILED-${slug}-${n}`).catch(() => null);
          const pr = problems(p);
          console.error(
            `[e2e] failed "${ctx.task.name}" — page ${n}: ${p.url()}${file ? `\n  screenshot: ${file}` : ''}` +
              `\n  page errors: ${JSON.stringify(pr.pageErrors)}\n  5xx: ${JSON.stringify(pr.serverErrors)}\n  console errors: ${JSON.stringify(pr.consoleErrors)}\n  CSP violations: ${JSON.stringify(pr.cspViolations)}`,
          );
        }
      }
      console.error(`[e2e] server log (tail):\n${(server?.log() ?? '').slice(-4000)}`);
    }
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
    await browser?.close().catch(() => undefined);
    browser = null;
    await server?.stop();
    server = null;
    if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  return handle;
}

// ───────────────────────────── page helpers ─────────────────────────────

export function safeName(name: string): string {
  return name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/**
 * Screenshot of the viewport to test-results/screenshots/<name>.png (animations
 * finished, caret hidden, fonts loaded). Returns the file path.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${safeName(name)}.png`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', fullPage: opts.fullPage ?? false });
  return file;
}

/**
 * Logs in through the login page (logging out whoever is logged in first) and waits
 * for the app shell. Throws with the page's error text when the login is refused.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/');
  const form = page.locator('#username');
  const shell = page.getByTestId('user-name');
  await form.or(shell).first().waitFor();
  if (await shell.isVisible()) await logout(page);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.getByTestId('btn-login').click();
  const error = page.getByTestId('login-error');
  await shell.or(error).first().waitFor();
  if (await error.isVisible()) throw new Error(`e2e: login as ${username} refused: ${(await error.innerText()).trim()}`);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('btn-logout').click();
  await page.locator('#username').waitFor();
}

/** Current UI language (the <html lang> the app sets). */
export async function currentLanguage(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

/** Switches the UI language with the header (or login page) switch, if needed. */
export async function setLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  if ((await currentLanguage(page)) === lang) return;
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** The left menu's module titles, in order (e.g. ['采购', '销售', …]); not 首页. */
export async function menuModules(page: Page): Promise<string[]> {
  const titles = page.locator('.erp-sider .ant-menu-submenu-title');
  await titles.first().waitFor();
  return (await titles.allInnerTexts()).map((s) => s.trim());
}

/** The page titles listed under an opened module of the left menu. */
export async function menuPages(page: Page, moduleKey: string): Promise<string[]> {
  const items = page.locator(`.erp-sider li.ant-menu-submenu:has(> [data-menu-id$="-${moduleKey}"]) li.ant-menu-item`);
  return (await items.allInnerTexts()).map((s) => s.replace(/\s*·\s*$/, '').trim());
}

/**
 * Opens a page by clicking the left menu like a user: unfolds the module (key =
 * first path segment, e.g. 'masterdata') when needed, clicks the item, waits for the URL.
 */
export async function navigate(page: Page, path: string): Promise<void> {
  const moduleKey = path.split('/')[1];
  const item = page.getByTestId(`menu${path.replaceAll('/', '-')}`);
  if (!(await item.isVisible())) {
    const title = page.locator(`.erp-sider [data-menu-id$="-${moduleKey}"]`);
    await title.click();
    await item.waitFor({ state: 'visible' });
  }
  await item.click();
  const arrived = (timeout: number) =>
    page
      .waitForURL((u) => u.pathname === path, { timeout })
      .then(
        () => true,
        () => false,
      );
  // Once, on a loaded CI machine, a menu click right after login never navigated: a clerk
  // would click again, and so does the test (saying so in the log).
  if (await arrived(10_000)) return;
  console.warn(`[e2e] the menu click on ${path} did not navigate within 10 s; clicking again`);
  await item.click();
  await page.waitForURL((u) => u.pathname === path);
}

/** The main list/table of the current page (not the tables inside drawers). */
export function mainTable(page: Page): Locator {
  return page.locator('[data-testid^="page-"] .ant-table').first();
}

/** Waits until the main table has stopped loading: the page's data-busy (the query state
 * itself) when it has one — antd sets its spinner a tick late, so the spinner alone can
 * miss a fetch — and the spinner too. */
export async function waitTableIdle(page: Page): Promise<void> {
  await mainTable(page).waitFor();
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid^="page-"][data-busy="true"]') && !document.querySelector('[data-testid^="page-"] .ant-table .ant-spin-spinning'),
  );
}

/** Cell texts of the data rows of the main table (after it has stopped loading). */
export async function tableRows(page: Page): Promise<string[][]> {
  await waitTableIdle(page);
  const rows = mainTable(page).locator('.ant-table-tbody > tr.ant-table-row');
  const out: string[][] = [];
  for (const row of await rows.all()) out.push((await row.locator(':scope > td').allInnerTexts()).map((s) => s.trim()));
  return out;
}

/** Types into the list's search box, presses Enter and waits until the rows shown are the
 * answer to that search (the page's data-q is the text and it is not fetching). */
export async function searchList(page: Page, text: string): Promise<string[][]> {
  const box = page.getByTestId('search');
  await box.fill(text);
  await box.press('Enter');
  const root = page.locator('[data-testid^="page-"][data-q]').first();
  if ((await root.count()) > 0) {
    await page.waitForFunction((want) => {
      const el = document.querySelector('[data-testid^="page-"][data-q]');
      return el?.getAttribute('data-q') === want && el.getAttribute('data-busy') === 'false';
    }, text.trim());
  }
  return tableRows(page);
}

/** The open drawer form (data-testid resource-form). */
export function formOpen(page: Page, mode?: 'create' | 'edit' | 'view'): Locator {
  return page.locator(mode ? `[data-testid="resource-form"][data-mode="${mode}"]` : '[data-testid="resource-form"]');
}

/** Clicks 新增 (btn-new) and waits for the create form with the caret in its first field. */
export async function openNewForm(page: Page, firstFieldId = 'code'): Promise<Locator> {
  await page.getByTestId('btn-new').click();
  const form = formOpen(page, 'create');
  await form.waitFor();
  await expectFocused(page, firstFieldId);
  return form;
}

/** Waits until the drawer form has closed (after a save or Esc). */
export async function waitFormClosed(page: Page): Promise<void> {
  await formOpen(page).waitFor({ state: 'detached' });
}

/** id of the focused element ('' when none). */
export async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Waits (up to `timeout`) until the element with this id has the keyboard focus; throws otherwise. */
export async function expectFocused(page: Page, id: string, timeout = 5_000): Promise<void> {
  try {
    await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout, polling: 50 });
  } catch {
    const actual = await focusedId(page).catch(() => '?');
    throw new Error(`e2e: the keyboard focus should be on #${id} but is on ${actual ? `#${actual}` : '<no id>'}`);
  }
}

/** Texts of the antd messages (toasts) currently shown. */
export async function toastTexts(page: Page): Promise<string[]> {
  return (await page.locator('.ant-message-notice').allInnerTexts()).map((s) => s.trim());
}

/** The visible (open) dropdown of an antd Select. */
export function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** The text shown in a Select (its chosen label), found by the input's id. */
export async function selectedLabel(page: Page, id: string): Promise<string> {
  const select = page.locator('.ant-select').filter({ has: page.locator(`#${id}`) });
  return (await select.first().innerText()).trim();
}

/**
 * Picks an option of a (reference) select from the keyboard, as a clerk does: focuses
 * `#id`, types `search`, waits for an option containing `optionText` (default: the
 * search text) and presses Enter on it (clicks it when it is not the highlighted one).
 * The caret stays in the select; press Enter again to move on. Returns the chosen label.
 */
export async function pickOption(page: Page, id: string, search: string, optionText = search): Promise<string> {
  const input = page.locator(`#${id}`);
  if ((await focusedId(page)) !== id) await input.focus();
  await page.keyboard.type(search);
  const option = openDropdown(page).locator('.ant-select-item-option').filter({ hasText: optionText }).first();
  await option.waitFor();
  // the results must be those of the full text (a reference select searches the server)
  await page
    .waitForFunction(
      (want) => {
        const dd = document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
        return !!dd && !dd.querySelector('.ant-spin-spinning') && !!dd.querySelector('.ant-select-item-option-active')?.textContent?.includes(want);
      },
      optionText,
      { timeout: 5_000 },
    )
    .then(
      () => page.keyboard.press('Enter'),
      () => option.click(),
    );
  await openDropdown(page)
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForFunction(
    ({ id, want }) => {
      const el = document.getElementById(id)?.closest('.ant-select');
      return !!el && (el as HTMLElement).innerText.includes(want);
    },
    { id, want: optionText },
  );
  return selectedLabel(page, id);
}

/** The office's date when the test file loaded: the browser runs in Asia/Shanghai, so the
 * documents a test enters are dated this day (unless the run crosses midnight there). */
export const TODAY = officeToday();

/** The rendered text of the first element with this test id. */
export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).trim();
}

/** A Statistic's value alone, without its title ('' while it is still loading). */
export async function figure(page: Page, testId: string): Promise<string> {
  const value = page.getByTestId(testId).locator('.ant-statistic-content-value');
  return (await value.count()) ? (await value.first().innerText()).trim() : '';
}

/** The document page's status (data-status of the page: new, saved, audited, partial…). */
export async function docStatus(page: Page): Promise<string | null> {
  return page.locator('[data-testid^="doc-"][data-status]').first().getAttribute('data-status');
}

/** Waits until the document page has finished what a button started (save, audit…):
 * while it works, another click is ignored. */
export async function docIdle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[data-testid^="doc-"][data-status]').first().getAttribute('data-busy')).toBeNull();
}

/** No uncaught error in the page, no HTTP 5xx answer and nothing the CSP refused so far. */
export function expectNoProblems(page: Page) {
  const p = problems(page);
  expect(p.pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(p.serverErrors, 'HTTP 5xx answers').toEqual([]);
  expect(p.cspViolations, 'what the Content-Security-Policy refused').toEqual([]);
}
