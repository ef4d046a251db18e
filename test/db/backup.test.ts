// 10.10 Backups a clerk can run: post documents, back up, restore elsewhere (a new folder,
// or a new PostgreSQL database), and the restored copy holds every document with the same
// numbers and totals, and the invariant checker finds it clean. Runs on the database of
// the run: PGlite (`npm test`) or PostgreSQL (TEST_DATABASE_URL, with pg_dump/pg_restore).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_LOG, type BackupSettings, writeBackup } from '../../src/db/backup/backup.js';
import { DAY_MS } from '../../src/db/backup/backup-files.js';
import { backUpIfDue } from '../../src/db/backup/daily-backup.js';
import { pgdataOf, type RestoreTarget, restoreBackup } from '../../src/db/backup/restore.js';
import { askServerToBackUp, newChannelToken, publishChannel } from '../../src/db/backup/server-channel.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { checkInvariants } from '../../src/ledger/invariants.js';
import { ADMIN_PASSWORD, Client, type TestApi, testApi, userWithRoles } from '../helpers/api.js';
import { emptyPgDatabase, onPostgres } from '../helpers/db.js';

const today = '2026-11-26';
let work: string;
let settings: BackupSettings;
let api: TestApi;
let a: Client;
const cleanups: (() => Promise<void> | void)[] = [];
/** The documents posted before the backup: kind route → id. */
const posted: { route: string; id: string }[] = [];
let ids: { supplier: string; customer: string; warehouse: string; account: string; sofa: string; chair: string };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'erp-backup-test-'));
  settings = { dir: join(work, 'backups'), keep: 5 };
  api = await testApi({ backups: settings });
  a = api.admin;
  const id = async (path: string, body: unknown) => {
    const r = await a.post(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  ids = {
    supplier: await id('/suppliers', { code: 'S1', name: '龙江皮革厂' }),
    customer: await id('/customers', { code: 'C1', name: '长沙天杉专卖店', paymentTerm: 'credit', creditLimit: '100000.00' }),
    warehouse: await id('/warehouses', { code: 'W1', name: '成品仓' }),
    account: await id('/accounts', { code: 'B1', name: '工行', type: 'bank', openingBalance: '10000.00' }),
    sofa: await id('/products', { code: 'SF-1', name: '真皮沙发', baseUnit: '套', wholesalePrice: '3680.00' }),
    chair: await id('/products', { code: 'CY-1', name: '餐椅', baseUnit: '把', purchasePrice: '160.00' }),
  };
  const doc = async (route: string, body: unknown, audit = true) => {
    const docId = await id(`/${route}`, body);
    if (audit) {
      const r = await a.post(`/${route}/${docId}/audit`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    posted.push({ route, id: docId });
    return docId;
  };
  const base = { warehouseId: ids.warehouse, date: today };
  const bill = await doc('purchase-bills', {
    ...base,
    supplierId: ids.supplier,
    lines: [
      { productId: ids.sofa, qty: '10', price: '2600.00', taxRate: '13' },
      { productId: ids.chair, qty: '20', price: '158.50' },
    ],
  });
  const billLines = (await a.get(`/purchase-bills/${bill}`)).body.lines as { id: string }[];
  const ret = await doc('purchase-returns', {
    ...base,
    supplierId: ids.supplier,
    billId: bill,
    lines: [{ productId: ids.chair, qty: '2', billLineId: billLines[1].id }],
  });
  await doc('purchase-settlements', {
    supplierId: ids.supplier,
    accountId: ids.account,
    date: today,
    paymentTotal: '3000.00',
    prepaymentUsed: '0',
    allocations: [
      { documentId: bill, amount: '3317.00' },
      { documentId: ret, amount: '317.00' },
    ],
  });
  const delivery = await doc('sales-deliveries', {
    ...base,
    customerId: ids.customer,
    lines: [
      { productId: ids.sofa, qty: '3' },
      { productId: ids.chair, qty: '8', price: '240.00' },
    ],
  });
  await doc('receipts', {
    customerId: ids.customer,
    accountId: ids.account,
    date: today,
    receiptTotal: '5000.00',
    allocations: [{ documentId: delivery, amount: '5000.00' }],
  });
  // Saved, not audited: it must come back saved, and post nothing.
  await doc('sales-orders', { ...base, customerId: ids.customer, lines: [{ productId: ids.sofa, qty: '1' }] }, false);
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh, empty target of the run's database kind. */
async function emptyTarget(): Promise<RestoreTarget> {
  if (onPostgres()) {
    const target = await emptyPgDatabase();
    cleanups.push(target.drop);
    return { kind: 'pg', url: target.url };
  }
  return { kind: 'pglite', dataDir: mkdtempSync(join(work, 'restored-')) };
}

async function openTarget(target: RestoreTarget): Promise<Database> {
  const db = target.kind === 'pg' ? await openDatabase({ url: target.url, poolSize: 2 }) : await openDatabase({ dataDir: target.dataDir });
  cleanups.push(() => db.close());
  return db;
}

type Rows = { rows: Record<string, unknown>[] };

/** Every row of every table, as text: two databases with equal contents answer the same. */
async function contents(db: Database): Promise<Record<string, string>> {
  const tables = (await db.orm.execute(sql`SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)) as unknown as Rows;
  const out: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const res = (await db.orm.execute(sql.raw(`SELECT coalesce(json_agg(x ORDER BY x::text), '[]')::text AS j FROM "${t}" x`))) as unknown as Rows;
    out[t as string] = res.rows[0].j as string;
  }
  return out;
}

const backupFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('erp-backup-')) : []);

describe('10.10 backup and restore', () => {
  let file: string;
  let before: Record<string, string>;

  it('10.10 POST /backups writes one dated dump of the whole database to the backups folder, and logs it', async () => {
    const r = await a.post('/backups');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // Read at once: nothing happens in between, so this is what the dump holds.
    before = await contents(api.db);
    expect(r.body.name).toMatch(onPostgres() ? /^erp-backup-\d{8}-\d{6}\.dump$/ : /^erp-backup-\d{8}-\d{6}\.tar\.gz$/);
    expect(r.body).toMatchObject({ format: onPostgres() ? 'pg' : 'pglite', trigger: 'api', by: 'admin', pruned: [] });
    file = join(settings.dir, r.body.name);
    expect(r.body.path).toBe(file);
    expect(readFileSync(file).length).toBe(r.body.bytes);
    expect(backupFiles(settings.dir)).toEqual([r.body.name]);
    const log = readFileSync(join(settings.dir, BACKUP_LOG), 'utf8');
    expect(log).toContain(`ok  api by admin  ${r.body.name}`);
    const listed = await a.get('/backups');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((b: { name: string }) => b.name)).toEqual([r.body.name]);
  });

  it('10.10 restored into an empty target, every document is there with the same numbers and totals, and the books are clean', async () => {
    const target = await emptyTarget();
    await restoreBackup(file, target);
    const copy = await openTarget(target);
    expect(await checkInvariants(copy.orm)).toEqual([]);
    // Row for row the same database: documents, lines, ledgers, balances, open items, users.
    expect(await contents(copy)).toEqual(before);
    // And as a clerk sees it through the API of the restored copy.
    const restoredApp = new Client(createApp(copy, { backups: settings }));
    expect((await restoredApp.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    for (const d of posted) {
      const [was, now] = [await a.get(`/${d.route}/${d.id}`), await restoredApp.get(`/${d.route}/${d.id}`)];
      expect(now.status).toBe(200);
      for (const field of ['number', 'status', 'total', 'date', 'version'] as const) expect(now.body[field], `${d.route} ${field}`).toEqual(was.body[field]);
      expect(now.body.lines).toEqual(was.body.lines);
    }
    for (const p of [ids.sofa, ids.chair]) {
      expect((await restoredApp.get(`/stock?productId=${p}&warehouseId=${ids.warehouse}`)).body.items).toEqual(
        (await a.get(`/stock?productId=${p}&warehouseId=${ids.warehouse}`)).body.items,
      );
    }
    expect((await restoredApp.get(`/suppliers/${ids.supplier}/balance`)).body).toEqual((await a.get(`/suppliers/${ids.supplier}/balance`)).body);
    expect((await restoredApp.get(`/customers/${ids.customer}/balance`)).body).toEqual((await a.get(`/customers/${ids.customer}/balance`)).body);
    // The copy is a working database: the next document numbers on where the original stood.
    const next = await restoredApp.post('/sales-orders', {
      customerId: ids.customer,
      warehouseId: ids.warehouse,
      date: today,
      lines: [{ productId: ids.chair, qty: '1' }],
    });
    expect(next.status).toBe(201);
    const original = await a.post('/sales-orders', {
      customerId: ids.customer,
      warehouseId: ids.warehouse,
      date: today,
      lines: [{ productId: ids.chair, qty: '1' }],
    });
    expect(next.body.number).toBe(original.body.number);
    expect((await a.del(`/sales-orders/${original.body.id}`)).status).toBe(200);

    // Restoring again over it is refused, and the copy is left as it was.
    const again = await restoreBackup(file, target).catch((e) => e);
    expect(again.code).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect(again.messageZh).toContain('已有数据');
    expect(again.messageEn).toMatch(/already holds data/);
    expect(await checkInvariants(copy.orm)).toEqual([]);
    expect((await restoredApp.get(`/sales-orders/${next.body.id}`)).status).toBe(200);
  });

  it('10.10 a file that is not a backup, or one of the other database kind, is refused and writes nothing', async () => {
    const target = await emptyTarget();
    const junk = join(work, 'notes.dump');
    writeFileSync(junk, 'not a backup at all');
    expect((await restoreBackup(junk, target).catch((e) => e)).code).toBe('RESTORE_NOT_A_BACKUP');
    const other = join(work, 'other-kind');
    // The first bytes of the other kind: pg_dump's archive, or a gzip stream.
    writeFileSync(other, onPostgres() ? Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]) : Buffer.from('PGDMP\u0001\u000e\u0000'));
    const wrong = await restoreBackup(other, target).catch((e) => e);
    expect(wrong.code).toBe('RESTORE_WRONG_KIND');
    expect(wrong.messageEn).toMatch(onPostgres() ? /backup of the embedded database/ : /backup of the PostgreSQL/);
    expect((await restoreBackup(join(work, 'missing.tar.gz'), target).catch((e) => e)).code).toBe('BACKUP_FILE_NOT_FOUND');
    if (target.kind === 'pglite') {
      expect(existsSync(pgdataOf(target.dataDir))).toBe(false);
      // A gzip of something that is not a data folder fails at start and leaves the folder empty.
      const { gzipSync } = await import('node:zlib');
      const fake = join(work, 'fake.tar.gz');
      writeFileSync(fake, gzipSync(Buffer.from('hello')));
      expect((await restoreBackup(fake, target).catch((e) => e)).code).toMatch(/^RESTORE_(FAILED|NOT_A_BACKUP)$/);
      expect(existsSync(pgdataOf(target.dataDir)) && readdirSync(pgdataOf(target.dataDir)).length > 0).toBe(false);
    } else {
      const probe = await openTarget(target);
      const n = (await probe.orm.execute(sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)) as unknown as Rows;
      expect(Number(n.rows[0].n)).toBe(0);
    }
  });

  it('10.10 a backup taken while documents are being audited is consistent: what it holds is whole, and the books balance', async () => {
    const bills: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await a.post('/purchase-bills', {
        supplierId: ids.supplier,
        warehouseId: ids.warehouse,
        date: today,
        lines: [{ productId: ids.chair, qty: '1', price: `${150 + i}.00` }],
      });
      bills.push(r.body.id);
    }
    const audits = bills.map((b) => a.post(`/purchase-bills/${b}/audit`));
    const backup = writeBackup(api.db, settings, { trigger: 'command', log: () => {} });
    const [record, ...answers] = await Promise.all([backup, ...audits]);
    expect(answers.map((r) => r.status)).toEqual(bills.map(() => 200));
    const target = await emptyTarget();
    await restoreBackup(record.path, target);
    const copy = await openTarget(target);
    // Each bill is there audited with its postings, or saved without any: never half.
    expect(await checkInvariants(copy.orm)).toEqual([]);
    const statuses = (await copy.orm.execute(sql`SELECT status FROM documents WHERE id IN ${bills}`)) as unknown as Rows;
    expect(statuses.rows).toHaveLength(bills.length);
  });
});

describe('10.10 who may back up', () => {
  it('10.10 a clerk without settings:edit is refused (403), no session is refused (401)', async () => {
    const keeper = await userWithRoles(api, 'cangku-bk', ['warehouse_keeper']);
    const r = await keeper.post('/backups');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await keeper.get('/backups')).status).toBe(403);
    expect((await api.client().post('/backups')).status).toBe(401);
  });

  it('10.10 npm run backup reaches the running server through DATA_DIR with the server’s token; a wrong token is refused', async () => {
    const dataDir = mkdtempSync(join(work, 'data-'));
    const token = newChannelToken();
    const app = createApp(api.db, { backups: settings, localToken: token });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const wrong = await fetch(`${url}/api/v1/backups`, { method: 'POST', headers: { authorization: `Bearer ${newChannelToken()}` } });
    expect(wrong.status).toBe(401);
    // The token opens nothing but the backups.
    expect((await fetch(`${url}/api/v1/products`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    expect(await askServerToBackUp(dataDir)).toEqual({ reached: false });
    const unpublish = publishChannel(dataDir, { pid: process.pid, url, token });
    const answer = await askServerToBackUp(dataDir);
    expect(answer).toMatchObject({ reached: true, ok: true, backup: { trigger: 'command' } });
    if (answer.reached && answer.ok) expect(existsSync(answer.backup.path)).toBe(true);
    unpublish();
    expect(await askServerToBackUp(dataDir)).toEqual({ reached: false });
  });
});

describe('10.10 the daily backup keeps the last N', () => {
  it('10.10 due at start with none, not again within the day, again after a day; the oldest beyond N are deleted', async () => {
    const daily: BackupSettings = { dir: join(work, 'daily'), keep: 2 };
    mkdirSync(daily.dir);
    writeFileSync(join(daily.dir, 'keep-me.txt'), 'a clerk’s own file');
    const t0 = new Date('2026-11-26T01:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const quiet = () => {};
    const first = await backUpIfDue(api.db, daily, t0, quiet);
    expect(first?.trigger).toBe('daily');
    expect(await backUpIfDue(api.db, daily, at(3600_000), quiet)).toBeUndefined();
    expect(await backUpIfDue(api.db, daily, at(DAY_MS - 1000), quiet)).toBeUndefined();
    const second = await backUpIfDue(api.db, daily, at(DAY_MS), quiet);
    expect(second?.pruned).toEqual([]);
    const third = await backUpIfDue(api.db, daily, at(2 * DAY_MS + 5000), quiet);
    expect(third?.pruned).toEqual([first?.name]);
    expect(backupFiles(daily.dir).sort()).toEqual([second?.name, third?.name].sort());
    expect(existsSync(join(daily.dir, 'keep-me.txt'))).toBe(true);
    const log = readFileSync(join(daily.dir, BACKUP_LOG), 'utf8').trim().split('\n');
    expect(log).toHaveLength(3);
    expect(log[2]).toContain(`deleted (keep 2): ${first?.name}`);
  });
});
