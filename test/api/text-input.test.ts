// 10.1 Any text is stored as sent or refused with a code, never a 500. A NUL cannot be
// kept by PostgreSQL (in JSON it was a 500) and a lone surrogate would come back as
// U+FFFD: both are refused at the schema with 400 INVALID_TEXT naming the field. Every
// other Unicode is stored and read back byte for byte, in columns and in JSON alike.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_PATTERN } from '../../src/core/text.js';
import { type Client, type Reply, type TestApi, testApi } from '../helpers/api.js';

let api: TestApi;
let a: Client;
let supplierId: string;
let customerId: string;
let warehouseId: string;
let productId: string;
let driverId: string;
let orderId: string;
let deliveryId: string;
const date = '2026-11-26';

/** Text a clerk may well type: emoji (with a ZWJ sequence), Arabic and Hebrew, combining marks, 4-byte CJK. */
const WORLD = ['床头柜🛏️👨‍👩‍👧', 'مرحبا بالعالم', 'שלום\u200F', 'e\u0301 n\u0303 a\u030A', '𠀀𠀁𪚥', '成都·锦江 №5 ½'] as const;
const ALL_WORLD = WORLD.join(' ');
const NUL = '纸箱\u0000破损';
const LONE_HIGH = '破损\uD83D';
const LONE_LOW = '\uDE00破损';

beforeAll(async () => {
  api = await testApi();
  a = api.admin;
  supplierId = (await a.post('/suppliers', { code: 'S', name: '供应商' })).body.id;
  customerId = (await a.post('/customers', { code: 'C', name: '客户' })).body.id;
  warehouseId = (await a.post('/warehouses', { code: 'W', name: '仓' })).body.id;
  productId = (await a.post('/products', { code: 'P', name: '商品', baseUnit: '件' })).body.id;
  driverId = (await a.post('/employees', { code: 'E', name: '司机' })).body.id;
  const bill = await a.post('/purchase-bills', { supplierId, warehouseId, date, lines: [{ productId, qty: '50', price: '10.00' }] });
  await a.post(`/purchase-bills/${bill.body.id}/audit`);
  orderId = (await a.post('/sales-orders', { customerId, warehouseId, date, lines: [{ productId, qty: '1', price: '20.00' }] })).body.id;
  const delivery = await a.post('/sales-deliveries', { customerId, warehouseId, date, lines: [{ productId, qty: '1', price: '20.00' }] });
  expect(delivery.status).toBe(201);
  deliveryId = delivery.body.id;
});
afterAll(() => api.close());

async function counts() {
  const r = (await api.db.orm.execute(sql`
    SELECT (SELECT count(*) FROM documents)::int AS d, (SELECT count(*) FROM products)::int AS p, (SELECT count(*) FROM audit_log)::int AS a,
           (SELECT settings::text FROM companies WHERE id = ${api.companyId}) AS s,
           (SELECT md5(string_agg(extra::text, ',' ORDER BY id)) FROM documents) AS x`)) as unknown as { rows: Record<string, unknown>[] };
  return r.rows[0];
}

/** Every text a route takes, with where it lands: in JSON (extra, settings), in a column, or searched. */
const targets: { name: string; field: string; send: (s: string) => Promise<Reply> }[] = [
  { name: 'a confirmation: who confirmed (JSON)', field: 'confirmedWith', send: (s) => a.post(`/sales-orders/${orderId}/confirmation`, { confirmedWith: s }) },
  {
    name: 'a confirmation: its remark (JSON)',
    field: 'remark',
    send: (s) => a.post(`/sales-orders/${orderId}/confirmation`, { confirmedWith: '王总', remark: s }),
  },
  {
    name: "a sales return's inspection note (JSON)",
    field: 'inspection',
    send: (s) => a.post('/sales-returns', { customerId, warehouseId, date, inspection: s, lines: [{ productId, qty: '1', price: '20.00' }] }),
  },
  {
    name: "a COD delivery's vehicle (JSON)",
    field: 'vehicle',
    send: (s) => a.post(`/sales-deliveries/${deliveryId}/cod`, { vehicle: s, driverId, amountToCollect: '20.00' }),
  },
  { name: "the settings' production stages (JSON)", field: 'productionStages.1', send: (s) => a.patch('/settings', { productionStages: ['备料', s] }) },
  {
    name: "a bill's line remark (column)",
    field: 'lines.0.remark',
    send: (s) => a.post('/purchase-bills', { supplierId, warehouseId, date, lines: [{ productId, qty: '1', price: '1.00', remark: s }] }),
  },
  { name: "a product's name (column)", field: 'name', send: (s) => a.post('/products', { code: `T${Math.random()}`, name: s, baseUnit: '件' }) },
  { name: "a product's unit name (column)", field: 'units.0.name', send: (s) => a.patch(`/products/${productId}`, { units: [{ name: s, ratio: '12' }] }) },
  { name: 'a document search (query string)', field: 'q', send: (s) => a.get(`/purchase-bills?q=${encodeURIComponent(s)}`) },
  { name: 'a master-data search (query string)', field: 'q', send: (s) => a.get(`/products?q=${encodeURIComponent(s)}`) },
  { name: 'a master-data filter (query string)', field: 'colour', send: (s) => a.get(`/products?colour=${encodeURIComponent(s)}`) },
  { name: 'a login (user name)', field: 'username', send: (s) => api.client().login(s, 'x') },
];

describe('10.1 text that cannot be stored is refused at the schema', () => {
  for (const t of targets) {
    it(`10.1 a NUL in ${t.name} answers 400 INVALID_TEXT naming ${t.field}, and writes nothing`, async () => {
      const before = await counts();
      const r = await t.send(NUL);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'INVALID_TEXT', details: { field: t.field } });
      expect(r.body.error.message).toContain(t.field);
      expect(r.body.error.messageEn).toContain(t.field);
      expect(await counts()).toEqual(before);
    });
  }

  for (const [which, s] of [
    ['high', LONE_HIGH],
    ['low', LONE_LOW],
  ] as const) {
    // (A query string cannot carry one: it is percent-encoded UTF-8, which has no lone surrogate.)
    it(`10.1 a lone ${which} surrogate is refused the same way in JSON and in a column, not turned into U+FFFD`, async () => {
      const before = await counts();
      for (const t of targets.filter((x) => ['confirmedWith', 'inspection', 'productionStages.1', 'name', 'lines.0.remark', 'username'].includes(x.field))) {
        const r = await t.send(s);
        expect(r.status, `${t.name}: ${JSON.stringify(r.body)}`).toBe(400);
        expect(r.body.error).toMatchObject({ code: 'INVALID_TEXT', details: { field: t.field } });
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('10.1 a body that is not UTF-8 (GBK bytes) is refused with INVALID_TEXT, not stored with U+FFFD', async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode('{"code":"GBK","name":"'), 0xb4, 0xb2, ...new TextEncoder().encode('","baseUnit":"x"}')]);
    const before = await counts();
    const r = await a.request('POST', '/products', gbk, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_TEXT');
    expect(r.body.error.messageEn).toContain('UTF-8');
    expect(await counts()).toEqual(before);
  });
});

describe('10.1 every other Unicode is stored and read back byte for byte', () => {
  const same = (got: unknown, sent: string) => {
    expect(got).toBe(sent);
    expect(Buffer.from(String(got), 'utf8').equals(Buffer.from(sent, 'utf8'))).toBe(true);
  };

  it('10.1 in columns: a product (name, spec), a bill (remark, line remark), found again by searching for it', async () => {
    const p = await a.post('/products', { code: 'W-1', name: WORLD[0], spec: ALL_WORLD, baseUnit: '张' });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const product = await a.get(`/products/${p.body.id}`);
    same(product.body.name, WORLD[0]);
    same(product.body.spec, ALL_WORLD);
    const bill = await a.post('/purchase-bills', {
      supplierId,
      warehouseId,
      date,
      remark: ALL_WORLD,
      lines: WORLD.map((w) => ({ productId: p.body.id, qty: '1', price: '1.00', remark: w })),
    });
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);
    const read = await a.get(`/purchase-bills/${bill.body.id}`);
    same(read.body.remark, ALL_WORLD);
    WORLD.forEach((w, i) => {
      same(read.body.lines[i].remark, w);
    });
    // the database holds the same bytes: octet_length of the UTF-8 is what was sent
    const stored = (await api.db.orm.execute(sql`SELECT octet_length(remark)::int AS n FROM documents WHERE id = ${bill.body.id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(stored.rows[0].n).toBe(Buffer.byteLength(ALL_WORLD, 'utf8'));
    for (const w of ['𠀀𠀁', 'مرحبا', 'e\u0301']) {
      expect((await a.get(`/products?q=${encodeURIComponent(w)}`)).body.items.map((x: { id: string }) => x.id)).toContain(p.body.id);
    }
    expect((await a.get(`/purchase-bills?q=${encodeURIComponent('𠀁𪚥')}`)).body.items.map((x: { id: string }) => x.id)).toContain(bill.body.id);
  });

  it('10.1 in JSON: a confirmation, a return inspection note, a COD vehicle and the production stages', async () => {
    const confirmed = await a.post(`/sales-orders/${orderId}/confirmation`, { confirmedWith: WORLD[1], remark: ALL_WORLD });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const order = await a.get(`/sales-orders/${orderId}`);
    same(order.body.confirmation.confirmedWith, WORLD[1]);
    same(order.body.confirmation.remark, ALL_WORLD);

    const ret = await a.post('/sales-returns', { customerId, warehouseId, date, inspection: ALL_WORLD, lines: [{ productId, qty: '1', price: '20.00' }] });
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    same((await a.get(`/sales-returns/${ret.body.id}`)).body.inspection, ALL_WORLD);

    const cod = await a.post(`/sales-deliveries/${deliveryId}/cod`, { vehicle: WORLD[4], driverId, amountToCollect: '20.00' });
    expect(cod.status, JSON.stringify(cod.body)).toBe(200);
    same((await a.get(`/sales-deliveries/${deliveryId}`)).body.cod.vehicle, WORLD[4]);

    const stages = ['备料', ...WORLD];
    expect((await a.patch('/settings', { productionStages: stages })).status).toBe(200);
    const settings = await a.get('/settings');
    stages.forEach((s, i) => {
      same(settings.body.productionStages[i], s);
    });
  });
});

describe('10.1 one shared string type for every route', () => {
  it('10.1 every string a route accepts (path, query, header, body) carries the text rule, or is a uuid, date, e-mail or enum', async () => {
    const doc = (await api.client().get('/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; schema: unknown }[]; requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
      components?: { schemas?: Record<string, unknown> };
    };
    const FORMATS = new Set(['uuid', 'date', 'date-time', 'email', 'binary']);
    const problems: string[] = [];
    let checked = 0;
    const walk = (schema: unknown, where: string, seen: Set<unknown>) => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      const s = schema as Record<string, unknown>;
      if (typeof s.$ref === 'string') return walk(doc.components?.schemas?.[s.$ref.split('/').pop() as string], where, seen);
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (types.includes('string')) {
        checked++;
        const safe = s.pattern === TEXT_PATTERN || FORMATS.has(s.format as string) || Array.isArray(s.enum) || s.const !== undefined;
        if (!safe) problems.push(`${where}: ${JSON.stringify(s)}`);
      }
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties' && v && typeof v === 'object') for (const [name, p] of Object.entries(v)) walk(p, `${where}.${name}`, seen);
        else if (k === 'items') walk(v, `${where}[]`, seen);
        else if (['anyOf', 'oneOf', 'allOf'].includes(k) && Array.isArray(v)) for (const p of v) walk(p, where, seen);
        else if (k === 'additionalProperties') walk(v, `${where}.*`, seen);
      }
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of op.parameters ?? []) walk(p.schema, `${method.toUpperCase()} ${path} ${p.in}:${p.name}`, new Set());
        for (const [type, body] of Object.entries(op.requestBody?.content ?? {})) walk(body.schema, `${method.toUpperCase()} ${path} body(${type})`, new Set());
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });
});
