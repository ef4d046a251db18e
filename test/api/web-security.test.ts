// X4 a page on another origin cannot act for a logged-in user (CSRF), the HTML pages carry
// a strict Content-Security-Policy and the other browser-hardening headers, and the session
// cookie is Secure whenever the app is reached over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../src/config.js';
import { ADMIN_PASSWORD, type Client, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let warehouseId: string;
let productId: string;

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S1', name: '龙江皮革厂' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W1', name: '成品仓' })).body.id;
  productId = (await a.post('/products', { code: 'P1', name: '餐椅', baseUnit: '把' })).body.id;
});
afterAll(() => api.close());

/** A request exactly as given: the admin's cookie and only the headers named here. */
async function raw(method: string, path: string, headers: Record<string, string>, body?: string, base = 'http://localhost') {
  const res = await api.app.request(`${base}/api/v1${path}`, { method, headers: { cookie: a.cookie, ...headers }, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

async function newBill() {
  const r = await a.post('/purchase-bills', { supplierId, warehouseId, date: '2026-11-26', lines: [{ productId, qty: '3', price: '100.00' }] });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const billStatus = async (id: string) => (await a.get(`/purchase-bills/${id}`)).body.status;

function expectRejected(r: { status: number; body: any }, what: string) {
  expect(r.status, what).toBe(403);
  expect(r.body.error?.code, what).toBe('CSRF_REJECTED');
  expect(r.body.error.message, what).toMatch(/[\u4e00-\u9fff]/);
  expect(r.body.error.messageEn, what).toMatch(/origin/i);
}

/** Sets config fields for one test and puts them back after it. */
async function withConfig(patch: Partial<typeof config>, run: () => Promise<void>) {
  const saved = { ...config };
  Object.assign(config, patch);
  try {
    await run();
  } finally {
    Object.assign(config, saved);
  }
}

describe('X4 CSRF: a foreign origin cannot act with the session cookie', () => {
  it('the attack: a cross-origin form POST to audit a purchase bill → 403 CSRF_REJECTED, the bill stays unaudited', async () => {
    const id = await newBill();
    const r = await raw('POST', `/purchase-bills/${id}/audit`, { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' }, 'x=1');
    expectRejected(r, 'form POST from evil.example');
    expect(await billStatus(id)).toBe('saved');
    // Nothing was received into stock either.
    expect((await a.get(`/stock?productId=${productId}&warehouseId=${warehouseId}`)).body.items[0]?.qty ?? '0').toMatch(/^0(\.0+)?$/);
  });

  it('POST, PATCH and DELETE with a foreign Origin are refused whatever the content type, and change nothing', async () => {
    const id = await newBill();
    const json = { 'content-type': 'application/json' };
    for (const origin of ['http://evil.example', 'null', 'http://localhost:8080', 'https://localhost', 'http://localhost.evil.example']) {
      expectRejected(await raw('POST', `/purchase-bills/${id}/audit`, { ...json, origin }, '{}'), `audit from ${origin}`);
      expectRejected(await raw('POST', '/suppliers', { ...json, origin }, JSON.stringify({ code: 'EVIL', name: 'x' })), `create from ${origin}`);
      expectRejected(await raw('PATCH', `/suppliers/${supplierId}`, { ...json, origin }, JSON.stringify({ name: '被改了' })), `patch from ${origin}`);
      expectRejected(await raw('DELETE', `/suppliers/${supplierId}`, { origin }), `delete from ${origin}`);
    }
    expect(await billStatus(id)).toBe('saved');
    const s = (await a.get(`/suppliers/${supplierId}`)).body;
    expect([s.name, s.active]).toEqual(['龙江皮革厂', true]);
    expect((await a.get('/suppliers?q=EVIL')).body.total).toBe(0);
  });

  it('the same requests from the app’s own origin go through', async () => {
    const id = await newBill();
    const r = await raw('POST', `/purchase-bills/${id}/audit`, { 'content-type': 'application/json', origin: 'http://localhost' }, '{}');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('audited');
    const p = await raw(
      'PATCH',
      `/suppliers/${supplierId}`,
      { 'content-type': 'application/json', origin: 'http://localhost' },
      JSON.stringify({ remark: '同源' }),
    );
    expect(p.status).toBe(200);
  });

  it('without Origin the Referer decides: a foreign one is refused, the app’s own passes', async () => {
    const id = await newBill();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expectRejected(await raw('POST', `/purchase-bills/${id}/audit`, { ...form, referer: 'http://evil.example/page.html' }, 'x=1'), 'foreign Referer');
    expectRejected(await raw('POST', `/purchase-bills/${id}/audit`, { ...form, referer: 'not a url' }, 'x=1'), 'malformed Referer');
    expect(await billStatus(id)).toBe('saved');
    const ok = await raw('POST', `/purchase-bills/${id}/audit`, { ...form, referer: 'http://localhost/purchasing/bills/x' }, 'x=1');
    expect(ok.status).toBe(200);
  });

  it('with neither Origin nor Referer: a form content type is refused (only a browser form sends that), a script’s JSON or bodiless call passes', async () => {
    const id = await newBill();
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'text/plain', 'Text/Plain; charset=UTF-8']) {
      expectRejected(await raw('POST', `/purchase-bills/${id}/audit`, { 'content-type': type }, 'x=1'), `no Origin, ${type}`);
    }
    expect(await billStatus(id)).toBe('saved');
    const script = await raw('POST', `/purchase-bills/${id}/audit`, { 'content-type': 'application/json' }, '{}');
    expect(script.status).toBe(200);
    const unaudit = await raw('POST', `/purchase-bills/${id}/unaudit`, {});
    expect(unaudit.status).toBe(200);
    expect(unaudit.body.status).toBe('saved');
  });

  it('GET stays allowed from anywhere (it changes nothing)', async () => {
    const r = await raw('GET', `/suppliers/${supplierId}`, { origin: 'http://evil.example' });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(supplierId);
  });

  it('login CSRF: logging in from a foreign origin is refused and sets no cookie; logging out from one too', async () => {
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    const foreign = await api.app.request('http://localhost/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error.code).toBe('CSRF_REJECTED');
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const formLogin = await api.app.request('http://localhost/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(formLogin.status).toBe(403);
    expect(formLogin.headers.get('set-cookie')).toBeNull();
    const own = await api.app.request('http://localhost/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body,
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('set-cookie')).toMatch(/erp_session=[\w-]/);

    expectRejected(await raw('DELETE', '/session', { origin: 'http://evil.example' }), 'logout from evil.example');
    expect((await a.get('/session')).status).toBe(200);
  });

  it('ERP_ALLOWED_ORIGINS lets a listed origin through and no other', async () => {
    await withConfig({ allowedOrigins: ['https://erp.example.com'] }, async () => {
      const json = { 'content-type': 'application/json' };
      const ok = await raw('PATCH', `/suppliers/${supplierId}`, { ...json, origin: 'https://erp.example.com' }, JSON.stringify({ remark: '列出的来源' }));
      expect(ok.status).toBe(200);
      expectRejected(
        await raw('PATCH', `/suppliers/${supplierId}`, { ...json, origin: 'https://other.example.com' }, JSON.stringify({ remark: 'x' })),
        'unlisted',
      );
      expect((await raw('PATCH', `/suppliers/${supplierId}`, { ...json, origin: 'http://localhost' }, JSON.stringify({ remark: '本机' }))).status).toBe(200);
    });
  });

  it('behind a proxy the public origin comes from X-Forwarded-Proto/-Host only when ERP_TRUST_PROXY=1', async () => {
    const headers = {
      'content-type': 'application/json',
      origin: 'https://erp.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'erp.example.com',
    };
    const patch = JSON.stringify({ remark: '代理' });
    await withConfig({ trustProxy: false }, async () => {
      expectRejected(await raw('PATCH', `/suppliers/${supplierId}`, headers, patch, 'http://127.0.0.1:3000'), 'untrusted proxy headers');
    });
    await withConfig({ trustProxy: true }, async () => {
      expect((await raw('PATCH', `/suppliers/${supplierId}`, headers, patch, 'http://127.0.0.1:3000')).status).toBe(200);
      // A proxy that passes the Host through and says only the scheme.
      const { 'x-forwarded-host': _, ...protoOnly } = headers;
      expect((await raw('PATCH', `/suppliers/${supplierId}`, { ...protoOnly, host: 'erp.example.com' }, patch, 'http://erp.example.com')).status).toBe(200);
      expectRejected(
        await raw('PATCH', `/suppliers/${supplierId}`, { ...headers, origin: 'http://evil.example' }, patch, 'http://127.0.0.1:3000'),
        'foreign behind proxy',
      );
    });
  });
});

describe('X4 browser-hardening headers', () => {
  const csp = (h: Headers) => {
    const directives = new Map<string, string[]>();
    for (const part of (h.get('content-security-policy') ?? '').split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) directives.set(name, values);
    }
    return directives;
  };

  it.each(['/', '/purchasing/bills', '/api/docs', '/api/v1/session'])('%s carries a strict CSP, nosniff, a Referrer-Policy and no framing', async (path) => {
    const res = await api.app.request(`http://localhost${path}`);
    const d = csp(res.headers);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    // Nothing may widen scripts: no other directive that governs them.
    for (const k of ['script-src-elem', 'script-src-attr', 'worker-src', 'child-src']) expect(d.has(k), k).toBe(false);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(['same-origin', 'strict-origin-when-cross-origin']).toContain(res.headers.get('referrer-policy'));
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('/api/docs loads its scripts from files, none inline', async () => {
    const html = await (await api.app.request('http://localhost/api/docs')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\//);
      expect(body.trim()).toBe('');
    }
  });
});

describe('X4 the session cookie is Secure over HTTPS', () => {
  const loginAt = (base: string, headers: Record<string, string> = {}) =>
    api.app.request(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
  const cookieOf = async (res: Response) => {
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie') ?? '';
  };

  it('over plain HTTP it is not Secure (a LAN install on http://)', async () => {
    expect(await cookieOf(await loginAt('http://localhost'))).not.toMatch(/;\s*Secure/i);
  });

  it('served directly over HTTPS it is Secure', async () => {
    expect(await cookieOf(await loginAt('https://localhost'))).toMatch(/;\s*Secure/i);
  });

  it('behind a proxy saying X-Forwarded-Proto: https it is Secure only when ERP_TRUST_PROXY=1', async () => {
    await withConfig({ trustProxy: false }, async () => {
      expect(await cookieOf(await loginAt('http://localhost', { 'x-forwarded-proto': 'https' }))).not.toMatch(/;\s*Secure/i);
    });
    await withConfig({ trustProxy: true }, async () => {
      expect(await cookieOf(await loginAt('http://localhost', { 'x-forwarded-proto': 'https' }))).toMatch(/;\s*Secure/i);
      expect(await cookieOf(await loginAt('http://localhost', { 'x-forwarded-proto': 'http' }))).not.toMatch(/;\s*Secure/i);
    });
  });

  it('ERP_COOKIE_SECURE=1 makes it Secure whatever the request says', async () => {
    await withConfig({ cookieSecure: true }, async () => {
      expect(await cookieOf(await loginAt('http://localhost'))).toMatch(/;\s*Secure/i);
    });
  });
});
