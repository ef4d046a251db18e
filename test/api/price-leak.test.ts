// Issue 10.4 / X4: no price, cost or amount reaches a role without the permission that
// unlocks it. Every GET route of the OpenAPI document is called as every built-in role
// (the demo company's users, the administrator for `admin`) with the demo data loaded,
// its path parameters filled with real ids of the right kind and its required query
// parameters with real values; every money field of a JSON answer and every money header
// of an Excel answer is checked against the role's permissions. The routes come from the
// document, so a new route is walked without anyone adding it here; a route that cannot be
// called with data (no id of its kind, a parameter nobody knows how to fill, an empty
// answer even for the administrator) fails the test unless NOT_EXERCISED says why.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeToday } from '../../src/core/office-day.js';
import { BUILTIN_ROLES, type Permission, RESOURCES } from '../../src/modules/auth/permissions.js';
import { DEMO_PASSWORD, loadDemoData } from '../../src/modules/demo/demo-data.js';
import { type Client, type TestApi, testApi } from '../helpers/api.js';
import { type Family, headerFamily, moneyFamily, moneyFields } from '../helpers/money-fields.js';

type Body = Record<string, unknown>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function sheet(body: Uint8Array): Promise<{ headers: string[]; dataRows: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  let headers: string[] = [];
  // The header is the first row with two text cells (a title row above it would be one cell).
  for (let r = 1; r <= Math.min(ws.rowCount, 10) && !headerRow; r++) {
    const cells = (ws.getRow(r).values as unknown[]).slice(1).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (cells.length >= 2) {
      headerRow = r;
      headers = cells;
    }
  }
  return { headers, dataRows: headerRow ? ws.rowCount - headerRow : 0 };
}

// ---- Who may see it --------------------------------------------------------------------
/** Alternatives, each a set of permissions held together. */
type Gate = Record<Family, Permission[][]>;
const gate = (money: Permission[][], cost: Permission[][] = money): Gate => ({ money, cost });

// Money documents are nothing but money: whoever may view one sees it (money-visibility.ts).
// Settlement accounts and their cash journal likewise.
const MONEY_RESOURCES = ['purchase-settlements', 'prepayments', 'receipts', 'advance-receipts', 'accounts'] as const;
// Route families that are not a permission resource (and reports, one whose amounts are
// what it is read for): each says whose permission unlocks its money. A new family fails
// the test until it is given a line here; a resource's own routes need <resource>:price.
const FAMILIES: Record<string, Gate> = {
  session: gate([]), // the caller's own session and the catalogue: no money for anyone
  meta: gate([]),
  backups: gate([]), // file names, sizes and times of the installation's backups
  // the sales report is amounts for whoever may read it; its cost and margin need reports:price
  reports: gate([['reports:view']], [['reports:price']]),
  // the default price of a new line is a purchase price (P4) or a sales price (S2)
  'purchase-prices': gate([['purchase-bills:price'], ['purchase-orders:price']]),
  'sales-prices': gate([['sales-orders:price']]),
  receivables: gate([['receipts:view']]),
  // money held by drivers is what the delivery notes are worth
  cod: gate([['sales-deliveries:price']]),
  cash: gate([['accounts:view']]),
  // A2 待审批: document numbers, partners and steps; no amounts (the document shows them)
  approvals: gate([]),
};

function gateOf(path: string): Gate | null {
  const family = path.split('/')[3];
  if (family in FAMILIES) return FAMILIES[family];
  if ((MONEY_RESOURCES as readonly string[]).includes(family)) return gate([[`${family}:view` as Permission]]);
  if (!(family in RESOURCES)) return null;
  const price = `${family}:price` as Permission;
  // What a sale cost us is a stock price: a customer document's cost and margin need
  // stock:price as well as the document's own prices. A purchase document's cost is its
  // own price.
  const sales = RESOURCES[family as keyof typeof RESOURCES].module === 'sales';
  return gate([[price]], [sales ? [price, 'stock:price'] : [price]]);
}

const allows = (alternatives: Permission[][], perms: Set<string>) => alternatives.some((alt) => alt.every((p) => perms.has(p)));
const describeGate = (alternatives: Permission[][]) => alternatives.map((a) => a.join(' + ')).join(' | ') || 'nobody';

// ---- Routes that cannot be exercised, with the reason -----------------------------------
const NOT_EXERCISED: Record<string, string> = {
  // Backups are files on the server's disk: none in a test database, and their listing
  // (names, sizes, times) holds no money; test/db/backup.test.ts reads it.
  '/api/v1/backups': 'no backup files exist in a test database',
};
/** Answers that are empty by nature: an import template is the header row alone. */
const EMPTY_BY_NATURE = (route: string) => /\/import-template$/.test(route);

// ---- The walk --------------------------------------------------------------------------
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
type Operation = { parameters?: Parameter[] };
type OpenApi = { paths: Record<string, { get?: Operation; parameters?: Parameter[] }> };

interface Call {
  route: string;
  url: string;
}

let api: TestApi;
let doc: OpenApi;
const clients = new Map<string, Client>();
const permsOf = (code: string) => new Set<string>(BUILTIN_ROLES.find((r) => r.code === code)?.permissions ?? []);
/** Real ids of each kind (resource name), the richest first. */
const ids: Record<string, string[]> = {};
const values: Record<string, string> = {};
const calls: Call[] = [];
const problems: string[] = [];

/** Preferred master-data rows: the ones the demo documents use, so their answers have data. */
const PREFERRED: Record<string, string> = { products: 'SF-1001-HS', suppliers: 'GYS004', customers: 'KH001', warehouses: 'CK01', accounts: 'YH01' };

const ok = async (r: Promise<{ status: number; body: Body }>, status = 201) => {
  const x = await r;
  expect(x.status, JSON.stringify(x.body).slice(0, 400)).toBe(status);
  return x.body as Body & { id: string; lines: Body[] };
};

/** The documents the demo company lacks, made and audited the way clerks do. */
async function addWhatTheDemoLacks(a: Client, manager: Client, day: (n: number) => string) {
  const byCode = async (res: string, code: string) => ((await a.get(`/${res}?q=${code}`)).body.items as Body[]).find((x) => x.code === code)?.id as string;
  const [kh001, kh007, gys005, ck01, yh01, driver] = [
    await byCode('customers', 'KH001'),
    await byCode('customers', 'KH007'),
    await byCode('suppliers', 'GYS005'),
    await byCode('warehouses', 'CK01'),
    await byCode('accounts', 'YH01'),
    await byCode('employees', 'E011'),
  ];
  const sofa = await byCode('products', 'SF-1001-HS');
  const corner = await byCode('products', 'SF-2002-HS');
  const bed = await byCode('products', 'C-1500-BS');
  // a purchase return against the sofas' bill
  const bills = (await a.get(`/purchase-bills?supplierId=${gys005}`)).body.items as Body[];
  const bill = await ok(a.get(`/purchase-bills/${bills[0].id}`), 200);
  const billLine = bill.lines.find((l) => l.productId === corner) as Body;
  const pr = await ok(
    a.post('/purchase-returns', {
      supplierId: gys005,
      warehouseId: ck01,
      date: day(3),
      billId: bill.id,
      lines: [{ productId: corner, qty: '1', billLineId: billLine.id }],
    }),
  );
  await ok(a.post(`/purchase-returns/${pr.id}/audit`), 200);
  // a sales return against the credit customer's delivery
  const deliveries = (await a.get(`/sales-deliveries?customerId=${kh001}`)).body.items as Body[];
  const delivery = await ok(a.get(`/sales-deliveries/${deliveries[0].id}`), 200);
  const deliveryLine = delivery.lines.find((l) => l.productId === sofa) as Body;
  const sr = await ok(
    a.post('/sales-returns', {
      customerId: kh001,
      warehouseId: ck01,
      date: day(2),
      deliveryId: delivery.id,
      inspection: '包装完好',
      lines: [{ productId: sofa, qty: '1', deliveryLineId: deliveryLine.id }],
    }),
  );
  // S7 the return is approved by the manager (nobody approves their own), then received
  await ok(manager.post(`/sales-returns/${sr.id}/approval`, { reason: '扶手开裂，同意退回' }), 200);
  await ok(a.post(`/sales-returns/${sr.id}/audit`), 200);
  // A2 a delivery the manager made, waiting for an approver (the administrator's 待审批)
  const waiting = await ok(manager.post('/sales-deliveries', { customerId: kh001, warehouseId: ck01, date: day(1), lines: [{ productId: sofa, qty: '1' }] }));
  await ok(manager.post(`/sales-deliveries/${waiting.id}/approvals`), 200);
  // a delivery long past its due date, on the company's vehicle: overdue, and money a driver holds
  const old = await ok(a.post('/sales-deliveries', { customerId: kh001, warehouseId: ck01, date: day(70), lines: [{ productId: sofa, qty: '1' }] }));
  await ok(a.post(`/sales-deliveries/${old.id}/audit`), 200);
  await ok(a.post(`/sales-deliveries/${old.id}/cod`, { vehicle: '粤E·12345', driverId: driver }), 200);
  // a made-to-order order with its deposit received and confirmed, in production, the balance asked
  const order = await ok(
    a.post('/sales-orders', {
      customerId: kh007,
      warehouseId: ck01,
      date: day(3),
      source: 'fax',
      contractDate: day(-30),
      depositPct: '30',
      requiresProduction: true,
      lines: [{ productId: bed, qty: '2' }],
    }),
  );
  await ok(a.post(`/sales-orders/${order.id}/confirmation`, { confirmedWith: '唐小兵', method: 'phone' }), 200);
  await ok(a.post(`/sales-orders/${order.id}/audit`), 200);
  const deposit = await ok(
    a.post('/advance-receipts', { customerId: kh007, salesOrderId: order.id, accountId: yh01, date: day(2), amount: order.depositRequired }),
  );
  await ok(a.post(`/advance-receipts/${deposit.id}/audit`), 200);
  await ok(a.post(`/sales-orders/${order.id}/deposit-confirmation`, { amount: order.depositRequired }), 200);
  await ok(a.post(`/sales-orders/${order.id}/production`, { plannedShipDate: day(-20) }), 200);
  await ok(a.post(`/sales-orders/${order.id}/balance-request`, { amount: '100.00' }), 200);
  // a complaint about the delivered sofa, and a dealer's letter of authorisation
  await ok(a.post('/complaints', { customerId: kh001, productId: sofa, orderId: delivery.sourceId ?? null, description: '沙发扶手开裂，客户要求补件' }));
  await ok(
    a.post('/dealer-authorizations', {
      code: 'SQ-DEMO-001',
      name: '长沙天杉专卖店',
      customerId: kh001,
      territory: '湖南省长沙市',
      validFrom: day(300),
      validTo: day(-60),
    }),
  );
}

/** Real ids of each kind: what the administrator's list of it answers, preferred rows first. */
async function collectIds(a: Client) {
  const kinds = new Set(Object.keys(doc.paths).map((p) => p.split('/')[3]));
  for (const kind of kinds) {
    const r = await a.get(`/${kind}?pageSize=200`);
    if (r.status !== 200 || !Array.isArray(r.body?.items)) continue;
    const items = r.body.items as Body[];
    const first = items.filter((x) => x.code === PREFERRED[kind]);
    const rest = items.filter((x) => x.code !== PREFERRED[kind] && typeof x.id === 'string');
    // a few of each kind, so a document in another state (saved, audited, partial, on COD) is walked too
    ids[kind] = [...first, ...rest].slice(0, 6).map((x) => x.id as string);
  }
}

/** `productId` → products, `productIds` → products, `supplierId` → suppliers. */
const kindOfParam = (name: string) => {
  const m = /^(.*)Ids?$/.exec(name);
  if (!m) return null;
  const kebab = m[1].replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  return kebab.endsWith('y') ? `${kebab.slice(0, -1)}ies` : `${kebab}s`;
};

// Optional query values that give a route data to answer with; the rest keep their defaults.
const QUERY_HINTS: Record<string, Record<string, () => string>> = {
  // overdue as of a year from now: every open receivable is overdue by then
  '/api/v1/receivables/overdue': { date: () => values.yearAhead },
  // the month of the demo's deliveries
  '/api/v1/reports/sales': { period: () => 'month' },
};

function plan(path: string, params: Parameter[]): Call[] | string {
  let urls = [path];
  for (const p of params.filter((x) => x.in === 'path')) {
    const before = path.split(`/{${p.name}}`)[0].split('/').pop() as string;
    const kind = p.name === 'id' ? before : kindOfParam(p.name);
    const list = kind ? ids[kind] : undefined;
    if (!list?.length) return `no id of kind ${kind ?? '?'} for {${p.name}}`;
    urls = urls.flatMap((u) => list.map((id) => u.replace(`{${p.name}}`, id)));
  }
  const query: string[] = [];
  const hints = QUERY_HINTS[path] ?? {};
  for (const p of params.filter((x) => x.in === 'query')) {
    let v: string | undefined = hints[p.name]?.();
    if (v === undefined && p.required) {
      const kind = kindOfParam(p.name);
      v = kind ? ids[kind]?.[0] : values[p.name];
      if (v === undefined) return `no value for the required query parameter ${p.name}`;
    }
    if (v !== undefined) query.push(`${p.name}=${encodeURIComponent(v)}`);
  }
  return urls.map((u) => ({ route: path, url: (query.length ? `${u}?${query.join('&')}` : u).replace(/^\/api\/v1/, '') }));
}

beforeAll(async () => {
  api = await testApi();
  expect((await loadDemoData(api.db, api.companyId)).loaded).toBe(true);
  const a = api.admin;
  /** The office's date `n` days before today (after it, for a negative n). */
  const day = (n: number) => {
    const d = new Date(`${officeToday()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };
  // every built-in role: the demo company's user holding it, the administrator for admin
  const roles = (await a.get('/roles?pageSize=500')).body.items as Body[];
  const users = (await a.get('/users?pageSize=500')).body.items as Body[];
  for (const role of BUILTIN_ROLES) {
    if (role.code === 'admin') {
      clients.set('admin', a);
      continue;
    }
    const id = roles.find((r) => r.code === role.code)?.id;
    const user = users.find((u) => (u.roleIds as string[]).length === 1 && (u.roleIds as string[])[0] === id);
    expect(user, `a demo user with the role ${role.code}`).toBeDefined();
    const c = api.client();
    expect((await c.login(user?.username as string, DEMO_PASSWORD)).status).toBe(200);
    clients.set(role.code, c);
  }

  await addWhatTheDemoLacks(a, clients.get('sales_manager') as Client, day);
  doc = (await a.get('/api/openapi.json')).body;
  await collectIds(a);
  const sales = (await a.get('/sales-deliveries?status=audited&pageSize=200')).body.items as Body[];
  values.date = sales.map((d) => d.date as string).sort()[sales.length - 1];
  values.yearAhead = day(-365);
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!item.get) continue;
    if (NOT_EXERCISED[path]) continue;
    const planned = plan(path, [...(item.parameters ?? []), ...(item.get.parameters ?? [])]);
    if (typeof planned === 'string') problems.push(`GET ${path}: ${planned}`);
    else calls.push(...planned);
  }
}, 120_000);
afterAll(() => api.close());

/** Calls a route as a role: the money it was shown, as `{family: [where…]}`, or its status. */
async function shown(c: Client, url: string): Promise<{ status: number; money: { where: string; family: Family }[]; empty: boolean }> {
  const r = await c.get(url);
  if (r.status !== 200) return { status: r.status, money: [], empty: true };
  if ((r.headers.get('content-type') ?? '').includes(XLSX)) {
    const s = await sheet(r.body);
    const money = s.headers.flatMap((h) => {
      const family = headerFamily(h);
      return family ? [{ where: `column ${h}`, family }] : [];
    });
    return { status: 200, money, empty: s.dataRows === 0 };
  }
  const body = r.body as Body;
  // a list, report, statement or journal with no rows is empty; a money document has no lines by nature
  const lists = ['items', 'rows', ...('id' in body ? [] : ['lines'])].filter((k) => Array.isArray(body?.[k]));
  return {
    status: 200,
    money: moneyFields(body).map((m) => ({ where: `${m.path}=${m.value}`, family: m.family })),
    empty: lists.length > 0 && lists.every((k) => (body[k] as unknown[]).length === 0),
  };
}

describe('10.4 X4 every GET route as every role: money only with the permission for it', () => {
  it('the money detector knows money from quantities, rates, counts and names', () => {
    expect(moneyFamily('price', '12.5000')).toBe('money');
    expect(moneyFamily('price1', '12.5000')).toBe('money');
    expect(moneyFamily('amountToCollect', '2800.00')).toBe('money');
    expect(moneyFamily('creditLimit', '80000.00')).toBe('money');
    expect(moneyFamily('costOfGoods', '11400.00')).toBe('cost');
    expect(moneyFamily('avgCost', '2600.000000')).toBe('cost');
    expect(moneyFamily('totalQty', '3.0000')).toBeNull();
    expect(moneyFamily('taxRate', '0.1300')).toBeNull();
    expect(moneyFamily('total', 20)).toBeNull(); // a page's row count
    expect(moneyFamily('priceLevel', 'price1')).toBeNull();
    expect(moneyFamily('defaultPurchasePrice', 'last')).toBeNull();
    expect(moneyFamily('dueDate', '2026-12-29')).toBeNull();
    expect(headerFamily('进货价')).toBe('money');
    expect(headerFamily('信用额度')).toBe('money');
    expect(headerFamily('成本单价')).toBe('cost');
    expect(headerFamily('价格等级')).toBeNull();
    expect(headerFamily('数量')).toBeNull();
  });

  it('every GET route of the document is exercised: its ids and parameters found, and the administrator gets data', async () => {
    const missing = [...problems];
    const families = new Set<string>();
    const withData = new Set<string>();
    const routes = new Set(calls.map((c) => c.route));
    for (const call of calls) {
      if (!gateOf(call.route)) families.add(call.route.split('/')[3]);
      const r = await shown(api.admin, call.url);
      if (r.status !== 200) missing.push(`GET ${call.url}: the administrator got ${r.status}`);
      else if (!r.empty || EMPTY_BY_NATURE(call.route)) withData.add(call.route);
    }
    for (const route of routes) if (!withData.has(route)) missing.push(`GET ${route}: empty for the administrator with the demo data`);
    expect([...families].map((f) => `/${f}: a route family nobody decided whose money it is (FAMILIES)`)).toEqual([]);
    expect(missing).toEqual([]);
    // a sanity floor: the document's GET routes, not a handful
    expect(routes.size).toBeGreaterThan(90);
  });

  it.each(BUILTIN_ROLES.map((r) => r.code))('role %s sees no price, cost or amount it lacks the permission for', async (role) => {
    const c = clients.get(role) as Client;
    const perms = permsOf(role);
    const leaks: string[] = [];
    for (const call of calls) {
      const g = gateOf(call.route);
      if (!g) continue; // reported by the test above
      const r = await shown(c, call.url);
      if (r.status !== 200 && r.status !== 403) leaks.push(`GET ${call.url}: ${r.status}`);
      for (const m of r.money) {
        if (!allows(g[m.family], perms)) leaks.push(`GET ${call.url}: ${m.where} (${m.family} needs ${describeGate(g[m.family])})`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
