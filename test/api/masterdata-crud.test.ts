// CRUD contract of every master-data resource (docs/api-masterdata.md): create, get,
// list (q, paging, sort, filters, active), patch, DELETE = deactivate, re-activate,
// duplicate codes, unknown and malformed ids, references, product units, exact
// decimals (X3) and the append-only audit log (X4).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgError } from '../../src/db/transaction.js';
import { type Reply, type TestApi, testApi } from '../helpers/api.js';

type Body = Record<string, unknown>;

let api: TestApi;
let adminUserId: string;
beforeAll(async () => {
  api = await testApi();
  adminUserId = (await api.admin.get('/session')).body.user.id;
});
afterAll(() => api.close());

let seq = 0;
/** A short token unique in this file (codes are at most 32 characters). */
const tok = (prefix = 'T') => `${prefix}${(++seq).toString(36)}Q${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function expectError(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(typeof r.body.error.message).toBe('string');
  expect(r.body.error.message.length).toBeGreaterThan(0);
  expect(typeof r.body.error.messageEn).toBe('string');
  expect(r.body.error.messageEn.length).toBeGreaterThan(0);
}

async function created(res: string, body: Body): Promise<Body> {
  const r = await api.admin.post(`/${res}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  const out = (await api.db.orm.execute(query)) as unknown as { rows: T[] };
  return out.rows;
}

interface Spec {
  res: string;
  /** Full body for a new row; decimals are written in the column's scale so they come back as sent. */
  sample: (code: string, name: string) => Body;
  /** Read-only fields expected on a freshly created sample row. */
  readOnly: Body;
  patch: Body;
  /** A non-code/name field searched by q, and its value in the sample (must contain the token). */
  searchExtra?: (t: string) => Body;
  /** A filter query and the field values that match / do not match it. */
  filter?: { query: string; match: Body; other: Body };
}

const SPECS: Spec[] = [
  {
    res: 'product-categories',
    sample: (code, name) => ({ code, name, remark: '类别备注' }),
    readOnly: { parentId: null, parentName: null },
    patch: { name: '改名类别', remark: null },
  },
  {
    res: 'products',
    sample: (code, name) => ({
      code,
      name,
      spec: 'AB-12 规格',
      series: '春季系列',
      colour: '红',
      size: '42',
      baseUnit: '双',
      barcode: `69${code}`,
      packages: '2.0000',
      purchasePrice: '12.5000',
      wholesalePrice: '15.8000',
      retailPrice: '19.9000',
      price1: '18.0000',
      price2: '17.5000',
      price3: '16.2500',
      minStock: '10.0000',
      maxStock: '100.0000',
      sellingPoints: '轻便透气',
      remark: '商品备注',
    }),
    readOnly: { categoryId: null, categoryName: null, units: [] },
    patch: { name: '改名商品', retailPrice: '21.0000', colour: '蓝', remark: null },
    searchExtra: (t) => ({ spec: `型号${t}` }),
    filter: { query: 'colour=绿松石', match: { colour: '绿松石' }, other: { colour: '黑' } },
  },
  {
    res: 'suppliers',
    sample: (code, name) => ({
      code,
      name,
      contact: '张三',
      phone: '0755-12345678',
      mobile: '13800138000',
      fax: '0755-87654321',
      address: '深圳市南山区',
      taxNo: '91440300MA5XXXXX',
      bankName: '招商银行',
      bankAccount: '6225880012345678',
      paymentTerms: '月结30天',
      paymentDays: 30,
      status: 'probation',
      remark: '供应商备注',
    }),
    readOnly: {},
    patch: { name: '改名供应商', status: 'eliminated', paymentDays: 60, contact: null },
    searchExtra: (t) => ({ contact: `联系人${t}` }),
    filter: { query: 'status=candidate', match: { status: 'candidate' }, other: { status: 'qualified' } },
  },
  {
    res: 'customers',
    sample: (code, name) => ({
      code,
      name,
      principal: '李总',
      contact: '王五',
      phone: '020-88888888',
      mobile: '13900139000',
      fax: '020-66666666',
      address: '广州市天河区',
      shippingAddress: '广州市白云区仓库',
      consignee: '赵六',
      consigneePhone: '13700137000',
      region: '华南',
      grade: 'A',
      priceLevel: 'price1',
      paymentTerm: 'credit',
      creditLimit: '5000.50',
      creditDays: 45,
      isFranchise: true,
      remark: '客户备注',
    }),
    readOnly: { salespersonId: null, salespersonName: null, regionalManagerId: null, regionalManagerName: null },
    patch: { name: '改名客户', grade: 'B', creditLimit: '8000.00', isFranchise: false },
    searchExtra: (t) => ({ mobile: `139${t}` }),
    filter: { query: 'grade=D', match: { grade: 'D' }, other: { grade: 'A' } },
  },
  {
    res: 'employees',
    sample: (code, name) => ({ code, name, position: '业务员', phone: '13600136000', remark: '职员备注' }),
    readOnly: { departmentId: null, departmentName: null },
    patch: { name: '改名职员', position: '经理' },
    searchExtra: (t) => ({ phone: `136${t}` }),
  },
  {
    res: 'departments',
    sample: (code, name) => ({ code, name, remark: '部门备注' }),
    readOnly: { parentId: null, parentName: null },
    patch: { name: '改名部门' },
  },
  {
    res: 'warehouses',
    sample: (code, name) => ({ code, name, address: '东莞市仓库路1号', remark: '仓库备注' }),
    readOnly: { keeperId: null, keeperName: null },
    patch: { name: '改名仓库', address: '佛山' },
  },
  {
    res: 'accounts',
    sample: (code, name) => ({ code, name, type: 'bank', bankName: '工商银行', accountNo: '6222020200112233', openingBalance: '1000.50', remark: '账户备注' }),
    readOnly: {},
    patch: { name: '改名账户', openingBalance: '-20.05', type: 'cash' },
    searchExtra: (t) => ({ accountNo: `62${t}` }),
    filter: { query: 'type=cash', match: { type: 'cash' }, other: { type: 'bank' } },
  },
  {
    res: 'roles',
    sample: (code, name) => ({ code, name, permissions: ['products:view', 'customers:view'] }),
    readOnly: { builtin: false },
    patch: { name: '改名角色', permissions: ['suppliers:view', 'suppliers:edit'] },
  },
];

describe.each(SPECS)('X4 master data $res: CRUD contract', (spec) => {
  const res = spec.res;

  it(`POST /${res} creates (201) and returns every field as sent`, async () => {
    const code = tok('C');
    const body = spec.sample(code, `名称${code}`);
    const r = await api.admin.post(`/${res}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ ...body, ...spec.readOnly, active: true });
    expect(r.body.id).toMatch(UUID_RE);
    expect(r.body.createdAt).toMatch(ISO_RE);
    expect(r.body.updatedAt).toMatch(ISO_RE);
    expect(r.body).not.toHaveProperty('companyId');
  });

  it(`GET /${res}/{id} returns the same row`, async () => {
    const code = tok('G');
    const row = await created(res, spec.sample(code, `名称${code}`));
    const r = await api.admin.get(`/${res}/${row.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(row);
  });

  it(`GET /${res}?q= searches code and name${spec.searchExtra ? ' and other fields' : ''}`, async () => {
    const t = tok('S');
    const a = await created(res, spec.sample(`${t}A`, `甲乙${t}`));
    const b = await created(res, { ...spec.sample(tok('X'), `丙丁${t}`), ...(spec.searchExtra?.(`9${t}`) ?? {}) });
    const other = await created(res, spec.sample(tok('Y'), '无关'));

    const byCode = await api.admin.get(`/${res}?q=${encodeURIComponent(`${t}a`)}`); // case-insensitive
    expect(byCode.status).toBe(200);
    expect(byCode.body.items.map((x: Body) => x.id)).toEqual([a.id]);
    expect(byCode.body.total).toBe(1);

    const byName = await api.admin.get(`/${res}?q=${encodeURIComponent(`丙丁${t}`)}`);
    expect(byName.body.items.map((x: Body) => x.id)).toEqual([b.id]);

    const both = await api.admin.get(`/${res}?q=${encodeURIComponent(t)}&pageSize=100`);
    const ids = both.body.items.map((x: Body) => x.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(other.id);

    if (spec.searchExtra) {
      const [field, value] = Object.entries(spec.searchExtra(`9${t}`))[0];
      const r = await api.admin.get(`/${res}?q=${encodeURIComponent(String(value))}`);
      expect(
        r.body.items.map((x: Body) => x.id),
        `q by ${field}`,
      ).toEqual([b.id]);
    }
  });

  it(`GET /${res} pages with page/pageSize/total`, async () => {
    const t = tok('P');
    const codes = [1, 2, 3, 4, 5].map((i) => `${t}${i}`);
    for (const c of codes.slice().reverse()) await created(res, spec.sample(c, `分页${c}`));
    const seen: string[] = [];
    for (const [page, n] of [
      [1, 2],
      [2, 2],
      [3, 1],
      [4, 0],
    ]) {
      const r = await api.admin.get(`/${res}?q=${t}&page=${page}&pageSize=2`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(5);
      expect(r.body.page).toBe(page);
      expect(r.body.pageSize).toBe(2);
      expect(r.body.items).toHaveLength(n);
      seen.push(...r.body.items.map((x: Body) => x.code as string));
    }
    // Default order is by code, and the pages neither overlap nor skip.
    expect(seen).toEqual(codes);
    const defaults = await api.admin.get(`/${res}?q=${t}`);
    expect(defaults.body.page).toBe(1);
    expect(defaults.body.pageSize).toBe(20);
  });

  it(`GET /${res} sorts by code and name, ascending and -descending`, async () => {
    const t = tok('O');
    await created(res, spec.sample(`${t}2`, `Name${t}B`));
    await created(res, spec.sample(`${t}1`, `Name${t}C`));
    await created(res, spec.sample(`${t}3`, `Name${t}A`));
    const codesOf = async (sort: string) => (await api.admin.get(`/${res}?q=${t}&sort=${encodeURIComponent(sort)}`)).body.items.map((x: Body) => x.code);
    expect(await codesOf('code')).toEqual([`${t}1`, `${t}2`, `${t}3`]);
    expect(await codesOf('-code')).toEqual([`${t}3`, `${t}2`, `${t}1`]);
    expect(await codesOf('name')).toEqual([`${t}3`, `${t}2`, `${t}1`]);
    expect(await codesOf('-name')).toEqual([`${t}1`, `${t}2`, `${t}3`]);
  });

  it(`PATCH /${res}/{id} changes only the fields sent`, async () => {
    const code = tok('E');
    const body = spec.sample(code, `名称${code}`);
    const row = await created(res, body);
    const r = await api.admin.patch(`/${res}/${row.id}`, spec.patch);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ ...body, ...spec.patch, id: row.id, code, active: true });
    expect(r.body.createdAt).toBe(row.createdAt);
    const again = await api.admin.get(`/${res}/${row.id}`);
    expect(again.body).toEqual(r.body);
  });

  it(`DELETE /${res}/{id} deactivates: the row stays, list active=true excludes it, PATCH {active:true} restores it`, async () => {
    const t = tok('D');
    const row = await created(res, spec.sample(t, `停用${t}`));
    const d = await api.admin.del(`/${res}/${row.id}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ id: row.id, code: t, active: false });

    const g = await api.admin.get(`/${res}/${row.id}`);
    expect(g.status).toBe(200);
    expect(g.body.active).toBe(false);

    const activeList = await api.admin.get(`/${res}?q=${t}&active=true`);
    expect(activeList.body.items).toEqual([]);
    expect(activeList.body.total).toBe(0);
    const inactiveList = await api.admin.get(`/${res}?q=${t}&active=false`);
    expect(inactiveList.body.items.map((x: Body) => x.id)).toEqual([row.id]);
    const anyList = await api.admin.get(`/${res}?q=${t}`);
    expect(anyList.body.items.map((x: Body) => x.id)).toEqual([row.id]);

    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(res.replace('-', '_'))} WHERE id = ${row.id}`);
    expect(n).toBe(1);

    const back = await api.admin.patch(`/${res}/${row.id}`, { active: true });
    expect(back.status).toBe(200);
    expect(back.body.active).toBe(true);
    expect((await api.admin.get(`/${res}?q=${t}&active=true`)).body.total).toBe(1);
  });

  it(`GET /${res}?active=false lists only deactivated rows`, async () => {
    const t = tok('A');
    const on = await created(res, spec.sample(`${t}1`, `启用${t}`));
    const off = await created(res, spec.sample(`${t}2`, `停用${t}`));
    await api.admin.del(`/${res}/${off.id}`);
    const r = await api.admin.get(`/${res}?q=${t}&active=false`);
    expect(r.body.items.map((x: Body) => x.id)).toEqual([off.id]);
    const a = await api.admin.get(`/${res}?q=${t}&active=true`);
    expect(a.body.items.map((x: Body) => x.id)).toEqual([on.id]);
  });

  if (spec.filter) {
    const f = spec.filter;
    it(`GET /${res}?${f.query} filters`, async () => {
      const t = tok('F');
      const yes = await created(res, { ...spec.sample(`${t}1`, `筛选${t}`), ...f.match });
      const no = await created(res, { ...spec.sample(`${t}2`, `筛选${t}`), ...f.other });
      const r = await api.admin.get(`/${res}?q=${t}&${f.query}`);
      expect(r.status).toBe(200);
      const ids = r.body.items.map((x: Body) => x.id);
      expect(ids).toEqual([yes.id]);
      expect(ids).not.toContain(no.id);
    });
  }

  it(`POST /${res} with an existing code → 409 DUPLICATE_CODE; PATCH to another row's code too`, async () => {
    const t = tok('U');
    const first = await created(res, spec.sample(t, `一${t}`));
    expectError(await api.admin.post(`/${res}`, spec.sample(t, `二${t}`)), 409, 'DUPLICATE_CODE');
    const second = await created(res, spec.sample(`${t}B`, `二${t}`));
    expectError(await api.admin.patch(`/${res}/${second.id}`, { code: t }), 409, 'DUPLICATE_CODE');
    // Deactivated rows keep their code.
    await api.admin.del(`/${res}/${first.id}`);
    expectError(await api.admin.post(`/${res}`, spec.sample(t, `三${t}`)), 409, 'DUPLICATE_CODE');
    // Patching a row to its own code is fine.
    expect((await api.admin.patch(`/${res}/${second.id}`, { code: `${t}B` })).status).toBe(200);
    expect((await api.admin.get(`/${res}?q=${t}`)).body.total).toBe(2);
  });

  it(`10.11 POST /${res} retried with its Idempotency-Key replays the first answer (found by the soak: a lost answer's retry was 409 DUPLICATE_CODE)`, async () => {
    const t = tok('K');
    const key = { 'Idempotency-Key': `create-${t}` };
    const first = await api.admin.post(`/${res}`, spec.sample(t, `键${t}`), key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await api.admin.post(`/${res}`, spec.sample(t, `键${t}`), key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    // The same key with another body is another request: refused, nothing created.
    expectError(await api.admin.post(`/${res}`, spec.sample(`${t}X`, `键${t}`), key), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect((await api.admin.get(`/${res}?q=${t}`)).body.total).toBe(1);
  });

  it(`unknown uuid → 404 NOT_FOUND on GET, PATCH and DELETE /${res}/{id}`, async () => {
    const id = randomUUID();
    expectError(await api.admin.get(`/${res}/${id}`), 404, 'NOT_FOUND');
    expectError(await api.admin.patch(`/${res}/${id}`, { name: 'x' }), 404, 'NOT_FOUND');
    expectError(await api.admin.del(`/${res}/${id}`), 404, 'NOT_FOUND');
  });

  it(`non-uuid id → 400 on GET, PATCH and DELETE /${res}/{id}`, async () => {
    for (const bad of ['123', 'not-a-uuid', `${randomUUID()}x`, "1'%20OR%20'1'='1"]) {
      expectError(await api.admin.get(`/${res}/${bad}`), 400, 'VALIDATION_FAILED');
      expectError(await api.admin.patch(`/${res}/${bad}`, { name: 'x' }), 400, 'VALIDATION_FAILED');
      expectError(await api.admin.del(`/${res}/${bad}`), 400, 'VALIDATION_FAILED');
    }
  });

  it(`X4 create and patch of ${res} are in audit_log with the acting user`, async () => {
    const t = tok('L');
    const row = await created(res, spec.sample(t, `日志${t}`));
    await api.admin.patch(`/${res}/${row.id}`, { name: `日志改${t}` });
    const log = await rows<{ user_id: string; action: string; entity: string; company_id: string; before: Body | null; after: Body | null }>(
      sql`SELECT user_id, action, entity, company_id, before, after FROM audit_log WHERE entity_id = ${row.id} ORDER BY id`,
    );
    expect(log.map((l) => l.action)).toEqual(['create', 'update']);
    for (const l of log) {
      expect(l.user_id).toBe(adminUserId);
      expect(l.entity).toBe(res);
      expect(l.company_id).toBe(api.companyId);
    }
    expect(log[0].before).toBeNull();
    expect(log[0].after?.name).toBe(`日志${t}`);
    expect(log[1].before?.name).toBe(`日志${t}`);
    expect(log[1].after?.name).toBe(`日志改${t}`);
  });
});

describe('X3 exact decimals', () => {
  it('price and qty columns come back as strings at scale 4, exactly', async () => {
    const code = tok('X');
    const p = await created('products', {
      code,
      name: '精度',
      baseUnit: '件',
      purchasePrice: '3.25',
      wholesalePrice: '0.0001',
      retailPrice: '12345678901234.5678',
      price1: '99999999999999.9999',
      price2: '0',
      price3: ' 7.1 ',
      packages: '1.5',
      minStock: '0.3333',
    });
    expect(p).toMatchObject({
      purchasePrice: '3.2500',
      wholesalePrice: '0.0001',
      retailPrice: '12345678901234.5678',
      price1: '99999999999999.9999',
      price2: '0.0000',
      price3: '7.1000',
      packages: '1.5000',
      minStock: '0.3333',
    });
    const g = await api.admin.get(`/products/${p.id}`);
    expect(g.body.retailPrice).toBe('12345678901234.5678');
    expect(g.body.price1).toBe('99999999999999.9999');
  });

  it('money columns come back at scale 2 ("12.50"); accounts may be negative; defaults are "0.00"', async () => {
    const c = await created('customers', { code: tok('M'), name: '钱', creditLimit: '12.5' });
    expect(c.creditLimit).toBe('12.50');
    const big = await created('customers', { code: tok('M'), name: '大', creditLimit: '9999999999999999.99' });
    expect(big.creditLimit).toBe('9999999999999999.99');
    const d = await created('customers', { code: tok('M'), name: '默认' });
    expect(d.creditLimit).toBe('0.00');
    const a = await created('accounts', { code: tok('M'), name: '负', type: 'cash', openingBalance: '-1234.56' });
    expect(a.openingBalance).toBe('-1234.56');
    const z = await created('accounts', { code: tok('M'), name: '零', type: 'cash' });
    expect(z.openingBalance).toBe('0.00');
  });

  it('rejects numbers, too many decimal places, too many digits and negative prices with 400', async () => {
    const base = { name: '坏', baseUnit: '件' };
    const bad: Body[] = [
      { purchasePrice: 12.5 },
      { purchasePrice: '1.23456' },
      { purchasePrice: '123456789012345' },
      { purchasePrice: '-1' },
      { purchasePrice: '1e3' },
      { purchasePrice: 'abc' },
      { purchasePrice: '1,000.00' },
      { packages: '0.00001' },
    ];
    const before = (await api.admin.get('/products')).body.total;
    for (const b of bad) {
      const r = await api.admin.post('/products', { code: tok('B'), ...base, ...b });
      expectError(r, 400, 'VALIDATION_FAILED');
      expect(r.body.error.details.issues[0].path).toBe(Object.keys(b)[0]);
    }
    expectError(await api.admin.post('/customers', { code: tok('B'), name: '坏', creditLimit: '1.234' }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.post('/customers', { code: tok('B'), name: '坏', creditLimit: '-5.00' }), 400, 'VALIDATION_FAILED');
    expectError(
      await api.admin.post('/accounts', { code: tok('B'), name: '坏', type: 'bank', openingBalance: '12345678901234567.00' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await api.admin.get('/products')).body.total).toBe(before);
  });
});

describe('concurrent creates', () => {
  it('five simultaneous POSTs with one code: exactly one 201, the rest 409 DUPLICATE_CODE', async () => {
    const code = tok('K');
    const replies = await Promise.all([1, 2, 3, 4, 5].map((i) => api.admin.post('/suppliers', { code, name: `并发${i}` })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('DUPLICATE_CODE');
    expect((await api.admin.get(`/suppliers?q=${code}`)).body.total).toBe(1);
  });
});

describe('X4 list parameters', () => {
  it('q treats % and _ literally', async () => {
    const t = tok('W');
    const pct = await created('suppliers', { code: `${t}1`, name: `百分之百%${t}` });
    await created('suppliers', { code: `${t}2`, name: `百分之百x${t}` });
    const r = await api.admin.get(`/suppliers?q=${encodeURIComponent(`%${t}`)}`);
    expect(r.body.items.map((x: Body) => x.id)).toEqual([pct.id]);
    const u = await api.admin.get(`/suppliers?q=${encodeURIComponent(`百_之`)}`);
    expect(u.body.total).toBe(0);
  });

  it('9.1 q without sort: the row whose code is exactly q (any case) comes first, even past the first page', async () => {
    const t = tok('K');
    // 21 codes that contain the text and sort before it (A… < K…): the exact one would be the 22nd
    for (let i = 0; i < 21; i++) await created('suppliers', { code: `A${t}${String(i).padStart(2, '0')}`, name: `前缀${i}` });
    const exact = await created('suppliers', { code: t, name: '正好是它' });
    const r = await api.admin.get(`/suppliers?q=${t.toLowerCase()}&pageSize=20`);
    expect(r.body.total).toBe(22);
    expect(r.body.items[0].id).toBe(exact.id);
    expect(r.body.items.slice(1).map((x: Body) => x.code)).toEqual(Array.from({ length: 19 }, (_, i) => `A${t}${String(i).padStart(2, '0')}`));
    // a sort the caller asks for is kept as asked
    const sorted = await api.admin.get(`/suppliers?q=${t}&pageSize=20&sort=code`);
    expect(sorted.body.items[0].code).toBe(`A${t}00`);
    expect(sorted.body.items.map((x: Body) => x.id)).not.toContain(exact.id);
  });

  it('9.1 q without sort: a product whose barcode or unit barcode is exactly q comes first', async () => {
    const t = tok('B');
    for (let i = 0; i < 3; i++) await created('products', { code: `A${t}${i}`, name: `含${t}的商品`, baseUnit: '件' });
    const byBarcode = await created('products', { code: `Z${t}1`, name: '条码', baseUnit: '件', barcode: t });
    expect((await api.admin.get(`/products?q=${t}`)).body.items[0].id).toBe(byBarcode.id);
    const u = tok('V');
    for (let i = 0; i < 3; i++) await created('products', { code: `A${u}${i}`, name: `含${u}的商品`, baseUnit: '件' });
    const byUnit = await created('products', { code: `Z${u}1`, name: '箱码', baseUnit: '件', units: [{ name: '箱', ratio: '6', barcode: u }] });
    expect((await api.admin.get(`/products?q=${u}`)).body.items[0].id).toBe(byUnit.id);
  });

  it('rejects bad page, pageSize and active values with 400', async () => {
    for (const qs of ['page=0', 'page=-1', 'page=abc', 'pageSize=0', 'pageSize=501', 'pageSize=1.5', 'active=yes', `q=${'x'.repeat(201)}`]) {
      expectError(await api.admin.get(`/products?${qs}`), 400, 'VALIDATION_FAILED');
    }
    expect((await api.admin.get('/products?pageSize=500')).status).toBe(200);
  });
});

describe('references (X2 S1 W1)', () => {
  it('product categoryId: returns categoryName, filters, and refuses unknown (REFERENCE_NOT_FOUND) or deactivated (REFERENCE_INACTIVE) categories', async () => {
    const t = tok('R');
    const cat = await created('product-categories', { code: `${t}C`, name: `鞋类${t}` });
    const other = await created('product-categories', { code: `${t}D`, name: `帽类${t}` });
    const p = await created('products', { code: `${t}P`, name: `跑鞋${t}`, baseUnit: '双', categoryId: cat.id });
    expect(p.categoryId).toBe(cat.id);
    expect(p.categoryName).toBe(`鞋类${t}`);
    await created('products', { code: `${t}Q`, name: `帽子${t}`, baseUnit: '顶', categoryId: other.id });
    const f = await api.admin.get(`/products?categoryId=${cat.id}`);
    expect(f.body.items.map((x: Body) => x.id)).toEqual([p.id]);

    const missing = await api.admin.post('/products', { code: `${t}X`, name: 'x', baseUnit: '件', categoryId: randomUUID() });
    expectError(missing, 422, 'REFERENCE_NOT_FOUND');
    expect(missing.body.error.details.field).toBe('categoryId');

    await api.admin.del(`/product-categories/${other.id}`);
    const inactive = await api.admin.post('/products', { code: `${t}Y`, name: 'y', baseUnit: '件', categoryId: other.id });
    expectError(inactive, 422, 'REFERENCE_INACTIVE');
    expect(inactive.body.error.details.field).toBe('categoryId');
    expectError(await api.admin.patch(`/products/${p.id}`, { categoryId: other.id }), 422, 'REFERENCE_INACTIVE');
    expect((await api.admin.get(`/products?q=${t}X`)).body.total).toBe(0);
    expect((await api.admin.get(`/products/${p.id}`)).body.categoryId).toBe(cat.id);

    // A row whose category was deactivated later can still be edited.
    await api.admin.del(`/product-categories/${cat.id}`);
    const edit = await api.admin.patch(`/products/${p.id}`, { name: `跑鞋改${t}` });
    expect(edit.status).toBe(200);
    expect(edit.body.categoryName).toBe(`鞋类${t}`);
    // And the reference can be cleared.
    const cleared = await api.admin.patch(`/products/${p.id}`, { categoryId: null });
    expect(cleared.body).toMatchObject({ categoryId: null, categoryName: null });
  });

  it('employee departmentId: departmentName, filter, REFERENCE_NOT_FOUND / REFERENCE_INACTIVE', async () => {
    const t = tok('R');
    const dep = await created('departments', { code: `${t}D`, name: `采购部${t}` });
    const e = await created('employees', { code: `${t}E`, name: `员工${t}`, departmentId: dep.id });
    expect(e.departmentName).toBe(`采购部${t}`);
    expect((await api.admin.get(`/employees?departmentId=${dep.id}`)).body.items.map((x: Body) => x.id)).toEqual([e.id]);
    expectError(await api.admin.post('/employees', { code: `${t}F`, name: 'f', departmentId: randomUUID() }), 422, 'REFERENCE_NOT_FOUND');
    await api.admin.del(`/departments/${dep.id}`);
    expectError(await api.admin.post('/employees', { code: `${t}G`, name: 'g', departmentId: dep.id }), 422, 'REFERENCE_INACTIVE');
  });

  it('S1 customer salespersonId / regionalManagerId: names, filter, REFERENCE_NOT_FOUND / REFERENCE_INACTIVE', async () => {
    const t = tok('R');
    const sp = await created('employees', { code: `${t}S`, name: `业务员${t}` });
    const rm = await created('employees', { code: `${t}M`, name: `区域经理${t}` });
    const c = await created('customers', { code: `${t}C`, name: `客户${t}`, salespersonId: sp.id, regionalManagerId: rm.id });
    expect(c).toMatchObject({ salespersonId: sp.id, salespersonName: `业务员${t}`, regionalManagerId: rm.id, regionalManagerName: `区域经理${t}` });
    expect((await api.admin.get(`/customers?salespersonId=${sp.id}`)).body.items.map((x: Body) => x.id)).toEqual([c.id]);
    const missing = await api.admin.post('/customers', { code: `${t}D`, name: 'd', salespersonId: randomUUID() });
    expectError(missing, 422, 'REFERENCE_NOT_FOUND');
    expect(missing.body.error.details.field).toBe('salespersonId');
    expectError(await api.admin.post('/customers', { code: `${t}E`, name: 'e', regionalManagerId: randomUUID() }), 422, 'REFERENCE_NOT_FOUND');
    await api.admin.del(`/employees/${sp.id}`);
    expectError(await api.admin.post('/customers', { code: `${t}F`, name: 'f', salespersonId: sp.id }), 422, 'REFERENCE_INACTIVE');
    // A department id is not an employee id.
    const dep = await created('departments', { code: `${t}P`, name: 'p' });
    expectError(await api.admin.post('/customers', { code: `${t}G`, name: 'g', salespersonId: dep.id }), 422, 'REFERENCE_NOT_FOUND');
  });

  it('W1 warehouse keeperId: keeperName, REFERENCE_NOT_FOUND / REFERENCE_INACTIVE', async () => {
    const t = tok('R');
    const k = await created('employees', { code: `${t}K`, name: `库管${t}` });
    const w = await created('warehouses', { code: `${t}W`, name: `主仓${t}`, keeperId: k.id });
    expect(w).toMatchObject({ keeperId: k.id, keeperName: `库管${t}` });
    expectError(await api.admin.post('/warehouses', { code: `${t}X`, name: 'x', keeperId: randomUUID() }), 422, 'REFERENCE_NOT_FOUND');
    await api.admin.del(`/employees/${k.id}`);
    // The warehouse keeps its (now deactivated) keeper and stays editable.
    const edit = await api.admin.patch(`/warehouses/${w.id}`, { address: '新地址' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ keeperId: k.id, keeperName: `库管${t}`, address: '新地址' });
  });

  it('W1 warehouse keeperId: a deactivated employee cannot become keeper (REFERENCE_INACTIVE)', async () => {
    const t = tok('R');
    const k = await created('employees', { code: `${t}K`, name: `库管${t}` });
    await api.admin.del(`/employees/${k.id}`);
    expectError(await api.admin.post('/warehouses', { code: `${t}W`, name: 'w', keeperId: k.id }), 422, 'REFERENCE_INACTIVE');
  });

  it('parentId of categories and departments: parentName; a row cannot be its own parent (422 REFERENCE_CYCLE)', async () => {
    for (const res of ['product-categories', 'departments']) {
      const t = tok('R');
      const top = await created(res, { code: `${t}1`, name: `上级${t}` });
      const child = await created(res, { code: `${t}2`, name: `下级${t}`, parentId: top.id });
      expect(child).toMatchObject({ parentId: top.id, parentName: `上级${t}` });
      expect((await api.admin.get(`/${res}?parentId=${top.id}`)).body.items.map((x: Body) => x.id)).toEqual([child.id]);
      expectError(await api.admin.patch(`/${res}/${top.id}`, { parentId: top.id }), 422, 'REFERENCE_CYCLE');
      expectError(await api.admin.post(`/${res}`, { code: `${t}3`, name: 'x', parentId: randomUUID() }), 422, 'REFERENCE_NOT_FOUND');
    }
  });

  it('parentId: a two-row cycle (A→B, then B→A) is refused with 422 REFERENCE_CYCLE', async () => {
    for (const res of ['product-categories', 'departments']) {
      const t = tok('R');
      const a = await created(res, { code: `${t}A`, name: `甲${t}` });
      const b = await created(res, { code: `${t}B`, name: `乙${t}`, parentId: a.id });
      const r = await api.admin.patch(`/${res}/${a.id}`, { parentId: b.id });
      expectError(r, 422, 'REFERENCE_CYCLE');
      expect((await api.admin.get(`/${res}/${a.id}`)).body.parentId).toBeNull();
    }
  });
});

describe('X2 products: alternate units, barcodes, variants', () => {
  it('creates a product with 箱 = 12 件 and a unit barcode; q by that barcode finds the product', async () => {
    const t = tok('U');
    const boxCode = `690${t}`;
    const p = await created('products', {
      code: t,
      name: `袜子${t}`,
      baseUnit: '件',
      barcode: `691${t}`,
      units: [{ name: '箱', ratio: '12', barcode: boxCode, purchasePrice: '120', wholesalePrice: '150.5' }],
    });
    expect(p.units).toEqual([
      {
        id: expect.stringMatching(UUID_RE),
        name: '箱',
        ratio: '12.0000',
        barcode: boxCode,
        purchasePrice: '120.0000',
        wholesalePrice: '150.5000',
        retailPrice: null,
      },
    ]);
    await created('products', { code: `${t}Z`, name: '别的', baseUnit: '件' });
    const r = await api.admin.get(`/products?q=${boxCode}`);
    expect(r.body.items.map((x: Body) => x.id)).toEqual([p.id]);
    expect(r.body.items[0].units[0].name).toBe('箱');
    // The product's own barcode is searched too.
    expect((await api.admin.get(`/products?q=691${t}`)).body.items.map((x: Body) => x.id)).toEqual([p.id]);
  });

  it('PATCH units replaces them; the order sent is kept; PATCH without units leaves them', async () => {
    const t = tok('U');
    const p = await created('products', {
      code: t,
      name: `纸巾${t}`,
      baseUnit: '包',
      units: [
        { name: '箱', ratio: '48', barcode: `B1${t}` },
        { name: '提', ratio: '6' },
      ],
    });
    expect((p.units as Body[]).map((u: Body) => u.name)).toEqual(['箱', '提']);
    const r = await api.admin.patch(`/products/${p.id}`, {
      units: [
        { name: '提', ratio: '10', barcode: `B2${t}` },
        { name: '件', ratio: '96' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.units.map((u: Body) => [u.name, u.ratio, u.barcode])).toEqual([
      ['提', '10.0000', `B2${t}`],
      ['件', '96.0000', null],
    ]);
    const name = await api.admin.patch(`/products/${p.id}`, { name: `纸巾改${t}` });
    expect(name.body.units).toEqual(r.body.units);
    const cleared = await api.admin.patch(`/products/${p.id}`, { units: [] });
    expect(cleared.body.units).toEqual([]);
    expect((await api.admin.get(`/products/${p.id}`)).body.units).toEqual([]);
  });

  it('a barcode of a unit removed by PATCH no longer finds the product', async () => {
    const t = tok('U');
    const old = `OLD${t}`;
    const p = await created('products', { code: t, name: `杯子${t}`, baseUnit: '个', units: [{ name: '箱', ratio: '24', barcode: old }] });
    expect((await api.admin.get(`/products?q=${old}`)).body.total).toBe(1);
    await api.admin.patch(`/products/${p.id}`, { units: [{ name: '盒', ratio: '6', barcode: `NEW${t}` }] });
    expect((await api.admin.get(`/products?q=NEW${t}`)).body.items.map((x: Body) => x.id)).toEqual([p.id]);
    const r = await api.admin.get(`/products?q=${old}`);
    expect(r.body.items).toEqual([]);
    expect(r.body.total).toBe(0);
  });

  it('refuses duplicate unit names (422 DUPLICATE_UNIT) and a zero ratio, and writes nothing', async () => {
    const t = tok('U');
    expectError(
      await api.admin.post('/products', {
        code: t,
        name: 'x',
        baseUnit: '件',
        units: [
          { name: '箱', ratio: '12' },
          { name: '箱', ratio: '6' },
        ],
      }),
      422,
      'DUPLICATE_UNIT',
    );
    const zero = await api.admin.post('/products', { code: t, name: 'x', baseUnit: '件', units: [{ name: '箱', ratio: '0' }] });
    expect(zero.status).toBeGreaterThanOrEqual(400);
    expect(zero.status).toBeLessThan(500);
    expect(zero.body.error.code).toMatch(/UNIT_RATIO_INVALID|VALIDATION_FAILED/);
    expect((await api.admin.get(`/products?q=${t}`)).body.total).toBe(0);
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM product_units u JOIN products p ON p.id = u.product_id WHERE p.code = ${t}`);
    expect(n).toBe(0);
  });

  it('variants: series / colour / size filters', async () => {
    const t = tok('V');
    const red42 = await created('products', { code: `${t}1`, name: `T恤${t}`, baseUnit: '件', series: `夏${t}`, colour: '红', size: '42' });
    const red44 = await created('products', { code: `${t}2`, name: `T恤${t}`, baseUnit: '件', series: `夏${t}`, colour: '红', size: '44' });
    const blue42 = await created('products', { code: `${t}3`, name: `T恤${t}`, baseUnit: '件', series: `夏${t}`, colour: '蓝', size: '42' });
    const ids = async (qs: string) => (await api.admin.get(`/products?q=${t}&${qs}`)).body.items.map((x: Body) => x.id);
    expect(await ids(`series=${encodeURIComponent(`夏${t}`)}`)).toEqual([red42.id, red44.id, blue42.id]);
    expect(await ids(`colour=${encodeURIComponent('红')}`)).toEqual([red42.id, red44.id]);
    expect(await ids(`colour=${encodeURIComponent('红')}&size=42`)).toEqual([red42.id]);
    expect(await ids('size=44')).toEqual([red44.id]);
  });
});

describe('S1 suppliers and customers: defaults and enum filters', () => {
  it('supplier status defaults to qualified; customer grade C, priceLevel wholesale, paymentTerm cash, isFranchise false', async () => {
    const s = await created('suppliers', { code: tok('N'), name: '默认供应商' });
    expect(s.status).toBe('qualified');
    const c = await created('customers', { code: tok('N'), name: '默认客户' });
    expect(c).toMatchObject({ grade: 'C', priceLevel: 'wholesale', paymentTerm: 'cash', isFranchise: false, creditLimit: '0.00' });
  });

  it('customer filters: priceLevel, paymentTerm, isFranchise, region', async () => {
    const t = tok('N');
    const a = await created('customers', { code: `${t}1`, name: `甲${t}`, priceLevel: 'retail', paymentTerm: 'credit', isFranchise: true, region: `华北${t}` });
    const b = await created('customers', { code: `${t}2`, name: `乙${t}`, priceLevel: 'price2', paymentTerm: 'cash', isFranchise: false, region: `华东${t}` });
    const ids = async (qs: string) => (await api.admin.get(`/customers?q=${t}&${qs}`)).body.items.map((x: Body) => x.id);
    expect(await ids('priceLevel=retail')).toEqual([a.id]);
    expect(await ids('priceLevel=price2')).toEqual([b.id]);
    expect(await ids('paymentTerm=cash')).toEqual([b.id]);
    expect(await ids('isFranchise=true')).toEqual([a.id]);
    expect(await ids('isFranchise=false')).toEqual([b.id]);
    expect(await ids(`region=${encodeURIComponent(`华东${t}`)}`)).toEqual([b.id]);
  });

  it('unknown enum values are refused with 400', async () => {
    expectError(await api.admin.post('/suppliers', { code: tok('N'), name: 'x', status: 'excellent' }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.post('/customers', { code: tok('N'), name: 'x', grade: 'E' }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.post('/customers', { code: tok('N'), name: 'x', paymentTerm: 'barter' }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.post('/accounts', { code: tok('N'), name: 'x', type: 'crypto' }), 400, 'VALIDATION_FAILED');
  });

  it('required fields may not be cleared by PATCH', async () => {
    const s = await created('suppliers', { code: tok('N'), name: '必填' });
    expectError(await api.admin.patch(`/suppliers/${s.id}`, { name: null }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.patch(`/suppliers/${s.id}`, { name: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await api.admin.patch(`/suppliers/${s.id}`, { code: '' }), 400, 'VALIDATION_FAILED');
    expect((await api.admin.get(`/suppliers/${s.id}`)).body.name).toBe('必填');
  });
});

describe('X4 roles', () => {
  it('refuses unknown permissions with 422 UNKNOWN_PERMISSION', async () => {
    const r = await api.admin.post('/roles', { code: tok('Z'), name: 'x', permissions: ['products:view', 'products:fly'] });
    expectError(r, 422, 'UNKNOWN_PERMISSION');
    expect(r.body.error.details.unknown).toEqual(['products:fly']);
  });

  it('built-in roles: builtin:true, cannot change code or be deactivated (409 BUILTIN_ROLE)', async () => {
    const list = await api.admin.get('/roles?q=buyer');
    const buyer = list.body.items.find((x: Body) => x.code === 'buyer');
    expect(buyer.builtin).toBe(true);
    expectError(await api.admin.patch(`/roles/${buyer.id}`, { code: 'buyer2' }), 409, 'BUILTIN_ROLE');
    expectError(await api.admin.del(`/roles/${buyer.id}`), 409, 'BUILTIN_ROLE');
    expectError(await api.admin.patch(`/roles/${buyer.id}`, { active: false }), 409, 'BUILTIN_ROLE');
    const g = await api.admin.get(`/roles/${buyer.id}`);
    expect(g.body).toMatchObject({ code: 'buyer', active: true });
  });

  it('builtin cannot be set by the client', async () => {
    const r = await created('roles', { code: tok('Z'), name: 'x', permissions: [], builtin: true });
    expect(r.builtin).toBe(false);
  });
});

describe('X4 audit log is append-only', () => {
  it('the database refuses UPDATE and DELETE on audit_log', async () => {
    const row = await created('departments', { code: tok('J'), name: '日志部门' });
    const before = await rows<{ id: number; action: string }>(sql`SELECT id, action FROM audit_log WHERE entity_id = ${row.id}`);
    expect(before).toHaveLength(1);

    const refused = async (q: ReturnType<typeof sql>) => {
      let err: unknown;
      try {
        await api.db.orm.execute(q);
      } catch (e) {
        err = e;
      }
      expect(err, 'the statement should have failed').toBeDefined();
      expect(pgError(err)?.code).toBe('P0001');
      expect(String(pgError(err)?.message)).toMatch(/append-only/);
    };
    await refused(sql`UPDATE audit_log SET action = 'forged' WHERE entity_id = ${row.id}`);
    await refused(sql`DELETE FROM audit_log WHERE entity_id = ${row.id}`);
    await refused(sql`DELETE FROM audit_log`);

    const after = await rows<{ id: number; action: string }>(sql`SELECT id, action FROM audit_log WHERE entity_id = ${row.id}`);
    expect(after).toEqual(before);
  });

  it('DELETE (deactivate) is logged too', async () => {
    const row = await created('warehouses', { code: tok('J'), name: '日志仓库' });
    await api.admin.del(`/warehouses/${row.id}`);
    const log = await rows<{ user_id: string; after: Body }>(sql`SELECT user_id, after FROM audit_log WHERE entity_id = ${row.id} ORDER BY id`);
    expect(log).toHaveLength(2);
    expect(log[1].user_id).toBe(adminUserId);
    expect(log[1].after.active).toBe(false);
  });
});
