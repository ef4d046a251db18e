// The fuzz pass: every route of /api/openapi.json, called with a request built from its
// own schema and then with that request spoiled — wrong types, missing and extra fields,
// huge and negative numbers, odd text (NUL, lone surrogates, emoji, right-to-left),
// oversized and malformed bodies, bad ids. It holds when no answer is a 5xx, every
// refusal is {error:{code,message,messageEn}}, and no refused write changed a row.
//
// The app is served from this process (the same createApp a server runs, over a real
// socket) so that the database can be fingerprinted between requests: PGlite has one
// connection, which a server in another process would hold.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { ensureInstalled } from '../../src/modules/auth/install.js';
import { loadDemoData } from '../../src/modules/demo/demo-data.js';
import { freePort } from '../helpers/server-process.js';
import { isErrorShape } from './http.js';
import { rng } from './load.js';

export interface FuzzResult {
  routes: number;
  requests: number;
  accepted: number;
  refused: number;
  serverErrors: string[];
  badRefusals: string[];
  writtenByRefusal: string[];
  /** Routes of the document the pass could not reach (it fails on any). */
  unreached: string[];
  seconds: number;
}

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: Schema;
}
interface Req {
  label: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** A raw body (sent as is) or a value sent as JSON. */
  raw?: string | Uint8Array;
  json?: unknown;
  contentType?: string;
}

const ADMIN_PASSWORD = 'fuzz-admin-password';
const DATE = '2026-11-26';

/** Values put in place of a field: wrong types, extremes, odd text, bad ids. */
const VALUES: [string, unknown][] = [
  ['number', 123],
  ['negative', -1],
  ['zero', 0],
  ['float', 1.5],
  ['huge number', 1e308],
  ['huge negative', -1e308],
  ['1e400', '1e400'],
  ['huge decimal', '999999999999999999999999999999.9999'],
  ['negative decimal', '-99999999999999999999.9999'],
  ['many decimals', '1.123456789'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['true', true],
  ['array', []],
  ['object', {}],
  ['null', null],
  ['empty', ''],
  ['NUL', '\u0000'],
  ['NUL inside', 'a\u0000b'],
  ['lone high surrogate', 'x\ud800'],
  ['lone low surrogate', '\udfffy'],
  ['emoji', '😀🀄👨‍👩‍👧'],
  ['four-byte CJK', '𠀀𪚥'],
  ['right-to-left', '\u202eمرحبا\u202c'],
  ['combining', 'e\u0301\u0301\u0301'],
  ['long text', 'x'.repeat(100_000)],
  ['not a uuid', 'not-a-uuid'],
  ['unknown uuid', '3f0c9a2e-5b7d-4e1a-9c3b-2d4e6f8a0b1c'],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
  ['bad date', '2026-02-30'],
  ['sql', "'; DROP TABLE products; --"],
];
const SHORT_VALUES = new Set([
  'number',
  'negative',
  'huge decimal',
  'null',
  'NUL',
  'lone high surrogate',
  'emoji',
  'long text',
  'not a uuid',
  'unknown uuid',
  'object',
]);

const BAD_IDS = ['0', '-1', 'not-a-uuid', '3f0c9a2e-5b7d-4e1a-9c3b-2d4e6f8a0b1c', '%00', 'x'.repeat(3000), '%ED%A0%80'];
const BAD_QUERY = ['-1', '0', '99999999999999999999', 'abc', '%00', '%ED%A0%80', '%FF', 'x'.repeat(3000), '1e400', '2026-02-30'];

/** The tables a refusal must leave alone: all but the ones written by design on any request. */
const NOT_FINGERPRINTED = new Set(['sessions', 'login_throttles', 'idempotency_keys', '__drizzle_migrations']);

async function fingerprint(db: Database, tables: string[]): Promise<Map<string, string>> {
  const parts = tables.map(
    (t) =>
      sql`SELECT ${t}::text AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), ',' ORDER BY md5(x::text))), '') AS h FROM ${sql.identifier(t)} x`,
  );
  const q = sql.join(parts, sql` UNION ALL `);
  const rows = ((await db.orm.execute(q)) as unknown as { rows: { t: string; h: string }[] }).rows;
  return new Map(rows.map((r) => [r.t, r.h]));
}

const changed = (a: Map<string, string>, b: Map<string, string>) => [...a].filter(([t, h]) => b.get(t) !== h).map(([t]) => t);

/**
 * Writes a refusal makes by design: a wrong password counts against its account and may
 * lock it, with the lock in the audit log (10.9) — that count is the point of the refusal.
 */
const REFUSAL_WRITES: Record<string, string[]> = { 'POST /api/v1/session': ['users', 'audit_log'] };

/** A resolver of $ref inside the document. */
function resolver(doc: Schema) {
  return function resolve(s: Schema | undefined): Schema | undefined {
    if (!s) return s;
    if (s.$ref)
      return resolve(
        s.$ref
          .split('/')
          .slice(1)
          .reduce((o: Schema, k: string) => o?.[k], doc),
      );
    return s;
  };
}

/** Which list an id-valued field names, by its name. */
const REF_BY_FIELD: Record<string, string> = {
  supplierId: 'suppliers',
  customerId: 'customers',
  productId: 'products',
  warehouseId: 'warehouses',
  accountId: 'accounts',
  employeeId: 'employees',
  departmentId: 'departments',
  categoryId: 'product-categories',
  parentId: 'product-categories',
  keeperId: 'employees',
  salespersonId: 'employees',
  regionalManagerId: 'employees',
  roleIds: 'fuzz-roles',
  companyId: 'companies',
  documentId: 'purchase-bills',
  billId: 'purchase-bills',
  deliveryId: 'sales-deliveries',
  salesOrderId: 'sales-orders',
  purchaseOrderId: 'purchase-orders',
  orderId: 'sales-orders',
  advanceReceiptId: 'advance-receipts',
};

export async function runFuzz(kind: 'pglite' | 'pg', opts: { url?: string; long: boolean; seed: number; log: (s: string) => void }): Promise<FuzzResult> {
  const started = Date.now();
  const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'erp-fuzz-')) : undefined;
  const db = await openDatabase(opts.url ? { url: opts.url, poolSize: 4 } : { dataDir });
  let server: Server | undefined;
  const result: FuzzResult = {
    routes: 0,
    requests: 0,
    accepted: 0,
    refused: 0,
    serverErrors: [],
    badRefusals: [],
    writtenByRefusal: [],
    unreached: [],
    seconds: 0,
  };
  try {
    await migrateDatabase(db);
    const install = await ensureInstalled(db, ADMIN_PASSWORD);
    // Rows of every kind for the ids a request names: the demo company.
    await loadDemoData(db, install.companyId);
    const app = createApp(db);
    const port = await freePort();
    server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }) as Server;
    const base = `http://127.0.0.1:${port}`;
    let cookie = '';

    const send = async (method: string, r: Req): Promise<{ status: number; body: any }> => {
      const headers: Record<string, string> = { origin: base, ...(cookie ? { cookie } : {}), ...r.headers };
      let body: string | Uint8Array | undefined;
      if (r.raw !== undefined) body = r.raw;
      else if (r.json !== undefined) body = JSON.stringify(r.json);
      if (body !== undefined) headers['content-type'] = r.contentType ?? 'application/json';
      const res = await fetch(`${base}${r.path}${r.query ? `?${r.query}` : ''}`, { method, headers, body: body as BodyInit | undefined });
      const type = res.headers.get('content-type') ?? '';
      const parsed = type.includes('json') ? await res.json().catch(() => '(unparsable JSON)') : await res.arrayBuffer();
      const set = res.headers.get('set-cookie');
      if (set && method === 'POST' && r.path === '/api/v1/session' && res.status === 200 && !cookie) cookie = /erp_session=[^;]*/.exec(set)?.[0] ?? '';
      return { status: res.status, body: parsed };
    };
    const login = await send('POST', { label: 'login', path: '/api/v1/session', json: { username: 'admin', password: ADMIN_PASSWORD } });
    if (login.status !== 200) throw new Error(`fuzz: login failed ${login.status}`);

    // Ids to name in paths and bodies: the first row of each list, and rows of the fuzz's
    // own (a user and a role it may spoil, so that the admin keeps its powers).
    const ids: Record<string, string> = {};
    const firstOf = async (resource: string) => {
      const r = await send('GET', { label: 'ids', path: `/api/v1/${resource}`, query: 'pageSize=5' });
      const id = r.body?.items?.[0]?.id;
      if (typeof id === 'string') ids[resource] = id;
    };
    for (const p of Object.keys((await (await fetch(`${base}/api/openapi.json`)).json()).paths)) {
      const m = /^\/api\/v1\/([a-z-]+)\/\{id\}/.exec(p);
      if (m && !ids[m[1]]) await firstOf(m[1]);
    }
    const role = await send('POST', {
      label: 'role',
      path: '/api/v1/roles',
      json: { code: 'fuzz-role', name: '模糊测试角色', permissions: ['products:view'] },
    });
    ids['fuzz-roles'] = role.body.id;
    ids.roles = role.body.id;
    const user = await send('POST', {
      label: 'user',
      path: '/api/v1/users',
      json: { username: 'fuzz-user', displayName: '模糊', password: 'fuzz-password-1', roleIds: [role.body.id] },
    });
    ids.users = user.body.id;
    ids.companies = install.companyId;

    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    const resolve = resolver(doc);
    const random = rng(opts.seed);

    /** A value the schema accepts, as far as the soak can tell from the schema alone. */
    const sample = (s0: Schema | undefined, name: string): unknown => {
      const s = resolve(s0);
      if (!s) return null;
      if (s.anyOf || s.oneOf)
        return sample(
          (s.anyOf ?? s.oneOf).find((x: Schema) => resolve(x)?.type !== 'null'),
          name,
        );
      if (s.enum) return s.enum[0];
      if (s.const !== undefined) return s.const;
      const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
      if (s.default !== undefined && type !== 'object') return s.default;
      switch (type) {
        case 'object': {
          const out: Record<string, unknown> = {};
          for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], k);
          return out;
        }
        case 'array': {
          if (name === 'roleIds') return [ids['fuzz-roles']];
          if (name === 'permissions') return ['products:view'];
          const item = sample(s.items, name.replace(/s$/, ''));
          return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
        }
        case 'integer':
        case 'number':
          return s.minimum ?? s.exclusiveMinimum ?? 1;
        case 'boolean':
          return false;
        case 'string': {
          if (s.format === 'uuid') return ids[REF_BY_FIELD[name] ?? ''] ?? randomUUID();
          if (name === 'productIds') return ids.products;
          if (s.format === 'date') return DATE;
          if (s.format === 'date-time') return new Date().toISOString();
          if (s.format === 'binary') return '';
          if (s.example !== undefined) return String(s.example);
          const min = s.minLength ?? 1;
          return `fuzz-${name}-${Math.floor(random() * 1e6)}`.padEnd(min, 'x').slice(0, s.maxLength ?? 64);
        }
        default:
          return null;
      }
    };

    const operations: Operation[] = [];
    for (const [path, ops] of Object.entries<Schema>(doc.paths)) for (const [method, op] of Object.entries<Schema>(ops)) operations.push({ method, path, op });
    result.routes = operations.length;
    // Logging out and switching company would end the fuzz's own session: last.
    operations.sort((a, b) => Number(a.path === '/api/v1/session' && a.method !== 'get') - Number(b.path === '/api/v1/session' && b.method !== 'get'));

    const tables = (
      (await db.orm.execute(
        sql`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )) as unknown as {
        rows: { t: string }[];
      }
    ).rows
      .map((r) => r.t)
      .filter((t) => !NOT_FINGERPRINTED.has(t));
    let current = await fingerprint(db, tables);
    const reached = new Set<string>();

    const check = async (o: Operation, r: Req) => {
      const method = o.method.toUpperCase();
      let answer: { status: number; body: any };
      try {
        answer = await send(method, r);
      } catch (err) {
        result.serverErrors.push(`${method} ${o.path} (${r.label}): no answer: ${(err as Error).message}`);
        return;
      }
      result.requests++;
      reached.add(`${method} ${o.path}`);
      if (process.env.SOAK_FUZZ_DEBUG && r.label === 'as documented')
        opts.log(`    ${method} ${o.path} → ${answer.status} ${answer.body?.error?.code ?? ''} ${answer.body?.error?.messageEn?.slice(0, 120) ?? ''}`);
      const what = `${method} ${o.path} (${r.label})`;
      if (answer.status >= 500) result.serverErrors.push(`${what} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      else if (answer.status >= 400) {
        result.refused++;
        if (!isErrorShape(answer.body)) result.badRefusals.push(`${what} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      } else result.accepted++;
      if (method === 'GET') return;
      const now = await fingerprint(db, tables);
      if (answer.status >= 400) {
        const allowed = REFUSAL_WRITES[`${method} ${o.path}`] ?? [];
        const diff = changed(current, now).filter((t) => !allowed.includes(t));
        if (diff.length) result.writtenByRefusal.push(`${what} → ${answer.status} ${answer.body?.error?.code}: wrote ${diff.join(', ')}`);
      }
      current = now;
    };

    const values = opts.long ? VALUES : VALUES.filter(([l]) => SHORT_VALUES.has(l));
    const someOf = <T>(list: T[], n: number) => (opts.long ? list : list.filter(() => random() < n / list.length));

    /**
     * A new row of the resource for a route that names one, made with the resource's own
     * create schema: a PATCH or DELETE spoils only its own target, never the rows other
     * requests refer to. Falls back to the first row of the list.
     */
    const targetOf = async (resource: string): Promise<string> => {
      const create = doc.paths[`/api/v1/${resource}`]?.post;
      const schema = create?.requestBody?.content?.['application/json']?.schema;
      if (schema) {
        const r = await send('POST', { label: 'target', path: `/api/v1/${resource}`, json: sample(schema, 'body') });
        if (r.status === 201 && typeof r.body?.id === 'string') return r.body.id;
      }
      return ids[resource] ?? randomUUID();
    };

    for (const o of operations) {
      const method = o.method.toUpperCase();
      const params: Schema[] = (o.op.parameters ?? []).map((p: Schema) => resolve(p));
      const target = o.path.includes('{id}') ? await targetOf(/^\/api\/v1\/([a-z-]+)\//.exec(o.path)?.[1] ?? '') : undefined;
      // The target was written by the fuzz itself, before the fingerprint of what follows.
      if (target) current = await fingerprint(db, tables);
      const pathOf = (id?: string) => o.path.replace('{id}', id ?? target ?? '');
      const queryParams = params.filter((p) => p.in === 'query');
      const validQuery = queryParams
        .filter((p) => p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`)
        .join('&');
      const content = o.op.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const binary = !jsonSchema && Object.keys(content).length > 0;
      const body = jsonSchema ? sample(jsonSchema, 'body') : undefined;
      const basic: Req = { label: 'as documented', path: pathOf(), query: validQuery || undefined, ...(body !== undefined ? { json: body } : {}) };
      const reqs: Req[] = [basic];
      if (o.path.includes('{id}')) for (const bad of someOf(BAD_IDS, 3)) reqs.push({ ...basic, label: `id ${bad.slice(0, 20)}`, path: pathOf(bad) });
      for (const p of queryParams)
        for (const bad of someOf(BAD_QUERY, 2))
          reqs.push({ ...basic, label: `query ${p.name}=${bad.slice(0, 20)}`, query: [validQuery, `${p.name}=${bad}`].filter(Boolean).join('&') });
      for (const h of params.filter((p) => p.in === 'header'))
        for (const bad of someOf(['x'.repeat(300), 'abc', '\u00ff\u00fe'], 1)) reqs.push({ ...basic, label: `header ${h.name}`, headers: { [h.name]: bad } });
      if (method !== 'GET') {
        reqs.push(
          { ...basic, label: 'body []', json: [] },
          { ...basic, label: 'body "x"', json: 'x' },
          { ...basic, label: 'body null', raw: 'null' },
          { ...basic, label: 'body 123', raw: '123' },
          { ...basic, label: 'body {}', json: {} },
          { ...basic, label: 'malformed JSON', raw: '{"a":' },
          { ...basic, label: 'text/plain', raw: 'hello', contentType: 'text/plain' },
          { ...basic, label: 'not UTF-8', raw: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
          { ...basic, label: 'deep nesting', raw: `${'['.repeat(5000)}${']'.repeat(5000)}` },
          { ...basic, label: '__proto__', raw: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}' },
        );
        if (opts.long || random() < 0.1) reqs.push({ ...basic, label: '2 MB of text', json: { ...(body as object), remark: 'y'.repeat(2_000_000) } });
        if (binary) reqs.push({ ...basic, label: 'not a spreadsheet', raw: new Uint8Array([1, 2, 3, 4]), contentType: Object.keys(content)[0] });
      }
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        const schema = resolve(jsonSchema) as Schema;
        const b = body as Record<string, unknown>;
        reqs.push({ ...basic, label: 'extra field', json: { ...b, zzzUnknownField: 1 } });
        for (const [prop] of Object.entries<Schema>(schema.properties ?? {})) {
          if (prop in b) {
            const { [prop]: _, ...rest } = b;
            reqs.push({ ...basic, label: `without ${prop}`, json: rest });
          }
          for (const [label, v] of someOf(values, 3)) reqs.push({ ...basic, label: `${prop} = ${label}`, json: { ...b, [prop]: v } });
        }
        // The first line of a document, field by field.
        for (const arr of ['lines', 'allocations']) {
          const items = resolve(schema.properties?.[arr])?.items;
          const first = (b[arr] as Record<string, unknown>[] | undefined)?.[0];
          if (!items || !first) continue;
          for (const prop of Object.keys(resolve(items)?.properties ?? {}))
            for (const [label, v] of someOf(values, 2))
              reqs.push({ ...basic, label: `${arr}[0].${prop} = ${label}`, json: { ...b, [arr]: [{ ...first, [prop]: v }] } });
        }
      }
      for (const r of reqs) await check(o, r);
    }
    // Once: a body beyond the server's limit (25 MB), declared and streamed.
    const big = new Uint8Array(26 * 1024 * 1024).fill(0x20);
    const bills = operations.find((o) => o.method === 'post' && o.path === '/api/v1/purchase-bills') as Operation;
    await check(bills, { label: '26 MB body', path: bills.path, raw: big });
    result.unreached = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).filter((k) => !reached.has(k));
    return result;
  } finally {
    result.seconds = Math.round((Date.now() - started) / 1000);
    server?.close();
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
