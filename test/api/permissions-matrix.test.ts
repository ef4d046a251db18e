// X4 role × route matrix: for every built-in role and every master-data / users route,
// the answer is 403 FORBIDDEN exactly when the role lacks `resource:action`. The
// expectation is computed from BUILTIN_ROLES, so the test follows the catalogue.
// Also: prices hidden without `products:price`, and such users cannot set them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../src/modules/auth/permissions.js';
import { type Client, type Reply, type TestApi, testApi, userWithRoles } from '../helpers/api.js';

type Body = Record<string, unknown>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MASTER = [
  'products',
  'product-categories',
  'suppliers',
  'customers',
  'employees',
  'departments',
  'warehouses',
  'accounts',
  'roles',
  'dealer-authorizations',
] as const;

let api: TestApi;
const users = new Map<string, Client>();
/** One target row per resource (and a target user) for the by-id routes. */
const target: Record<string, string> = {};
/** A customer the matrix never deactivates, for dealer authorisations to reference. */
let dealerCustomer = '';

const minimal = (res: string, code: string): Body => {
  const base: Body = { code, name: `名${code}` };
  if (res === 'products') base.baseUnit = '件';
  if (res === 'accounts') base.type = 'cash';
  if (res === 'roles') base.permissions = [];
  if (res === 'dealer-authorizations') Object.assign(base, { customerId: dealerCustomer, territory: '湖南省', validFrom: '2026-01-01', validTo: '2026-12-31' });
  return base;
};

async function sheetFor(res: string, code: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  const headers = ['编码', '名称'];
  const row = [code, `名${code}`];
  if (res === 'employees') headers[1] = '姓名';
  if (res === 'products') headers.push('基本单位') && row.push('件');
  if (res === 'accounts') headers.push('类型') && row.push('现金');
  if (res === 'roles') headers.push('权限') && row.push('products:view');
  if (res === 'dealer-authorizations') {
    headers[0] = '授权书编号';
    headers[1] = '经销商名称';
    headers.push('客户', '授权区域', '生效日期', '截止日期');
    row.push('MX-DEALER-C', '湖南省', '2026-01-01', '2026-12-31');
  }
  ws.addRow(headers);
  ws.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Route {
  name: string;
  action: 'view' | 'create' | 'edit' | 'delete' | 'export' | 'import';
  /** Status when allowed. */
  ok: number;
  run: (c: Client, res: string, code: string) => Promise<Reply>;
}

const MASTER_ROUTES: Route[] = [
  { name: 'GET list', action: 'view', ok: 200, run: (c, res) => c.get(`/${res}`) },
  { name: 'GET by id', action: 'view', ok: 200, run: (c, res) => c.get(`/${res}/${target[res]}`) },
  { name: 'POST', action: 'create', ok: 201, run: (c, res, code) => c.post(`/${res}`, minimal(res, code)) },
  { name: 'PATCH', action: 'edit', ok: 200, run: (c, res, code) => c.patch(`/${res}/${target[res]}`, { name: `改${code}` }) },
  { name: 'DELETE', action: 'delete', ok: 200, run: (c, res) => c.del(`/${res}/${target[res]}`) },
  { name: 'GET export', action: 'export', ok: 200, run: (c, res) => c.get(`/${res}/export`) },
  { name: 'GET import-template', action: 'import', ok: 200, run: (c, res) => c.get(`/${res}/import-template`) },
  {
    name: 'POST import',
    action: 'import',
    ok: 200,
    run: async (c, res, code) => c.request('POST', `/${res}/import`, await sheetFor(res, `${code}I`), { 'content-type': XLSX }),
  },
];

const USER_ROUTES: Route[] = [
  { name: 'GET list', action: 'view', ok: 200, run: (c) => c.get('/users') },
  { name: 'GET by id', action: 'view', ok: 200, run: (c) => c.get(`/users/${target.users}`) },
  {
    name: 'POST',
    action: 'create',
    ok: 201,
    run: (c, _res, code) => c.post('/users', { username: `u-${code}`.toLowerCase(), displayName: code, password: 'password-123' }),
  },
  { name: 'PATCH', action: 'edit', ok: 200, run: (c, _res, code) => c.patch(`/users/${target.users}`, { displayName: `改${code}` }) },
  { name: 'DELETE', action: 'delete', ok: 200, run: (c) => c.del(`/users/${target.users}`) },
  { name: 'GET export', action: 'export', ok: 200, run: (c) => c.get('/users/export') },
];

const permsOf = (role: string) => new Set<string>(BUILTIN_ROLES.find((r) => r.code === role)?.permissions ?? []);

function check(out: string[], label: string, r: Reply, allowed: boolean, okStatus: number, permission: string) {
  if (allowed) {
    if (r.status !== okStatus) out.push(`${label}: expected ${okStatus}, got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  } else if (r.status !== 403 || r.body?.error?.code !== 'FORBIDDEN' || r.body.error.details?.permission !== permission) {
    out.push(`${label}: expected 403 FORBIDDEN (${permission}), got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  }
}

beforeAll(async () => {
  api = await testApi();
  dealerCustomer = (await api.admin.post('/customers', { code: 'MX-DEALER-C', name: '授权经销商' })).body.id;
  for (const res of MASTER) {
    const r = await api.admin.post(`/${res}`, minimal(res, `MX-T-${res.slice(0, 8)}`));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    target[res] = r.body.id;
  }
  const u = await api.admin.post('/users', { username: 'mx-target-user', displayName: '目标用户', password: 'password-123' });
  expect(u.status).toBe(201);
  target.users = u.body.id;
  for (const role of BUILTIN_ROLES) users.set(role.code, await userWithRoles(api, `mx-${role.code}`, [role.code]));
});
afterAll(() => api.close());

describe('X4 permission matrix: built-in role × route', () => {
  it('the roles in the database are exactly BUILTIN_ROLES', async () => {
    const r = await api.admin.get('/roles?pageSize=500&active=true');
    const builtin = r.body.items.filter((x: Body) => x.builtin);
    expect(builtin.map((x: Body) => x.code).sort()).toEqual(BUILTIN_ROLES.map((x) => x.code).sort());
    for (const b of builtin) expect(new Set(b.permissions)).toEqual(permsOf(b.code));
  });

  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s: master-data routes answer 403 exactly when resource:action is missing', async (role) => {
    const c = users.get(role) as Client;
    const perms = permsOf(role);
    const mismatches: string[] = [];
    for (const [i, res] of MASTER.entries()) {
      for (const route of MASTER_ROUTES) {
        const permission = `${res}:${route.action}`;
        const code = `MX${role.slice(0, 6)}${i}${route.name.replace(/\W/g, '').slice(0, 6)}`;
        const r = await route.run(c, res, code);
        check(mismatches, `${route.name} /${res}`, r, perms.has(permission), route.ok, permission);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s: /users routes answer 403 exactly when users:action is missing', async (role) => {
    const c = users.get(role) as Client;
    const perms = permsOf(role);
    const mismatches: string[] = [];
    for (const route of USER_ROUTES) {
      const permission = `users:${route.action}`;
      const r = await route.run(c, 'users', `${role.replace(/_/g, '-')}-new`);
      check(mismatches, `${route.name} /users`, r, perms.has(permission), route.ok, permission);
    }
    expect(mismatches).toEqual([]);
  });

  it.each(BUILTIN_ROLES.map((r) => r.code))(
    'role %s: a partner’s account (balance, open items, statement) needs the partner and one of that side’s money views',
    async (role) => {
      const c = users.get(role) as Client;
      const perms = permsOf(role);
      const supplierMoney = ['purchase-settlements:view', 'prepayments:view'];
      const customerMoney = ['receipts:view', 'advance-receipts:view'];
      const routes: [path: string, base: string, anyOf: string[]][] = [
        [`/suppliers/${target.suppliers}/balance`, 'suppliers:view', supplierMoney],
        [`/suppliers/${target.suppliers}/open-items`, 'suppliers:view', supplierMoney],
        [`/suppliers/${target.suppliers}/statement`, 'suppliers:view', supplierMoney],
        [`/suppliers/${target.suppliers}/statement/export`, 'suppliers:export', supplierMoney],
        // whoever takes an order sees the customer's balance, for the credit terms
        [`/customers/${target.customers}/balance`, 'customers:view', [...customerMoney, 'sales-orders:create']],
        [`/customers/${target.customers}/open-items`, 'customers:view', customerMoney],
        [`/customers/${target.customers}/statement`, 'customers:view', customerMoney],
        [`/customers/${target.customers}/statement/export`, 'customers:export', customerMoney],
      ];
      const mismatches: string[] = [];
      for (const [path, base, anyOf] of routes) {
        const r = await c.get(path);
        const missing = !perms.has(base) ? base : anyOf.some((p) => perms.has(p)) ? null : anyOf.join(' | ');
        check(mismatches, `GET ${path.replace(/[0-9a-f-]{36}/, '{id}')}`, r, missing === null, 200, missing ?? '');
      }
      expect(mismatches).toEqual([]);
    },
  );

  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s: PATCH {active:false} needs :delete as well as :edit; {active:true} only :edit', async (role) => {
    const c = users.get(role) as Client;
    const perms = permsOf(role);
    const mismatches: string[] = [];
    for (const res of MASTER) {
      if (res === 'roles') continue; // the target role is custom, but keep built-in rules out of this check
      const canEdit = perms.has(`${res}:edit`);
      const canDelete = perms.has(`${res}:delete`);
      const off = await c.patch(`/${res}/${target[res]}`, { active: false });
      if (!canEdit) check(mismatches, `PATCH active:false /${res}`, off, false, 200, `${res}:edit`);
      else check(mismatches, `PATCH active:false /${res}`, off, canDelete, 200, `${res}:delete`);
      const on = await c.patch(`/${res}/${target[res]}`, { active: true });
      check(mismatches, `PATCH active:true /${res}`, on, canEdit, 200, `${res}:edit`);
    }
    expect(mismatches).toEqual([]);
  });

  it('without a session every route answers 401 UNAUTHENTICATED', async () => {
    const anon = api.client();
    const mismatches: string[] = [];
    for (const res of MASTER) {
      for (const route of MASTER_ROUTES) {
        const r = await route.run(anon, res, 'ANON');
        if (r.status !== 401 || r.body?.error?.code !== 'UNAUTHENTICATED') mismatches.push(`${route.name} /${res}: ${r.status}`);
      }
    }
    for (const route of USER_ROUTES) {
      const r = await route.run(anon, 'users', 'anon');
      if (r.status !== 401) mismatches.push(`${route.name} /users: ${r.status}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('a role without the permission gets 403, not a validation error, even for an invalid body', async () => {
    const mismatches: string[] = [];
    for (const role of BUILTIN_ROLES) {
      const c = users.get(role.code) as Client;
      const perms = permsOf(role.code);
      for (const res of MASTER) {
        if (!perms.has(`${res}:create`)) {
          const r = await c.post(`/${res}`, { code: 12 });
          if (r.status !== 403) mismatches.push(`${role.code} POST /${res}: ${r.status} ${r.body?.error?.code}`);
        }
        if (!perms.has(`${res}:edit`)) {
          const r = await c.patch(`/${res}/${target[res]}`, { name: ['not', 'a', 'string'] });
          if (r.status !== 403) mismatches.push(`${role.code} PATCH /${res}: ${r.status} ${r.body?.error?.code}`);
        }
      }
    }
    expect({ count: mismatches.length, first: mismatches.slice(0, 6) }).toEqual({ count: 0, first: [] });
  });
});

describe('X4 role and user changes take effect on the next request', () => {
  it('editing or deactivating a custom role changes what its users may do at once', async () => {
    const role = await api.admin.post('/roles', { code: 'mx_sup_view', name: '只看供应商', permissions: ['suppliers:view'] });
    expect(role.status).toBe(201);
    const c = await userWithRoles(api, 'mx-supview', ['mx_sup_view']);
    expect((await c.get('/suppliers')).status).toBe(200);
    expect((await c.get('/customers')).status).toBe(403);

    expect((await api.admin.patch(`/roles/${role.body.id}`, { permissions: ['customers:view'] })).status).toBe(200);
    expect((await c.get('/suppliers')).status).toBe(403);
    expect((await c.get('/customers')).status).toBe(200);
    expect((await c.get('/session')).body.permissions).toEqual(['customers:view']);

    expect((await api.admin.del(`/roles/${role.body.id}`)).status).toBe(200);
    const off = await c.get('/customers');
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('FORBIDDEN');
    expect((await api.admin.patch(`/roles/${role.body.id}`, { active: true })).status).toBe(200);
    expect((await c.get('/customers')).status).toBe(200);
  });

  it('deactivating a user ends their session (401); nobody can deactivate themselves (409)', async () => {
    const c = await userWithRoles(api, 'mx-leaver', ['driver']);
    expect((await c.get('/customers')).status).toBe(200);
    const me = (await c.get('/session')).body.user.id;
    const d = await api.admin.del(`/users/${me}`);
    expect(d.status).toBe(200);
    expect(d.body.active).toBe(false);
    const after = await c.get('/customers');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await api.client().login('mx-leaver', 'password-123')).status).toBe(403);

    const adminId = (await api.admin.get('/session')).body.user.id;
    const self = await api.admin.del(`/users/${adminId}`);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('CANNOT_DEACTIVATE_SELF');
    expect((await api.admin.get('/session')).status).toBe(200);
  });
});

describe('X4 price hiding (products:price)', () => {
  const PRICES = ['purchasePrice', 'wholesalePrice', 'retailPrice', 'price1', 'price2', 'price3'] as const;
  const PRICED = {
    purchasePrice: '10.0000',
    wholesalePrice: '12.5000',
    retailPrice: '19.9000',
    price1: '18.0000',
    price2: '17.0000',
    price3: '16.0000',
  };
  let product: Body;

  beforeAll(async () => {
    const r = await api.admin.post('/products', {
      code: 'PRICE-1',
      name: '有价商品',
      baseUnit: '件',
      ...PRICED,
      units: [{ name: '箱', ratio: '12', barcode: 'PRICE-BOX', purchasePrice: '115', wholesalePrice: '140', retailPrice: '200' }],
    });
    expect(r.status).toBe(201);
    product = r.body;
  });

  it('the catalogue: warehouse_keeper can view products but has no products:price; gm has it', () => {
    expect(permsOf('warehouse_keeper').has('products:view')).toBe(true);
    expect(permsOf('warehouse_keeper').has('products:price')).toBe(false);
    expect(permsOf('gm').has('products:price')).toBe(true);
  });

  it('admin (and gm) see the prices; warehouse_keeper gets them as null in GET and list, units included', async () => {
    expect(product).toMatchObject(PRICED);
    expect((await users.get('gm')?.get(`/products/${product.id}`))?.body).toMatchObject(PRICED);

    const wk = users.get('warehouse_keeper') as Client;
    const one = await wk.get(`/products/${product.id}`);
    expect(one.status).toBe(200);
    for (const k of PRICES) expect(one.body[k], k).toBeNull();
    expect(one.body.units).toEqual([
      { id: expect.any(String), name: '箱', ratio: '12.0000', barcode: 'PRICE-BOX', purchasePrice: null, wholesalePrice: null, retailPrice: null },
    ]);
    expect(one.body).toMatchObject({ code: 'PRICE-1', name: '有价商品', baseUnit: '件' });

    const list = await wk.get('/products?q=PRICE-1');
    expect(list.body.items).toHaveLength(1);
    for (const k of PRICES) expect(list.body.items[0][k], k).toBeNull();
    expect(list.body.items[0].units[0].purchasePrice).toBeNull();
  });

  it('warehouse_keeper export has no price columns; admin export has them', async () => {
    const headers = async (c: Client) => {
      const r = await c.get('/products/export?q=PRICE-1');
      expect(r.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.body);
      const ws = wb.worksheets[0];
      const h = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const row = (ws.getRow(2).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
      return { h, row };
    };
    const priceHeaders = ['进货价', '批发价', '零售价', '一级价', '二级价', '三级价'];
    const wk = await headers(users.get('warehouse_keeper') as Client);
    for (const p of priceHeaders) expect(wk.h).not.toContain(p);
    expect(wk.row.join('|')).not.toMatch(/19\.9|12\.5/);
    const admin = await headers(api.admin);
    for (const p of priceHeaders) expect(admin.h).toContain(p);
  });

  it('warehouse_keeper cannot infer the price order by sorting on a price', async () => {
    for (const [code, price] of [
      ['PRICE-S1', '30'],
      ['PRICE-S2', '10'],
      ['PRICE-S3', '20'],
    ]) {
      expect((await api.admin.post('/products', { code, name: '排序', baseUnit: '件', purchasePrice: price })).status).toBe(201);
    }
    const byAdmin = (await api.admin.get('/products?q=PRICE-S&sort=purchasePrice')).body.items.map((x: Body) => x.code);
    expect(byAdmin).toEqual(['PRICE-S2', 'PRICE-S3', 'PRICE-S1']);
    const wk = users.get('warehouse_keeper') as Client;
    const asc = await wk.get('/products?q=PRICE-S&sort=purchasePrice');
    const desc = await wk.get('/products?q=PRICE-S&sort=-purchasePrice');
    if (asc.status === 200) {
      // Either refused, or the price sort is ignored (same order both ways).
      expect(desc.status).toBe(200);
      expect(asc.body.items.map((x: Body) => x.code)).toEqual(desc.body.items.map((x: Body) => x.code));
    } else {
      expect(asc.status).toBeGreaterThanOrEqual(400);
      expect(asc.status).toBeLessThan(500);
    }
  });

  describe('a role that may create and edit products but lacks products:price', () => {
    let c: Client;
    beforeAll(async () => {
      const role = await api.admin.post('/roles', {
        code: 'prod_noprice',
        name: '商品录入(无价格)',
        permissions: ['products:view', 'products:create', 'products:edit'],
      });
      expect(role.status).toBe(201);
      c = await userWithRoles(api, 'mx-noprice', ['prod_noprice']);
    });

    it('prices sent on create are ignored (stored as null), and hidden in the answer', async () => {
      const r = await c.post('/products', {
        code: 'NOPRICE-1',
        name: '无价录入',
        baseUnit: '件',
        ...PRICED,
        units: [{ name: '箱', ratio: '6', purchasePrice: '50' }],
      });
      expect(r.status).toBe(201);
      for (const k of PRICES) expect(r.body[k], k).toBeNull();
      const seen = await api.admin.get(`/products/${r.body.id}`);
      for (const k of PRICES) expect(seen.body[k], k).toBeNull();
      expect(seen.body.units).toEqual([expect.objectContaining({ name: '箱', ratio: '6.0000', purchasePrice: null })]);
    });

    it('prices sent on PATCH are ignored; other fields change; unit prices survive a unit edit', async () => {
      const r = await c.patch(`/products/${product.id}`, {
        name: '有价商品改',
        purchasePrice: '0.0100',
        retailPrice: '1.0000',
        units: [{ name: '箱', ratio: '10', barcode: 'PRICE-BOX', purchasePrice: '1' }],
      });
      expect(r.status).toBe(200);
      expect(r.body.name).toBe('有价商品改');
      expect(r.body.purchasePrice).toBeNull();
      const seen = await api.admin.get(`/products/${product.id}`);
      expect(seen.body).toMatchObject({ ...PRICED, name: '有价商品改' });
      expect(seen.body.units).toEqual([
        expect.objectContaining({ name: '箱', ratio: '10.0000', purchasePrice: '115.0000', wholesalePrice: '140.0000', retailPrice: '200.0000' }),
      ]);
    });
  });
});
