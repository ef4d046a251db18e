// `npm run bench`: audit throughput of 10-line purchase bills through the HTTP API, on
// PGlite and on PostgreSQL (BENCH_DATABASE_URL, default the local server's `test`
// database — the bench creates and drops a database of its own), beside a raw-SQL
// ceiling that writes the same rows with no application code. Prints a table and
// writes bench/results/latest.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../src/db/database.js';
import { retryCounter } from '../src/db/transaction.js';
import { createApp } from '../src/http/app.js';
import { ensureInstalled } from '../src/modules/auth/install.js';
import { installRawBaseline, installRawDelivery, rawAudit, rawAuditDelivery } from './raw-baseline.js';

const ADMIN_PASSWORD = 'bench-password-1';
const PRODUCTS = 10_000;
const quick = process.argv.includes('--quick');

interface Row {
  scenario: string;
  database: 'pglite' | 'postgresql';
  clients: number;
  documents: number;
  appPerSecond: number;
  rawPerSecond: number | null;
  ratio: number | null;
  retries: number;
  failures: number;
  note?: string;
}

interface World {
  db: Database;
  companyId: string;
  userId: string;
  suppliers: string[];
  customers: string[];
  warehouseId: string;
  products: string[];
  base: string;
  cookie: string;
  seq: number;
  close(): Promise<void>;
}

type Rows<T> = { rows: T[] };
const q = async <T>(db: Database, query: ReturnType<typeof sql>) => ((await db.orm.execute(query)) as unknown as Rows<T>).rows;

export async function openWorld(kind: 'pglite' | 'postgresql'): Promise<World> {
  let db: Database;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (kind === 'pglite') {
    db = await openDatabase({});
  } else {
    const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `erp_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    if (process.env.BENCH_EXPLAIN) {
      // Slow statements' plans go to the server log (diagnosis only).
      await admin.query(`ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'`);
      await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_min_duration = '${process.env.BENCH_EXPLAIN}ms'`);
      await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_nested_statements = on`);
    }
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    db = await openDatabase({ url: u.toString(), poolSize: 12 });
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  await migrateDatabase(db);
  const { companyId } = await ensureInstalled(db, ADMIN_PASSWORD);
  await installRawBaseline(db.orm);
  await installRawDelivery(db.orm);
  const [user] = await q<{ id: string }>(db, sql`SELECT id FROM users WHERE username = 'admin'`);
  // A company buys from many suppliers; each bill goes to one of 50.
  const suppliers = (
    await q<{ id: string }>(
      db,
      sql`INSERT INTO suppliers (company_id, code, name) SELECT ${companyId}, 'S' || g, '基准供应商' || g FROM generate_series(1, 50) g RETURNING id`,
    )
  ).map((r) => r.id);
  const [warehouse] = await q<{ id: string }>(db, sql`INSERT INTO warehouses (company_id, code, name) VALUES (${companyId}, 'W1', '基准仓') RETURNING id`);
  // Credit customers with room enough that the payment rule never refuses a bench delivery.
  const customers = (
    await q<{ id: string }>(
      db,
      sql`INSERT INTO customers (company_id, code, name, payment_term, credit_limit) SELECT ${companyId}, 'C' || g, '基准客户' || g, 'credit', 9999999999 FROM generate_series(1, 50) g RETURNING id`,
    )
  ).map((r) => r.id);
  const products = (
    await q<{ id: string }>(
      db,
      sql`INSERT INTO products (company_id, code, name, base_unit, purchase_price)
          SELECT ${companyId}, 'P' || lpad(g::text, 6, '0'), '商品' || g, '件', 10 + g % 90 FROM generate_series(1, ${PRODUCTS}) g
          RETURNING id`,
    )
  ).map((r) => r.id);

  const app = createApp(db);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  // The clients keep their connections between runs: the server must not close one as a
  // client takes it up again after a pause (that race resets the request).
  (server as http.Server).keepAliveTimeout = 600_000;
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}/api/v1`;
  const login = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    db,
    companyId,
    userId: user.id,
    suppliers,
    customers,
    warehouseId: warehouse.id,
    products,
    base,
    cookie,
    seq: 0,
    close: async () => {
      server.close();
      await db.close();
      await dropDatabase?.();
    },
  };
}

/** Saved (unaudited) bills written straight into the tables, exactly as the API stores them. */
export async function prepareBills(
  w: World,
  count: number,
  lines: number,
  pool: string[],
  kind: 'purchase_bill' | 'sales_delivery' = 'purchase_bill',
  qtyPerLine = 5,
): Promise<string[]> {
  const partners = kind === 'purchase_bill' ? w.suppliers : w.customers;
  const ids: string[] = [];
  const batch = Math.max(1, Math.floor(2000 / lines));
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const docs = await q<{ id: string; number: string }>(
      w.db,
      sql`INSERT INTO documents (company_id, kind, number, date, status, partner_id, warehouse_id, total_qty, amount, total, created_by)
          SELECT ${w.companyId}, ${kind}, 'BENCH-' || lpad((${w.seq} + g)::text, 8, '0'), '2026-11-26', 'saved',
                 (${sql.param(partners)}::uuid[])[1 + (${w.seq} + g) % ${partners.length}], ${w.warehouseId}, ${lines * 5}, ${lines * 50}, ${lines * 50}, ${w.userId}
          FROM generate_series(1, ${n}) g RETURNING id, number`,
    );
    w.seq += n;
    const lineRows: { doc: string; no: number; product: string }[] = [];
    for (const d of docs) {
      const picked = new Set<string>();
      while (picked.size < Math.min(lines, pool.length)) picked.add(pool[Math.floor(Math.random() * pool.length)]);
      let no = 1;
      for (const p of picked) lineRows.push({ doc: d.id, no: no++, product: p });
      ids.push(d.id);
    }
    await w.db.orm.execute(sql`
      INSERT INTO document_lines (company_id, document_id, line_no, product_id, unit_ratio, qty, base_qty, price, amount, total)
      SELECT ${w.companyId}, d, n, p, 1, ${qtyPerLine}, ${qtyPerLine}, 10, ${qtyPerLine * 10}, ${qtyPerLine * 10}
      FROM unnest(${sql.param(lineRows.map((r) => r.doc))}::uuid[], ${sql.param(lineRows.map((r) => r.no))}::int[], ${sql.param(lineRows.map((r) => r.product))}::uuid[]) AS v(d, n, p)`);
  }
  // A database in use has statistics (autovacuum); a freshly filled one must be told.
  await w.db.orm.execute(sql`ANALYZE`);
  return ids;
}

async function onClients(clients: number, ids: string[], task: (id: string) => Promise<boolean>) {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        if (!(await task(id))) failures++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}

/**
 * The application and its raw ceiling, run in alternating slices: on a shared virtual
 * machine the speed of the whole machine drifts by a quarter within a minute, and a
 * ratio of two runs made a minute apart measures that drift as much as the code.
 */
async function alternating(
  clients: number,
  appIds: string[],
  rawIds: string[],
  app: (id: string) => Promise<boolean>,
  raw: (id: string) => Promise<boolean>,
  slices = 4,
) {
  const total = { app: { seconds: 0, failures: 0 }, raw: { seconds: 0, failures: 0 } };
  const slice = (ids: string[], k: number) => ids.slice(Math.floor((ids.length * k) / slices), Math.floor((ids.length * (k + 1)) / slices));
  for (let k = 0; k < slices; k++) {
    const a = await onClients(clients, slice(appIds, k), app);
    const r = await onClients(clients, slice(rawIds, k), raw);
    total.app.seconds += a.seconds;
    total.app.failures += a.failures;
    total.raw.seconds += r.seconds;
    total.raw.failures += r.failures;
  }
  return total;
}

/** The raw ceiling's audit with the same retry on deadlock the application has. */
async function retried(audit: () => Promise<unknown>): Promise<boolean> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await audit();
      return true;
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (code !== '40P01' && code !== '40001') throw err;
    }
  }
  return false;
}

// The clients share this machine's two cores with the server and the database, so they
// use Node's plain HTTP client with kept-alive connections: fetch (undici) costs the
// server several times as much CPU per request as this does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postAudit(url: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { cookie, prefer: 'return=minimal' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function appAudit(w: World, id: string, path = 'purchase-bills', quiet = false): Promise<boolean> {
  // A bulk-posting script asks for the short answer (it does not need the document back).
  const r = await postAudit(`${w.base}/${path}/${id}/audit`, w.cookie);
  if (r.status !== 200 && !quiet) console.error(`  audit failed ${r.status} ${r.body.slice(0, 200)}`);
  return r.status === 200;
}

/** Enough stock of every product for the delivery runs (bench database only). */
async function stockUp(w: World, qty: number) {
  await w.db.orm.execute(sql`
    INSERT INTO stock_balances (company_id, product_id, warehouse_id, qty, value, avg_cost)
    SELECT ${w.companyId}, id, ${w.warehouseId}, ${qty}, ${qty * 10}, 10 FROM products WHERE company_id = ${w.companyId}
    ON CONFLICT (company_id, product_id, warehouse_id) DO UPDATE SET qty = excluded.qty, value = excluded.value, avg_cost = 10`);
}

async function measureDeliveries(w: World, database: Row['database'], clients: number, count: number): Promise<Row> {
  await stockUp(w, 1_000_000);
  const appIds = await prepareBills(w, count, 10, w.products, 'sales_delivery');
  const rawIds = await prepareBills(w, count, 10, w.products, 'sales_delivery');
  const retriesBefore = retryCounter.retries;
  const run = await alternating(
    clients,
    appIds,
    rawIds,
    (id) => appAudit(w, id, 'sales-deliveries'),
    (id) => retried(() => rawAuditDelivery(w.db.orm, w.companyId, id, w.userId)),
  );
  const appPerSecond = count / run.app.seconds;
  const rawPerSecond = count / run.raw.seconds;
  return {
    scenario: '10-line deliveries, 10,000 products',
    database,
    clients,
    documents: count,
    appPerSecond,
    rawPerSecond,
    ratio: appPerSecond / rawPerSecond,
    retries: retryCounter.retries - retriesBefore,
    failures: run.app.failures,
  };
}

/** 200 one-unit deliveries race for the last 100 units: exactly 100 may ship. */
async function racingOversell(w: World, database: Row['database'], clients: number): Promise<Row> {
  const product = w.products[w.products.length - 1];
  const run = async (audit: (id: string) => Promise<boolean>) => {
    await w.db.orm.execute(
      sql`UPDATE stock_balances SET qty = 100, value = 1000, avg_cost = 10 WHERE company_id = ${w.companyId} AND product_id = ${product} AND warehouse_id = ${w.warehouseId}`,
    );
    const ids = await prepareBills(w, 200, 1, [product], 'sales_delivery', 1);
    const r = await onClients(clients, ids, audit);
    const [left] = await q<{ qty: string }>(
      w.db,
      sql`SELECT qty::text FROM stock_balances WHERE company_id = ${w.companyId} AND product_id = ${product} AND warehouse_id = ${w.warehouseId}`,
    );
    return { ...r, shipped: 200 - r.failures, left: left.qty };
  };
  const retriesBefore = retryCounter.retries;
  const app = await run((id) => appAudit(w, id, 'sales-deliveries', true));
  const raw = await run(async (id) => {
    try {
      await rawAuditDelivery(w.db.orm, w.companyId, id, w.userId);
      return true;
    } catch {
      return false;
    }
  });
  return {
    scenario: 'racing for the last 100 units (200 one-unit deliveries)',
    database,
    clients,
    documents: 200,
    appPerSecond: 200 / app.seconds,
    rawPerSecond: 200 / raw.seconds,
    ratio: 200 / app.seconds / (200 / raw.seconds),
    retries: retryCounter.retries - retriesBefore,
    failures: app.shipped === 100 && Number(app.left) === 0 ? 0 : 1,
    note: `app shipped ${app.shipped}, stock left ${Number(app.left)}; raw shipped ${raw.shipped}, left ${Number(raw.left)}`,
  };
}

async function measure(
  w: World,
  database: Row['database'],
  scenario: string,
  clients: number,
  count: number,
  lines: number,
  pool: string[],
  withRaw = true,
): Promise<Row> {
  const appIds = await prepareBills(w, count, lines, pool);
  const rawIds = withRaw ? await prepareBills(w, count, lines, pool) : [];
  const retriesBefore = retryCounter.retries;
  const app = (id: string) => appAudit(w, id);
  const run = withRaw
    ? await alternating(clients, appIds, rawIds, app, (id) => retried(() => rawAudit(w.db.orm, w.companyId, id, w.userId)), count >= 100 ? 4 : 1)
    : { app: await onClients(clients, appIds, app), raw: null };
  const appPerSecond = count / run.app.seconds;
  const rawPerSecond = run.raw ? count / run.raw.seconds : null;
  return {
    scenario,
    database,
    clients,
    documents: count,
    appPerSecond,
    rawPerSecond,
    ratio: rawPerSecond ? appPerSecond / rawPerSecond : null,
    retries: retryCounter.retries - retriesBefore,
    failures: run.app.failures,
  };
}

async function moveCount(w: World) {
  const [r] = await q<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM stock_moves`);
  return Number(r.n);
}

/** Grows the ledger with synthetic moves of other products (a year of history). */
async function growLedger(w: World, target: number) {
  const have = await moveCount(w);
  const chunk = 200_000;
  for (let done = have; done < target; done += chunk) {
    const n = Math.min(chunk, target - done);
    await w.db.orm.execute(sql`
      INSERT INTO stock_moves (company_id, document_id, product_id, warehouse_id, qty, cost_amount, balance_qty, balance_value)
      SELECT ${w.companyId}, gen_random_uuid(), p.id, ${w.warehouseId}, 1, 10, 1, 10
      FROM generate_series(1, ${n}) g
      JOIN LATERAL (SELECT id FROM products WHERE company_id = ${w.companyId} AND code = 'P' || lpad((1 + g % ${PRODUCTS})::text, 6, '0')) p ON true`);
  }
  await w.db.orm.execute(sql`ANALYZE`);
}

async function runDatabase(database: Row['database']): Promise<Row[]> {
  const rows: Row[] = [];
  const w = await openWorld(database);
  try {
    const scale = quick ? 0.25 : 1;
    const n = (base: number) => Math.max(20, Math.round(base * scale));
    const hot = w.products.slice(0, 10);
    const counts = database === 'postgresql' ? { 1: n(300), 4: n(800), 8: n(1200) } : { 1: n(300), 4: n(300), 8: n(300) };
    // Warm up, as a server that has run for a while is: V8 optimises the hot path only
    // after some thousand requests, and each pooled connection plans its statements once.
    await measure(w, database, 'warm-up', 8, n(1500), 10, w.products, false);
    for (const c of [1, 4, 8] as const) {
      const r = await measure(w, database, '10-line bills, 10,000 products', c, counts[c], 10, w.products);
      rows.push(r);
      print([r]);
    }
    for (const c of [1, 4, 8] as const) {
      const r = await measure(w, database, '10-line bills, hot set of 10 products', c, counts[c], 10, hot);
      rows.push(r);
      print([r]);
    }
    for (const c of [1, 8] as const) {
      const r = await measureDeliveries(w, database, c, database === 'postgresql' ? n(c === 1 ? 300 : 1200) : n(300));
      rows.push(r);
      print([r]);
    }
    const race = await racingOversell(w, database, 8);
    rows.push(race);
    print([race]);
    // One document is one sample: the median of three, each timed alone, app then raw.
    const bigs: Row[] = [];
    for (let k = 0; k < 3; k++) bigs.push(await measure(w, database, 'one 2,000-line bill', 1, 1, 2000, w.products));
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1];
    const appMs = bigs.map((b) => 1000 / b.appPerSecond);
    const rawMs = bigs.map((b) => 1000 / (b.rawPerSecond as number));
    const big: Row = {
      ...bigs[0],
      scenario: 'one 2,000-line bill (median of 3)',
      documents: 3,
      appPerSecond: 1000 / median(appMs),
      rawPerSecond: 1000 / median(rawMs),
      ratio: median(rawMs) / median(appMs),
      failures: bigs.reduce((n, b) => n + b.failures, 0),
      note: `${median(appMs).toFixed(0)} ms app (${appMs.map((x) => x.toFixed(0)).join(' / ')}), ${median(rawMs).toFixed(0)} ms raw`,
    };
    rows.push(big);
    print([big]);
    if (database === 'postgresql' && !quick) {
      const small = await measure(w, database, `ledger at ${(await moveCount(w)).toLocaleString('en')} moves`, 8, 1200, 10, w.products);
      rows.push(small);
      print([small]);
      await growLedger(w, 1_000_000);
      const large = await measure(w, database, `ledger at ${(await moveCount(w)).toLocaleString('en')} moves`, 8, 1200, 10, w.products);
      large.note = `${((large.appPerSecond / small.appPerSecond - 1) * 100).toFixed(1)} % vs small ledger`;
      rows.push(large);
      print([large]);
    }
  } finally {
    await w.close();
  }
  return rows;
}

let headerPrinted = false;
function print(rows: Row[]) {
  if (!headerPrinted) {
    console.log(`| scenario | database | clients | docs | app docs/s | raw docs/s | app/raw | retries | failures | note |`);
    console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|---|`);
    headerPrinted = true;
  }
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.database} | ${r.clients} | ${r.documents} | ${r.appPerSecond.toFixed(1)} | ${r.rawPerSecond?.toFixed(1) ?? '–'} | ${r.ratio ? `${(r.ratio * 100).toFixed(0)} %` : '–'} | ${r.retries} | ${r.failures} | ${r.note ?? ''} |`,
    );
  }
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--db='))?.slice(5);
  console.log(
    `bench: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}${quick ? ' (quick)' : ''}\n`,
  );
  const rows: Row[] = [];
  if (!only || only === 'postgresql') rows.push(...(await runDatabase('postgresql')));
  if (!only || only === 'pglite') rows.push(...(await runDatabase('pglite')));
  mkdirSync(join('bench', 'results'), { recursive: true });
  const out = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    rows,
  };
  writeFileSync(join('bench', 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('\nwritten bench/results/latest.json');
  process.exit(0);
}

if (process.argv[1]?.endsWith('run.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
