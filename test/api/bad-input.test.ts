// The never-a-500 test: a few hundred generated bad bodies, malformed JSON, wrong
// content types and empty bodies against POST and PATCH of every master-data resource.
// Every answer must be a 4xx in the error format, and nothing may be written. Valid but
// hostile text (SQL-looking, unicode) must be stored verbatim and never executed.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCALE } from '../../src/core/decimal.js';
import type { FieldDef } from '../../src/modules/masterdata/fields.js';
import { MASTER_RESOURCES, type MasterResource } from '../../src/modules/masterdata/resources.js';
import { type Reply, type TestApi, testApi } from '../helpers/api.js';

type Body = Record<string, unknown>;

let api: TestApi;
/** One row per resource that PATCH is aimed at, as it was before the barrage. */
const targets = new Map<string, Body>();
const TABLES = [
  'product_categories',
  'products',
  'product_units',
  'suppliers',
  'customers',
  'employees',
  'departments',
  'warehouses',
  'accounts',
  'roles',
  'audit_log',
  'memberships',
  'users',
];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = (await api.db.orm.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)}`)) as unknown as { rows: { n: number }[] };
    out[t] = Number(r.rows[0].n);
  }
  return out;
}

let seq = 0;
const nextCode = () => `BAD${(++seq).toString(36).toUpperCase()}`;

function minimal(res: MasterResource): Body {
  const b: Body = { code: nextCode(), name: '有效名称' };
  if (res.name === 'products') b.baseUnit = '件';
  if (res.name === 'accounts') b.type = 'cash';
  if (res.name === 'roles') b.permissions = ['products:view'];
  if (res.name === 'dealer-authorizations') {
    Object.assign(b, { customerId: (targets.get('customers') as Body | undefined)?.id, territory: '湖南省', validFrom: '2026-01-01', validTo: '2026-12-31' });
  }
  return b;
}

const notBlank = (s: string) => s.trim() !== '';
const junkScalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const sqlish = fc.constantFrom("'; DROP TABLE products; --", "1' OR '1'='1", '"); DELETE FROM audit_log; --', "' UNION SELECT password_hash FROM users --");

/** Values that are certainly invalid for the field (never null/blank for optional fields, which are valid). */
function badValue(f: FieldDef): fc.Arbitrary<unknown> {
  const requiredBlank: fc.Arbitrary<unknown>[] = f.required ? [fc.constantFrom(null, '', '   ')] : [];
  switch (f.type) {
    case 'date':
      return fc.oneof(junkScalar, fc.constantFrom('2026-13-01', '2026-02-30', '26-11-26', '2026/11/26', 'today', "'; DROP TABLE x; --"), ...requiredBlank);
    case 'text': {
      const max = f.max ?? 200;
      return fc.oneof(
        junkScalar,
        fc.integer({ min: max + 1, max: max + 300 }).map((n) => 'x'.repeat(n)),
        fc.integer({ min: max + 1, max: max + 50 }).map((n) => '长'.repeat(n)),
        sqlish.map((s) => s.padEnd(max + 1, '-')),
        fc.constant('z'.repeat(100_000)),
        ...requiredBlank,
      );
    }
    case 'decimal': {
      const scale = SCALE[f.decimal ?? 'money'];
      const intDigits = 18 - scale;
      const bad: fc.Arbitrary<unknown>[] = [
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.tuple(fc.nat(9999), fc.integer({ min: scale + 1, max: scale + 8 })).map(([i, places]) => `${i}.${'3'.repeat(places)}`),
        fc.integer({ min: intDigits + 1, max: intDigits + 30 }).map((n) => '9'.repeat(n)),
        fc.constantFrom(
          'abc',
          '1e5',
          'NaN',
          'Infinity',
          '-Infinity',
          '1,000',
          '0x10',
          '--1',
          '1.2.3',
          '.5',
          '5.',
          '12 34',
          '١٢٣',
          '½',
          "1'; DROP TABLE products; --",
        ),
        fc.string({ maxLength: 20 }).filter((s) => notBlank(s) && !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(s)),
        fc.constantFrom(true, [], {}, ['1.00']),
      ];
      if (f.nonNegative !== false) bad.push(fc.integer({ min: 1, max: 1_000_000 }).map((n) => `-${n}`));
      return fc.oneof(...bad, ...requiredBlank);
    }
    case 'int':
      return fc.oneof(
        fc.integer({ max: -1 }),
        fc.integer({ min: 100_001 }),
        fc.integer({ min: 0, max: 1000 }).map((n) => n + 0.5),
        fc.constantFrom('30', 'thirty', true, [], {}, 1e300),
      );
    case 'bool':
      return fc.constantFrom('true', 'false', 1, 0, 'yes', '是', [], {});
    case 'enum': {
      const values = f.values ?? [];
      return fc.oneof(
        fc.string({ maxLength: 12 }).filter((s) => notBlank(s) && !values.includes(s)),
        fc.constantFrom(...values.map((v) => (v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase())), `${values[0]} `),
        fc.integer(),
        fc.constantFrom(true, [], {}),
        ...requiredBlank,
      );
    }
    case 'ref':
      return fc.oneof(
        fc.string({ maxLength: 40 }).filter((s) => notBlank(s) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)),
        fc.uuid().map((u) => `${u}x`),
        fc.constantFrom('00000000-0000-0000-0000-00000000000g', "' OR 1=1 --", 123, true, [], {}),
        // Well-formed but nonexistent: 422 REFERENCE_NOT_FOUND.
        fc.uuid({ version: 4 }),
      );
    case 'permissions':
      return fc.oneof(
        fc.constantFrom('products:view', null, 12, {}, [12], ['products:fly'], ['nope'], ['x'.repeat(65)]),
        fc.array(
          fc.string({ maxLength: 20 }).filter((s) => !s.includes(':view')),
          { minLength: 1, maxLength: 3 },
        ),
      );
  }
}

const badUnits: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('箱=12', {}, 12, null, [{}], [{ name: '箱' }], [{ ratio: '12' }], [null]),
  fc.constantFrom(
    [{ name: '箱', ratio: '0' }],
    [{ name: '箱', ratio: '-1' }],
    [{ name: '箱', ratio: 'abc' }],
    [{ name: '箱', ratio: 12 }],
    [{ name: '箱', ratio: '1.00001' }],
    [
      { name: '箱', ratio: '12' },
      { name: '箱', ratio: '6' },
    ],
    [{ name: 'x'.repeat(21), ratio: '1' }],
    [{ name: '', ratio: '1' }],
    [{ name: '箱', ratio: '1', barcode: 'x'.repeat(65) }],
    [{ name: '箱', ratio: '1', purchasePrice: '1.12345' }],
    [{ name: '箱', ratio: '1', purchasePrice: '-5' }],
    [{ name: '箱', ratio: '1', id: 'not-a-uuid' }],
    Array.from({ length: 21 }, (_, i) => ({ name: `u${i}`, ratio: '1' })),
  ),
);

type Corruption = { key: string; drop?: true; value?: unknown };

function corruptions(res: MasterResource, forCreate: boolean): fc.Arbitrary<Corruption> {
  const options: fc.Arbitrary<Corruption>[] = res.fields.map((f) => badValue(f).map((value) => ({ key: f.key, value })));
  if (forCreate) for (const f of res.fields.filter((x) => x.required)) options.push(fc.constant({ key: f.key, drop: true as const }));
  if (res.name === 'products') options.push(badUnits.map((value) => ({ key: 'units', value })));
  options.push(fc.constantFrom('yes', 1, null, 'false', []).map((value) => ({ key: 'active', value })));
  return fc.oneof(...options);
}

function apply(base: Body, cs: Corruption[]): Body {
  const b = { ...base };
  for (const c of cs) {
    if (c.drop) delete b[c.key];
    else b[c.key] = c.value;
  }
  return b;
}

/** The Chinese words of an English message that the request itself did not bring (X5): a
 * unit named 箱 may be quoted, 进货单 may not. */
const chineseOf = (messageEn: string, request: string) => [...messageEn.matchAll(/\p{Script=Han}+/gu)].map((m) => m[0]).filter((w) => !request.includes(w));

/** Bad requests sent, to check the barrage really was a few hundred. */
let sent = 0;

function expect4xx(r: Reply, what: string) {
  sent++;
  const label = `${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  expect(r.status, label).toBeGreaterThanOrEqual(400);
  expect(r.status, label).toBeLessThan(500);
  expect(typeof r.body?.error?.code, label).toBe('string');
  expect(typeof r.body?.error?.message, label).toBe('string');
  expect(typeof r.body?.error?.messageEn, label).toBe('string');
  expect(chineseOf(r.body.error.messageEn, what), `${label}: the English message has Chinese in it`).toEqual([]);
}

function check4xx(failures: string[], r: Reply, what: string) {
  sent++;
  const ok =
    r.status >= 400 &&
    r.status < 500 &&
    typeof r.body?.error?.code === 'string' &&
    typeof r.body.error.message === 'string' &&
    typeof r.body.error.messageEn === 'string' &&
    chineseOf(r.body.error.messageEn, what).length === 0;
  if (!ok) failures.push(`${what} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
}

const short = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 20)}…(${x.length})` : x));

beforeAll(async () => {
  api = await testApi();
  for (const res of MASTER_RESOURCES) {
    const r = await api.admin.post(`/${res.name}`, {
      ...minimal(res),
      ...(res.name === 'products' ? { units: [{ name: '箱', ratio: '12', barcode: 'TARGET-BOX' }] } : {}),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    targets.set(res.name, r.body);
  }
});
afterAll(() => api.close());

describe('bad input never gives a 500 and writes nothing', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await counts();
  });

  it.each(MASTER_RESOURCES.map((r) => [r.name, r] as const))('POST /%s with generated bad bodies → 4xx', async (_name, res) => {
    await fc.assert(
      fc.asyncProperty(fc.array(corruptions(res, true), { minLength: 1, maxLength: 3 }), async (cs) => {
        const body = apply(minimal(res), cs);
        const r = await api.admin.post(`/${res.name}`, body);
        expect4xx(r, `POST /${res.name} ${short(body)}`);
      }),
      { numRuns: 25 },
    );
  });

  it.each(MASTER_RESOURCES.map((r) => [r.name, r] as const))('PATCH /%s/{id} with generated bad bodies → 4xx', async (_name, res) => {
    const id = targets.get(res.name)?.id;
    await fc.assert(
      fc.asyncProperty(fc.array(corruptions(res, false), { minLength: 1, maxLength: 3 }), async (cs) => {
        const body = apply({}, cs);
        const r = await api.admin.patch(`/${res.name}/${id}`, body);
        expect4xx(r, `PATCH /${res.name} ${short(body)}`);
      }),
      { numRuns: 15 },
    );
  });

  it('bodies that are not JSON objects → 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MASTER_RESOURCES.map((r) => r.name)),
        fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.boolean(),
        async (res, value, patch) => {
          const r = patch
            ? await api.admin.request('PATCH', `/${res}/${targets.get(res)?.id}`, JSON.stringify(value), { 'content-type': 'application/json' })
            : await api.admin.request('POST', `/${res}`, JSON.stringify(value), { 'content-type': 'application/json' });
          expect4xx(r, `${patch ? 'PATCH' : 'POST'} /${res} ${short(value)}`);
          expect(r.status).toBe(400);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('malformed JSON text → 400 MALFORMED_JSON', async () => {
    const fixed = [
      '{',
      '{"code":"A"',
      "{'code':'A','name':'B'}",
      '{"code":"A",}',
      'undefined',
      'NaN',
      '{"code":"A"}}',
      '{"code": "A" "name": "B"}',
      '[1,2',
      '\u0000',
      '{"code":"\\x41"}',
    ];
    const random = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return notBlank(s);
      }
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...fixed), random),
        fc.constantFrom(...MASTER_RESOURCES.map((r) => r.name)),
        fc.boolean(),
        async (text, res, patch) => {
          const r = patch
            ? await api.admin.request('PATCH', `/${res}/${targets.get(res)?.id}`, text, { 'content-type': 'application/json' })
            : await api.admin.request('POST', `/${res}`, text, { 'content-type': 'application/json' });
          expect4xx(r, `${patch ? 'PATCH' : 'POST'} /${res} ${JSON.stringify(text)}`);
          expect(r.body.error.code).toBe('MALFORMED_JSON');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('wrong content types → 4xx, for POST and PATCH', async () => {
    const failures: string[] = [];
    const valid = (res: MasterResource) => JSON.stringify({ ...minimal(res), name: '内容类型' });
    for (const res of MASTER_RESOURCES) {
      const id = targets.get(res.name)?.id;
      const bodies: [string, string | Uint8Array][] = [
        ['text/plain', valid(res)],
        ['application/xml', '<product><code>X</code></product>'],
        ['application/x-www-form-urlencoded', 'code=FORM1&name=x&baseUnit=y&type=cash'],
        ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\nMP1\r\n--xyz--\r\n'],
        ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', valid(res)],
        ['', new TextEncoder().encode(valid(res))], // a body with no content type at all
      ];
      for (const [type, body] of bodies) {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        check4xx(failures, await api.admin.request('POST', `/${res.name}`, body, headers), `POST /${res.name} as ${type || 'no type'}`);
        check4xx(failures, await api.admin.request('PATCH', `/${res.name}/${id}`, body, headers), `PATCH /${res.name} as ${type || 'no type'}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('empty bodies → 4xx, for POST and PATCH', async () => {
    const failures: string[] = [];
    for (const res of MASTER_RESOURCES) {
      const id = targets.get(res.name)?.id;
      for (const [what, body, headers] of [
        ['empty JSON text', '', { 'content-type': 'application/json' }],
        ['whitespace JSON text', '   \n', { 'content-type': 'application/json' }],
        ['no body, JSON type', undefined, { 'content-type': 'application/json' }],
        ['no body at all', undefined, {}],
      ] as [string, string | undefined, Record<string, string>][]) {
        check4xx(failures, await api.admin.request('POST', `/${res.name}`, body, headers), `POST /${res.name} ${what}`);
        check4xx(failures, await api.admin.request('PATCH', `/${res.name}/${id}`, body, headers), `PATCH /${res.name} ${what}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a body over the size limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await api.admin.request('POST', '/suppliers', JSON.stringify({ code: 'HUGE', name: 'x'.repeat(26 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect4xx(r, 'POST /suppliers 26 MB');
    expect(r.status).toBe(413);
  });

  it('a declared Content-Length over the limit → 413; a declared one within it passes', async () => {
    const r = await api.admin.request('POST', '/suppliers', JSON.stringify({ code: 'HUGE2', name: 'x' }), {
      'content-type': 'application/json',
      'content-length': String(26 * 1024 * 1024),
    });
    expect(r.status).toBe(413);
    expect((r.body as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    // Within the limit it goes on to validation (a name is missing: 400, nothing written).
    const body = JSON.stringify({ code: 'DECLARED' });
    const passed = await api.admin.request('POST', '/suppliers', body, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(passed.status).toBe(400);
    expect(passed.body.error.code).not.toBe('PAYLOAD_TOO_LARGE');
  });

  it('bad list query parameters → 200 or 4xx, never 5xx', async () => {
    const res = fc.constantFrom(...MASTER_RESOURCES.map((r) => r.name));
    const param = fc.oneof(
      fc.tuple(fc.constantFrom('page', 'pageSize', 'sort', 'active', 'q'), fc.oneof(fc.string({ maxLength: 30 }), sqlish, fc.integer().map(String))),
      fc.tuple(
        fc.constantFrom('categoryId', 'salespersonId', 'departmentId', 'parentId', 'keeperId', 'status', 'grade', 'isFranchise', 'type'),
        fc.oneof(fc.string({ maxLength: 30 }), sqlish, fc.uuid()),
      ),
    );
    await fc.assert(
      fc.asyncProperty(res, fc.array(param, { minLength: 1, maxLength: 3 }), async (r, params) => {
        // NUL is covered by its own test below.
        const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v.replaceAll('\u0000', ''))}`).join('&');
        const reply = await api.admin.get(`/${r}?${qs}`);
        if (reply.status !== 200) expect4xx(reply, `GET /${r}?${qs}`);
      }),
      { numRuns: 40 },
    );
  });

  it('X5 unknown ids → 404 NOT_FOUND naming the thing in each language', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const cases: [path: string, zh: string, en: string][] = [
      [`/purchase-bills/${none}`, '找不到进货单', 'Purchase bill not found'],
      [`/products/${none}`, '找不到商品', 'Product not found'],
      [`/suppliers/${none}/balance`, '找不到供应商', 'Supplier not found'],
      [`/customers/${none}/statement`, '找不到客户', 'Customer not found'],
      [`/users/${none}`, '找不到用户', 'User not found'],
      [`/complaints/${none}`, '找不到投诉', 'Complaint not found'],
    ];
    for (const [path, zh, en] of cases) {
      const r = await api.admin.get(path);
      expect4xx(r, path);
      expect(r.status, path).toBe(404);
      expect(r.body.error.message, path).toContain(zh);
      expect(r.body.error.messageEn, path).toContain(en);
    }
  });

  it('nothing was written by any of the bad requests above, and PATCH targets are unchanged', async () => {
    expect(sent).toBeGreaterThanOrEqual(400);
    expect(await counts()).toEqual(before);
    for (const res of MASTER_RESOURCES) {
      const now = await api.admin.get(`/${res.name}/${targets.get(res.name)?.id}`);
      expect(now.body, res.name).toEqual(targets.get(res.name));
    }
  });
});

describe('NUL characters (cannot be stored in PostgreSQL text) → 400, not 500', () => {
  it('POST and PATCH with a NUL in a text field → 400, nothing written', async () => {
    const before = await counts();
    const r = await api.admin.post('/suppliers', { code: 'NUL1', name: 'a\u0000b' });
    expect4xx(r, 'POST /suppliers name with NUL');
    const p = await api.admin.patch(`/suppliers/${targets.get('suppliers')?.id}`, { remark: 'x\u0000' });
    expect4xx(p, 'PATCH /suppliers remark with NUL');
    expect(await counts()).toEqual(before);
  });

  it('q with a NUL → 200 or 400, not 500', async () => {
    const r = await api.admin.get('/products?q=%00');
    if (r.status !== 200) expect4xx(r, 'GET /products?q=%00');
  });
});

describe('hostile but valid text is stored verbatim and never executed', () => {
  const SQL = [
    "'; DROP TABLE products; --",
    "Robert'); DROP TABLE suppliers;--",
    "1' OR '1'='1",
    '"; DELETE FROM audit_log; --',
    "x'); UPDATE users SET password_hash='x' --",
    '$$; DROP TABLE customers; $$',
    "\\'; TRUNCATE roles; --",
    '%_%\\',
  ];

  it.each(MASTER_RESOURCES.map((r) => [r.name, r] as const))('POST /%s with SQL-looking code, name and remark → 201, stored as sent', async (_name, res) => {
    for (const [i, s] of SQL.entries()) {
      const code = `${s.slice(0, 24)}#${i}`;
      const body: Body = { ...minimal(res), code, name: s };
      if (res.fields.some((f) => f.key === 'remark')) body.remark = `${s} ${s}`;
      const r = await api.admin.post(`/${res.name}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject(body);
      const g = await api.admin.get(`/${res.name}/${r.body.id}`);
      expect(g.body).toMatchObject(body);
      const q = await api.admin.get(`/${res.name}?q=${encodeURIComponent(code)}`);
      expect(q.status).toBe(200);
      expect(q.body.items.map((x: Body) => x.id)).toEqual([r.body.id]);
    }
  });

  it('every table still exists and the admin can still log in', async () => {
    for (const t of TABLES) {
      const r = (await api.db.orm.execute(sql`SELECT to_regclass(${t}) IS NOT NULL AS ok`)) as unknown as { rows: { ok: boolean }[] };
      expect(r.rows[0].ok, t).toBe(true);
    }
    const c = await counts();
    expect(c.products).toBeGreaterThan(SQL.length);
    expect(c.audit_log).toBeGreaterThan(0);
    const { ADMIN_PASSWORD } = await import('../helpers/api.js');
    expect((await api.client().login('admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('unicode names (CJK, emoji, combining marks, RTL) round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s === s.trim() && s.length > 0 && s.length <= 200 && !s.includes('\u0000')),
        async (name) => {
          const code = nextCode();
          const r = await api.admin.post('/suppliers', { code, name, remark: name });
          expect(r.status, JSON.stringify(r.body)).toBe(201);
          expect(r.body.name).toBe(name);
          const g = await api.admin.get(`/suppliers/${r.body.id}`);
          expect(g.body.name).toBe(name);
          expect(g.body.remark).toBe(name);
        },
      ),
      { numRuns: 30 },
    );
    for (const name of ['深圳市福田区华强北电子有限公司', '👟运动鞋🏃‍♂️', 'é (e + ́)', 'مرحبا', '　全角空格在中间　x'.trim(), '𠀀𪚥 (astral CJK)']) {
      const r = await api.admin.post('/suppliers', { code: nextCode(), name });
      expect(r.status).toBe(201);
      expect(r.body.name).toBe(name);
    }
  });
});
