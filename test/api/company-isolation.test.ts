// X4 multi-company (账套) isolation: data of company B is invisible and untouchable from
// company A; codes are unique per company; only members may switch in.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../src/modules/auth/install.js';
import { ADMIN_PASSWORD, type Client, type Reply, type TestApi, testApi, userWithRoles } from '../helpers/api.js';

type Body = Record<string, unknown>;

let api: TestApi;
let companyB: { id: string; code: string; name: string };
/** Admin logged in and switched to company B with PUT /session/company. */
let adminB: Client;
/** Rows created in company B, by resource. */
const inB: Record<string, Body> = {};

const RESOURCES = ['product-categories', 'products', 'suppliers', 'customers', 'employees', 'departments', 'warehouses', 'accounts', 'roles'] as const;

async function post(c: Client, res: string, body: Body): Promise<Body> {
  const r = await c.post(`/${res}`, body);
  expect(r.status, `${res}: ${JSON.stringify(r.body)}`).toBe(201);
  return r.body;
}

function expectError(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toMatchObject({ code, message: expect.any(String), messageEn: expect.any(String) });
}

/** Bodies with the same codes in both companies. */
const bodies = (tag: string, refs: { categoryId?: string; employeeId?: string; departmentId?: string } = {}): Record<(typeof RESOURCES)[number], Body> => ({
  'product-categories': { code: 'ISO-CAT', name: `${tag}类别` },
  products: {
    code: 'ISO-P1',
    name: `${tag}商品`,
    baseUnit: '件',
    categoryId: refs.categoryId,
    units: [{ name: '箱', ratio: '12', barcode: `ISO-BOX-${tag}` }],
    purchasePrice: '9.9000',
  },
  suppliers: { code: 'ISO-S1', name: `${tag}供应商`, status: 'candidate' },
  customers: { code: 'ISO-K1', name: `${tag}客户`, grade: 'A', salespersonId: refs.employeeId },
  employees: { code: 'ISO-E1', name: `${tag}职员`, departmentId: refs.departmentId },
  departments: { code: 'ISO-D1', name: `${tag}部门` },
  warehouses: { code: 'ISO-W1', name: `${tag}仓库`, keeperId: refs.employeeId },
  accounts: { code: 'ISO-A1', name: `${tag}账户`, type: 'cash' },
  roles: { code: 'ISO-R1', name: `${tag}角色`, permissions: ['products:view'] },
});

async function createAll(c: Client, tag: string): Promise<Record<string, Body>> {
  const out: Record<string, Body> = {};
  const b0 = bodies(tag);
  out['product-categories'] = await post(c, 'product-categories', b0['product-categories']);
  out.departments = await post(c, 'departments', b0.departments);
  const b1 = bodies(tag, { departmentId: out.departments.id as string });
  out.employees = await post(c, 'employees', b1.employees);
  const b = bodies(tag, {
    categoryId: out['product-categories'].id as string,
    employeeId: out.employees.id as string,
    departmentId: out.departments.id as string,
  });
  for (const res of ['products', 'suppliers', 'customers', 'warehouses', 'accounts', 'roles'] as const) out[res] = await post(c, res, b[res]);
  return out;
}

beforeAll(async () => {
  api = await testApi();
  companyB = await createCompany(api.db, 'B', '乙公司');
  adminB = api.client();
  expect((await adminB.login('admin', ADMIN_PASSWORD)).status).toBe(200);
  const sw = await adminB.put('/session/company', { companyId: companyB.id });
  expect(sw.status, JSON.stringify(sw.body)).toBe(200);
  Object.assign(inB, await createAll(adminB, '乙'));
});
afterAll(() => api.close());

describe('X4 company isolation (账套)', () => {
  it('PUT /session/company switches the current company and back', async () => {
    const c = api.client();
    await c.login('admin', ADMIN_PASSWORD);
    expect((await c.get('/session')).body.company.id).toBe(api.companyId);
    const toB = await c.put('/session/company', { companyId: companyB.id });
    expect(toB.status).toBe(200);
    expect(toB.body.company).toEqual({ id: companyB.id, code: 'B', name: '乙公司' });
    expect(toB.body.companies.map((x: Body) => x.id)).toEqual(expect.arrayContaining([api.companyId, companyB.id]));
    expect((await c.get('/session')).body.company.id).toBe(companyB.id);
    // Now B's rows are visible to this session.
    expect((await c.get(`/products/${inB.products.id}`)).status).toBe(200);
    const back = await c.put('/session/company', { companyId: api.companyId });
    expect(back.body.company.id).toBe(api.companyId);
    expectError(await c.get(`/products/${inB.products.id}`), 404, 'NOT_FOUND');
  });

  it('company B rows appear in B lists', async () => {
    for (const res of RESOURCES) {
      const r = await adminB.get(`/${res}?q=ISO-`);
      expect(
        r.body.items.map((x: Body) => x.id),
        res,
      ).toEqual([inB[res].id]);
    }
  });

  it.each(RESOURCES)('%s of company B are not in company A lists or exports', async (res) => {
    const r = await api.admin.get(`/${res}?pageSize=500`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: Body) => x.id)).not.toContain(inB[res].id);
    const q = await api.admin.get(`/${res}?q=${encodeURIComponent('乙')}`);
    expect(q.body.items).toEqual([]);
    expect(q.body.total).toBe(0);
    // The Excel export holds A's rows, one per row of the list, and none of B's.
    const x = await api.admin.get(`/${res}/export`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as never);
    const sheet = wb.worksheets[0];
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join('|')).not.toContain(inB[res].name as string);
    expect(sheet.actualRowCount - 1).toBe(r.body.total);
  });

  it.each(RESOURCES)('%s of company B: GET/PATCH/DELETE by id from company A → 404, and B is untouched', async (res) => {
    const id = inB[res].id;
    expectError(await api.admin.get(`/${res}/${id}`), 404, 'NOT_FOUND');
    expectError(await api.admin.patch(`/${res}/${id}`, { name: '甲改了乙' }), 404, 'NOT_FOUND');
    expectError(await api.admin.del(`/${res}/${id}`), 404, 'NOT_FOUND');
    const still = await adminB.get(`/${res}/${id}`);
    expect(still.status).toBe(200);
    expect(still.body).toEqual(inB[res]);
  });

  it('referencing B rows from A → 422 REFERENCE_NOT_FOUND (category, employee, department, parent)', async () => {
    const cases: [string, Body, string][] = [
      ['products', { code: 'X-P', name: 'x', baseUnit: '件', categoryId: inB['product-categories'].id }, 'categoryId'],
      ['customers', { code: 'X-K', name: 'x', salespersonId: inB.employees.id }, 'salespersonId'],
      ['customers', { code: 'X-K', name: 'x', regionalManagerId: inB.employees.id }, 'regionalManagerId'],
      ['employees', { code: 'X-E', name: 'x', departmentId: inB.departments.id }, 'departmentId'],
      ['warehouses', { code: 'X-W', name: 'x', keeperId: inB.employees.id }, 'keeperId'],
      ['product-categories', { code: 'X-C', name: 'x', parentId: inB['product-categories'].id }, 'parentId'],
      ['departments', { code: 'X-D', name: 'x', parentId: inB.departments.id }, 'parentId'],
    ];
    for (const [res, body, field] of cases) {
      const r = await api.admin.post(`/${res}`, body);
      expectError(r, 422, 'REFERENCE_NOT_FOUND');
      expect(r.body.error.details.field).toBe(field);
    }
    expect((await api.admin.get('/products?q=X-P')).body.total).toBe(0);
  });

  it('the same codes may exist in both companies (unique per company)', async () => {
    const inA = await createAll(api.admin, '甲');
    for (const res of RESOURCES) {
      expect(inA[res].code).toBe(inB[res].code);
      expect(inA[res].id).not.toBe(inB[res].id);
      // A's list shows only A's row; B's only B's.
      expect(
        (await api.admin.get(`/${res}?q=ISO-`)).body.items.map((x: Body) => x.id),
        res,
      ).toEqual([inA[res].id]);
      expect(
        (await adminB.get(`/${res}?q=ISO-`)).body.items.map((x: Body) => x.id),
        res,
      ).toEqual([inB[res].id]);
    }
    // Names of references resolve within the company.
    expect((await api.admin.get(`/products/${inA.products.id}`)).body.categoryName).toBe('甲类别');
    // A duplicate inside one company is still refused.
    expectError(await api.admin.post('/suppliers', { code: 'ISO-S1', name: '重复' }), 409, 'DUPLICATE_CODE');
    // PATCH of an A row cannot be pointed at B's row either.
    expectError(await api.admin.patch(`/products/${inA.products.id}`, { categoryId: inB['product-categories'].id }), 422, 'REFERENCE_NOT_FOUND');
  });

  it("X2 a unit barcode of B's product does not find anything in A", async () => {
    const r = await api.admin.get(`/products?q=${encodeURIComponent('ISO-BOX-乙')}`);
    expect(r.body.items).toEqual([]);
    const b = await adminB.get(`/products?q=${encodeURIComponent('ISO-BOX-乙')}`);
    expect(b.body.items.map((x: Body) => x.id)).toEqual([inB.products.id]);
  });

  it("users: B's roles cannot be given in A; A's users are not listed in B", async () => {
    const r = await api.admin.post('/users', { username: 'iso-user-x', displayName: 'x', password: 'password-123', roleIds: [inB.roles.id] });
    expectError(r, 422, 'REFERENCE_NOT_FOUND');
    const u = await api.admin.post('/users', { username: 'iso-user-a', displayName: '甲用户', password: 'password-123' });
    expect(u.status).toBe(201);
    const listB = await adminB.get('/users?pageSize=500');
    expect(listB.body.items.map((x: Body) => x.username)).not.toContain('iso-user-a');
    expectError(await adminB.get(`/users/${u.body.id}`), 404, 'NOT_FOUND');
    expectError(await adminB.patch(`/users/${u.body.id}`, { displayName: '乙改' }), 404, 'NOT_FOUND');
    expectError(await adminB.del(`/users/${u.body.id}`), 404, 'NOT_FOUND');
    expect((await api.admin.get(`/users/${u.body.id}`)).body).toMatchObject({ displayName: '甲用户', active: true });
  });

  it('a user who is only a member of A cannot switch to B or log in to B (403); the session stays in A', async () => {
    const c = await userWithRoles(api, 'only-in-a', ['buyer']);
    const sw = await c.put('/session/company', { companyId: companyB.id });
    expectError(sw, 403, 'FORBIDDEN');
    const me = await c.get('/session');
    expect(me.body.company.id).toBe(api.companyId);
    expect(me.body.companies.map((x: Body) => x.id)).toEqual([api.companyId]);
    expectError(await c.get(`/products/${inB.products.id}`), 404, 'NOT_FOUND');
    const other = api.client();
    expectError(await other.login('only-in-a', 'password-123', companyB.id), 403, 'FORBIDDEN');
    expect(other.cookie).toBe('');
    // An unknown company id is refused the same way.
    expectError(await c.put('/session/company', { companyId: '00000000-0000-4000-8000-000000000000' }), 403, 'FORBIDDEN');
  });

  it('audit rows of B are recorded under company B', async () => {
    const out = (await api.db.orm.execute(sql`SELECT DISTINCT company_id FROM audit_log WHERE entity_id = ${inB.suppliers.id}`)) as unknown as {
      rows: { company_id: string }[];
    };
    expect(out.rows.map((r) => r.company_id)).toEqual([companyB.id]);
  });

  it('import in A cannot resolve a category name that exists only in B', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商品');
    ws.addRow(['编码', '名称', '基本单位', '类别']);
    ws.addRow(['ISO-IMP', '导入', '件', '乙类别']);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await api.admin.request('POST', '/products/import', buf, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expectError(r, 422, 'IMPORT_INVALID');
    expect(r.body.error.details.rows).toEqual([expect.objectContaining({ row: 2, field: '类别' })]);
  });
});
