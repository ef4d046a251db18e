// Issue 10.6: every id in a request body names an existing row of the right kind in the
// caller's company, or the request answers 422 REFERENCE_NOT_FOUND naming the field and
// writes nothing. The fields come from the OpenAPI document: every property of a POST,
// PATCH or PUT body that is an id (format uuid, or a name ending in Id / Ids), at any
// depth (lines.2.productId, allocations.1.documentId, roleIds.1). Each is sent
//   (a) a random UUID,
//   (b) an id of a wrong kind (a purchase order where a sales order is expected, a unit
//       where a product is, a supplier where a customer is…),
//   (c) the same kind's id from another company,
// into an otherwise valid body (BASES below), which is then sent as it is and must be
// accepted — so each refusal is the field's. What kind a field expects is what the
// document declares (`x-references`), checked against the base body's own value; an id
// field without a declaration, or a route with id fields and no base body here, fails
// the test unless NOT_EXERCISED says why. A new route is walked without anyone adding it
// here, and fails until it can be.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeToday } from '../../src/core/office-day.js';
import { pgErrorCode } from '../../src/db/transaction.js';
import { toAppError } from '../../src/http/errors.js';
import { createCompany } from '../../src/modules/auth/install.js';
import { ADMIN_PASSWORD, type Client, type Reply, testApi } from '../helpers/api.js';
import { buildTradeWorld, type TradeWorld } from '../helpers/trade-world.js';

type Body = Record<string, any>;
type Schema = Record<string, any>;

/** Routes whose id fields are not references to a row of the caller's company, and why. */
const NOT_EXERCISED: Record<string, string> = {
  'POST /api/v1/session':
    'companyId picks which of the user’s own companies to log into; it is a membership check (403 FORBIDDEN), made before there is a company to look in',
  'PUT /api/v1/session/company':
    'companyId switches to another company the user is a member of: a membership check (403 FORBIDDEN), not a reference within one',
};

// ---- The document's id fields -----------------------------------------------------------

const api = await testApi();
const doc = (await api.client().get('/api/openapi.json')).body as { paths: Record<string, Record<string, Schema>>; components?: Schema };

const deref = (s: Schema | undefined): Schema | undefined => {
  let out = s;
  while (out?.$ref)
    out = (out.$ref as string)
      .split('/')
      .slice(1)
      .reduce((o: Schema, k: string) => o?.[k], doc as Schema);
  return out;
};
/** A schema without its `null` alternative. */
const nonNull = (s: Schema | undefined): Schema | undefined => {
  const d = deref(s);
  const alt = (d?.anyOf ?? d?.oneOf) as Schema[] | undefined;
  if (alt) return nonNull(alt.find((a) => deref(a)?.type !== 'null'));
  return d;
};
const isUuid = (s: Schema | undefined) => s?.format === 'uuid';

interface IdField {
  /** lines.*.productId, roleIds.* */
  path: string;
  /** The declared `x-references` of the field, if any. */
  declared?: string;
}

function idFields(schema: Schema | undefined, prefix = ''): IdField[] {
  const s = nonNull(schema);
  if (!s?.properties) return [];
  const out: IdField[] = [];
  for (const [key, raw] of Object.entries(s.properties as Record<string, Schema>)) {
    const p = nonNull(raw);
    const path = `${prefix}${key}`;
    if (p?.type === 'array') {
      const item = nonNull(p.items);
      if (isUuid(item) || (/Ids$/.test(key) && item?.type === 'string')) out.push({ path: `${path}.*`, declared: item?.['x-references'] ?? p['x-references'] });
      else out.push(...idFields(item, `${path}.*.`));
    } else if (isUuid(p) || (/Id$/.test(key) && p?.type === 'string')) {
      out.push({ path, declared: p?.['x-references'] ?? deref(raw)?.['x-references'] });
    } else if (p?.properties) {
      out.push(...idFields(p, `${path}.`));
    }
  }
  return out;
}

const OPERATIONS = Object.entries(doc.paths)
  .flatMap(([path, item]) =>
    (['post', 'patch', 'put'] as const)
      .filter((m) => item[m])
      .map((m) => ({
        op: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        fields: idFields(item[m].requestBody?.content?.['application/json']?.schema),
      })),
  )
  .filter((o) => o.fields.length > 0);

// ---- Ids by kind, per company --------------------------------------------------------------

/** What each existing id of a company is: a table (`products`), or a document's or a line's kind. */
type Catalogue = Map<string, string>;

async function catalogue(companyId: string): Promise<Catalogue> {
  const out: Catalogue = new Map();
  const rows = async (q: ReturnType<typeof sql>) => ((await api.db.orm.execute(q)) as unknown as { rows: { id: string; what: string }[] }).rows;
  for (const table of [
    'suppliers',
    'customers',
    'products',
    'product_units',
    'warehouses',
    'accounts',
    'employees',
    'departments',
    'product_categories',
    'roles',
  ]) {
    for (const r of await rows(sql`SELECT id::text AS id, ${table}::text AS what FROM ${sql.identifier(table)} WHERE company_id = ${companyId}`))
      out.set(r.id, r.what);
  }
  for (const r of await rows(sql`SELECT id::text AS id, 'documents:' || kind AS what FROM documents WHERE company_id = ${companyId} AND status <> 'deleted'`))
    out.set(r.id, r.what);
  for (const r of await rows(sql`
      SELECT l.id::text AS id, 'document_lines:' || d.kind AS what FROM document_lines l
      JOIN documents d ON d.company_id = l.company_id AND d.id = l.document_id
      WHERE l.company_id = ${companyId} AND d.status <> 'deleted'`))
    out.set(r.id, r.what);
  return out;
}

/** Whether an id of kind `what` (from the catalogue) is what `target` (`documents:a,b`) names. */
function fits(target: string, what: string): boolean {
  const [table, kinds] = target.split(':');
  const [wTable, wKind] = what.split(':');
  return table === wTable && (!kinds || kinds.split(',').includes(wKind));
}

// The wrong kind most easily confused with the right one.
const MIRROR: Record<string, string> = {
  purchase_order: 'sales_order',
  sales_order: 'purchase_order',
  purchase_bill: 'sales_delivery',
  sales_delivery: 'purchase_bill',
  purchase_return: 'sales_return',
  sales_return: 'purchase_return',
  advance_receipt: 'prepayment',
  prepayment: 'advance_receipt',
};
const CONFUSED: Record<string, string> = {
  suppliers: 'customers',
  customers: 'suppliers',
  products: 'product_units',
  product_units: 'products',
  employees: 'departments',
  departments: 'product_categories',
  product_categories: 'departments',
  warehouses: 'accounts',
  accounts: 'warehouses',
  roles: 'employees',
};

function wrongKind(target: string, cat: Catalogue): string | undefined {
  const [table, kinds] = target.split(':');
  const all = [...cat.entries()];
  if (kinds) {
    const mirrors = kinds.split(',').map((k) => `${table}:${MIRROR[k]}`);
    return (all.find(([, w]) => mirrors.includes(w) && !fits(target, w)) ?? all.find(([, w]) => w.startsWith(`${table}:`) && !fits(target, w)))?.[0];
  }
  return all.find(([, w]) => w === CONFUSED[table])?.[0] ?? all.find(([, w]) => w.startsWith('documents:'))?.[0];
}

const sameKind = (target: string, cat: Catalogue) => [...cat.entries()].find(([, w]) => fits(target, w))?.[0];

// ---- Bodies ---------------------------------------------------------------------------

/** Where a path's `*` is the last element of its array in `body` (lines.1.productId). */
function concretePath(body: Body, path: string): string | undefined {
  const parts = path.split('.');
  let node: any = body;
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '*') {
      if (!Array.isArray(node) || node.length === 0) return undefined;
      out.push(String(node.length - 1));
      node = node[node.length - 1];
    } else {
      out.push(part);
      if (i < parts.length - 1) {
        if (node?.[part] === undefined) return undefined;
        node = node[part];
      }
    }
  }
  return out.join('.');
}

const valueAt = (body: Body, path: string) => path.split('.').reduce((n: any, k) => n?.[k], body);
function withValue(body: Body, path: string, value: string): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((n: any, k) => n[k], copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}

/** Every row of every table, hashed: a refusal must leave all of them as they were. */
let fingerprintQuery: string;
async function fingerprint(): Promise<string> {
  const r = (await api.db.orm.execute(sql.raw(fingerprintQuery))) as unknown as { rows: { t: string; h: string }[] };
  return r.rows.map((x) => `${x.t}:${x.h}`).join(' ');
}

interface Base {
  url: string;
  body: Body;
}

let w: TradeWorld;
let n = 0;
const code = (p: string) => `R${p}${++n}`;
const date = officeToday();

async function created(path: string, body: Body): Promise<Body> {
  const r = await api.admin.post(path, body);
  if (r.status !== 201) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** An otherwise valid body for each route, naming every id field it has (two lines where there are lines). */
function bases(): Record<string, () => Promise<Base>> {
  const [p1, p2] = w.products;
  const [u1, u2] = w.units;
  const goods = (extra: (i: number) => Body = () => ({})) => [
    { productId: p1, unitId: u1, qty: '1', ...extra(0) },
    { productId: p2, unitId: u2, qty: '1', ...extra(1) },
  ];
  const documents: Record<string, () => Body> = {
    'purchase-orders': () => ({ supplierId: w.supplier, warehouseId: w.warehouse, date, employeeId: w.employee, lines: goods(() => ({ price: '120.00' })) }),
    'purchase-bills': () => ({
      supplierId: w.supplier,
      warehouseId: w.warehouse,
      date,
      employeeId: w.employee,
      orderId: w.purchaseOrder.id,
      lines: goods((i) => ({ orderLineId: w.purchaseOrder.lines[i].id })),
    }),
    'purchase-returns': () => ({
      supplierId: w.supplier,
      warehouseId: w.warehouse,
      date,
      employeeId: w.employee,
      billId: w.purchaseBill.id,
      lines: goods((i) => ({ billLineId: w.purchaseBill.lines[i].id })),
    }),
    'purchase-settlements': () => ({
      supplierId: w.supplier,
      accountId: w.account,
      date,
      employeeId: w.employee,
      paymentTotal: '2.00',
      allocations: [
        { documentId: w.purchaseBill.id, amount: '1.00' },
        { documentId: w.purchaseBill2.id, amount: '1.00' },
      ],
    }),
    prepayments: () => ({
      supplierId: w.supplier,
      purchaseOrderId: w.purchaseOrder.id,
      accountId: w.account,
      date,
      amount: '1.00',
      employeeId: w.employee,
    }),
    'sales-orders': () => ({ customerId: w.customer, warehouseId: w.warehouse, date, employeeId: w.employee, lines: goods() }),
    'sales-deliveries': () => ({
      customerId: w.customer,
      warehouseId: w.warehouse,
      date,
      employeeId: w.employee,
      orderId: w.salesOrder.id,
      lines: goods((i) => ({ orderLineId: w.salesOrder.lines[i].id })),
    }),
    'sales-returns': () => ({
      customerId: w.customer,
      warehouseId: w.warehouse,
      date,
      employeeId: w.employee,
      deliveryId: w.delivery.id,
      lines: goods((i) => ({ deliveryLineId: w.delivery.lines[i].id })),
    }),
    receipts: () => ({
      customerId: w.customer,
      accountId: w.account,
      date,
      employeeId: w.employee,
      receiptTotal: '2.00',
      allocations: [
        { documentId: w.delivery.id, amount: '1.00' },
        { documentId: w.delivery2.id, amount: '1.00' },
      ],
    }),
    'advance-receipts': () => ({
      customerId: w.customer,
      salesOrderId: w.salesOrder.id,
      accountId: w.account,
      date,
      amount: '1.00',
      employeeId: w.employee,
    }),
  };
  const master: Record<string, () => Body> = {
    'product-categories': () => ({ code: code('C'), name: '子类别', parentId: w.category }),
    products: () => ({ code: code('P'), name: '新商品', baseUnit: '件', categoryId: w.category, units: [{ name: '箱', ratio: '12' }] }),
    customers: () => ({ code: code('K'), name: '新客户', salespersonId: w.employee, regionalManagerId: w.employee }),
    departments: () => ({ code: code('D'), name: '子部门', parentId: w.department }),
    employees: () => ({ code: code('E'), name: '新职员', departmentId: w.department }),
    warehouses: () => ({ code: code('W'), name: '新仓库', keeperId: w.employee }),
    'dealer-authorizations': () => ({ code: code('DA'), name: '经销商', customerId: w.customer, territory: '华东', validFrom: date, validTo: date }),
    users: () => ({ username: code('u').toLowerCase(), displayName: '新用户', password: 'password-123', employeeId: w.employee, roleIds: w.roles.slice(0, 2) }),
  };
  const out: Record<string, () => Promise<Base>> = {};
  for (const [res, body] of Object.entries({ ...documents, ...master })) {
    out[`POST /api/v1/${res}`] = async () => ({ url: `/${res}`, body: body() });
    out[`PATCH /api/v1/${res}/{id}`] = async () => {
      const row = await created(`/${res}`, body());
      const patch = body();
      if (res in master) for (const k of ['code', 'username']) delete patch[k];
      // a product's units are named by id when edited
      if (res === 'products') patch.units = [{ id: row.units[0].id, name: '箱', ratio: '12' }];
      return { url: `/${res}/${row.id}`, body: patch };
    };
  }
  const on = (url: string, body: Body) => async () => ({ url, body });
  Object.assign(out, {
    'POST /api/v1/sales-orders/allocation': on('/sales-orders/allocation', { productId: p1, warehouseId: w.warehouse }),
    'POST /api/v1/complaints': on('/complaints', { customerId: w.customer, orderId: w.salesOrder.id, productId: p1, description: '包装破损' }),
    'POST /api/v1/complaints/{id}/replacement': on(`/complaints/${w.complaint.id}/replacement`, {
      warehouseId: w.warehouse,
      date,
      lines: goods(),
    }),
    'POST /api/v1/sales-orders/{id}/deposit-confirmation': on(`/sales-orders/${w.salesOrder.id}/deposit-confirmation`, {
      amount: '100.00',
      advanceReceiptId: w.advanceReceipt.id,
      accountId: w.account,
    }),
    'POST /api/v1/sales-orders/{id}/payment-confirmation': on(`/sales-orders/${w.salesOrder.id}/payment-confirmation`, {
      amount: '100.00',
      advanceReceiptId: w.advanceReceipt.id,
      accountId: w.account,
    }),
    'POST /api/v1/sales-deliveries/{id}/cod': on(`/sales-deliveries/${w.savedDelivery.id}/cod`, {
      vehicle: '粤B',
      driverId: w.employee,
      amountToCollect: '1.00',
    }),
    'POST /api/v1/sales-deliveries/{id}/cod/status': on(`/sales-deliveries/${w.deliveryWithDriver.id}/cod/status`, {
      status: 'delivered',
      accountId: w.account,
    }),
  });
  return out;
}

// ---- The walk -----------------------------------------------------------------------------

let mine: Catalogue;
let theirs: Catalogue;
let BASES: Record<string, () => Promise<Base>>;

beforeAll(async () => {
  const tables = (
    (await api.db.orm.execute(
      sql`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )) as unknown as { rows: { t: string }[] }
  ).rows.map((r) => r.t);
  fingerprintQuery = tables
    .map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`)
    .join(' UNION ALL ');

  const companyB = await createCompany(api.db, 'RB', '乙公司');
  const adminB: Client = api.client();
  expect((await adminB.login('admin', ADMIN_PASSWORD)).status).toBe(200);
  expect((await adminB.put('/session/company', { companyId: companyB.id })).status).toBe(200);
  await buildTradeWorld(adminB, 'B');
  w = await buildTradeWorld(api.admin, 'A');
  mine = await catalogue(api.companyId);
  theirs = await catalogue(companyB.id);
  BASES = bases();
});
afterAll(() => api.close());

describe('10.6 every id in a request body names a row of the right kind in the same company', () => {
  it('the document has routes with ids in their bodies, and each is exercised or said why not', () => {
    expect(OPERATIONS.length).toBeGreaterThan(30);
    for (const op of Object.keys(NOT_EXERCISED))
      expect(
        OPERATIONS.map((o) => o.op),
        `NOT_EXERCISED lists ${op}, which has no id fields`,
      ).toContain(op);
  });

  for (const { op, method, fields } of OPERATIONS) {
    if (op in NOT_EXERCISED) continue;
    it(`10.6 ${op}: ${fields.map((f) => f.path).join(', ')} — unknown, wrong kind and another company's → 422 REFERENCE_NOT_FOUND, nothing written`, async () => {
      const problems: string[] = [];
      const make = BASES[op];
      if (!make)
        throw new Error(`${op} has id fields (${fields.map((f) => f.path).join(', ')}) and no base body in BASES; add one or list it in NOT_EXERCISED`);
      const base = await make();
      // the base may have made the row it edits (a product and its units)
      mine = await catalogue(api.companyId);
      const before = await fingerprint();
      for (const field of fields) {
        const path = concretePath(base.body, field.path);
        if (!path) {
          problems.push(`${field.path}: the base body has no place for it`);
          continue;
        }
        const present = valueAt(base.body, path) as string | undefined;
        const presentKind = present ? mine.get(present) : undefined;
        if (present && !presentKind) problems.push(`${path}: the base body's ${present} is no row of the company`);
        if (!field.declared) problems.push(`${path}: the document does not declare what it references (x-references)`);
        else if (presentKind && !fits(field.declared, presentKind))
          problems.push(`${path}: declared ${field.declared} but the base body names a ${presentKind}`);
        const target = field.declared ?? presentKind;
        if (!target) continue;
        const cases: [string, string | undefined][] = [
          ['a random UUID', randomUUID()],
          ['a wrong kind', wrongKind(target, mine)],
          ["another company's", sameKind(target, theirs)],
        ];
        for (const [what, value] of cases) {
          if (!value) {
            problems.push(`${path}: no id for ${what} of ${target}`);
            continue;
          }
          const r: Reply = await api.admin.request(method, base.url, withValue(base.body, path, value));
          const e: Body | undefined = r.body?.error;
          if (r.status !== 422 || e?.code !== 'REFERENCE_NOT_FOUND' || e?.details?.field !== path)
            problems.push(`${path} = ${what} (${mine.get(value) ?? theirs.get(value) ?? 'unknown'}): ${r.status} ${JSON.stringify(r.body).slice(0, 240)}`);
          else if (typeof e.message !== 'string' || typeof e.messageEn !== 'string') problems.push(`${path}: no message`);
          if ((await fingerprint()) !== before) {
            problems.push(`${path} = ${what}: the refused request wrote to the database`);
            break;
          }
        }
      }
      // The base body itself is accepted: every refusal above was the field's.
      const r = await api.admin.request(method, base.url, base.body);
      if (r.status !== 200 && r.status !== 201) problems.push(`the base body is refused: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      expect(problems).toEqual([]);
    });
  }

  it('10.6 a foreign-key violation that still reaches the error handler is 422 REFERENCE_NOT_FOUND naming the field', async () => {
    const bad = randomUUID();
    const violation = (q: ReturnType<typeof sql>) =>
      api.db.orm.execute(q).then(
        () => null,
        (err: unknown) => err,
      );
    const complaint = await violation(
      sql`INSERT INTO complaints (company_id, number, customer_id, product_id, description) VALUES (${api.companyId}, 'FK-1', ${w.customer}, ${bad}, '—')`,
    );
    expect(pgErrorCode(complaint)).toBe('23503');
    // named by where the request body held the missing id…
    const named = toAppError(complaint, { customerId: w.customer, productId: bad });
    expect([named.status, named.code, named.details]).toEqual([422, 'REFERENCE_NOT_FOUND', { field: 'productId' }]);
    const line = await violation(
      sql`INSERT INTO document_lines (company_id, document_id, line_no, product_id) VALUES (${api.companyId}, ${w.salesOrder.id}, 99, ${bad})`,
    );
    expect(toAppError(line, { lines: [{ productId: w.products[0] }, { productId: bad }] }).details).toEqual({ field: 'lines.1.productId' });
    // …or, with no body to look in, by the column in the API's spelling
    expect(toAppError(line).details).toEqual({ field: 'productId' });
    const other = await violation(sql`UPDATE documents SET source_id = ${[...theirs.keys()][0]} WHERE company_id = ${api.companyId} AND id = ${w.delivery.id}`);
    expect(toAppError(other, { orderId: [...theirs.keys()][0] }).details).toEqual({ field: 'orderId' });
  });
});
