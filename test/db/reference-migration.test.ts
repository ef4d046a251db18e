// 10.6 The migration that adds the reference foreign keys runs on databases that already
// hold data. What the application let through before 10.6 (a delivery naming a random
// order or a purchase order, a complaint naming an unknown order or product) is cleared
// and written to the audit log, instead of stopping the upgrade; what was right stays; and
// from then on the database itself refuses a reference to nothing or to another company.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrationsFolder, openDatabase } from '../../src/db/database.js';
import { pgErrorCode } from '../../src/db/transaction.js';
import { databaseUrlFor } from '../helpers/global-setup.js';

const THE_MIGRATION = '0010_reference_foreign_keys';

let db: Database;
let dropDatabase = async () => {};
const before = mkdtempSync(join(tmpdir(), 'erp-migrations-'));

const migrate = (folder: string) =>
  db.kind === 'pg' ? migratePg(db.orm as never, { migrationsFolder: folder }) : migratePglite(db.orm as never, { migrationsFolder: folder });
const rows = async <T>(q: ReturnType<typeof sql>) => ((await db.orm.execute(q)) as unknown as { rows: T[] }).rows;

// Ids of the rows made before the migration.
const A = randomUUID();
const B = randomUUID();
const ids = {
  customer: randomUUID(),
  product: randomUUID(),
  salesOrder: randomUUID(),
  purchaseOrder: randomUUID(),
  orderInB: randomUUID(),
  goodDelivery: randomUUID(),
  deliveryToNothing: randomUUID(),
  deliveryToPurchaseOrder: randomUUID(),
  deliveryToOtherCompany: randomUUID(),
  goodComplaint: randomUUID(),
  badComplaint: randomUUID(),
};

beforeAll(async () => {
  // The migrations as they were before this one.
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === THE_MIGRATION);
  expect(upTo).toBeGreaterThan(0);
  mkdirSync(join(before, 'meta'));
  for (const e of journal.entries.slice(0, upTo)) copyFileSync(join(migrationsFolder, `${e.tag}.sql`), join(before, `${e.tag}.sql`));
  for (const f of readdirSync(join(migrationsFolder, 'meta')))
    if (f.endsWith('_snapshot.json')) copyFileSync(join(migrationsFolder, 'meta', f), join(before, 'meta', f));
  writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `erp_mig_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    db = await openDatabase({ url: databaseUrlFor(url, name), poolSize: 2 });
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    db = await openDatabase({});
  }
  await migrate(before);

  await db.orm.execute(sql`INSERT INTO companies (id, code, name) VALUES (${A}, 'A', 'A'), (${B}, 'B', 'B')`);
  await db.orm.execute(sql`INSERT INTO customers (company_id, id, code, name) VALUES (${A}, ${ids.customer}, 'K1', '客户')`);
  await db.orm.execute(sql`INSERT INTO products (company_id, id, code, name, base_unit) VALUES (${A}, ${ids.product}, 'P1', '商品', '件')`);
  const doc = (company: string, id: string, kind: string, number: string, source: string | null) =>
    db.orm.execute(sql`INSERT INTO documents (company_id, id, kind, number, date, partner_id, source_id)
      VALUES (${company}, ${id}, ${kind}, ${number}, '2026-01-05', ${ids.customer}, ${source})`);
  await doc(A, ids.salesOrder, 'sales_order', 'XD-1', null);
  await doc(A, ids.purchaseOrder, 'purchase_order', 'JD-1', null);
  await doc(B, ids.orderInB, 'sales_order', 'XD-1', null);
  await doc(A, ids.goodDelivery, 'sales_delivery', 'XS-1', ids.salesOrder);
  await doc(A, ids.deliveryToNothing, 'sales_delivery', 'XS-2', randomUUID());
  await doc(A, ids.deliveryToPurchaseOrder, 'sales_delivery', 'XS-3', ids.purchaseOrder);
  await doc(A, ids.deliveryToOtherCompany, 'sales_delivery', 'XS-4', ids.orderInB);
  const complaint = (id: string, number: string, order: string, product: string) =>
    db.orm.execute(sql`INSERT INTO complaints (company_id, id, number, customer_id, order_id, product_id, description)
      VALUES (${A}, ${id}, ${number}, ${ids.customer}, ${order}, ${product}, '抽屉松动')`);
  await complaint(ids.goodComplaint, 'TS-1', ids.salesOrder, ids.product);
  await complaint(ids.badComplaint, 'TS-2', randomUUID(), randomUUID());

  await migrate(migrationsFolder);
});
afterAll(async () => {
  await db?.close();
  await dropDatabase();
  rmSync(before, { recursive: true, force: true });
});

describe('10.6 the reference foreign keys on a database with data', () => {
  it('clears a delivery’s order that names nothing, a purchase order or another company’s order, and keeps the right one', async () => {
    const got = await rows<{ id: string; source: string | null }>(
      sql`SELECT id::text AS id, source_id::text AS source FROM documents WHERE kind = 'sales_delivery'`,
    );
    expect(Object.fromEntries(got.map((r) => [r.id, r.source]))).toEqual({
      [ids.goodDelivery]: ids.salesOrder,
      [ids.deliveryToNothing]: null,
      [ids.deliveryToPurchaseOrder]: null,
      [ids.deliveryToOtherCompany]: null,
    });
  });

  it('clears a complaint’s unknown order and product, and keeps a right one', async () => {
    const got = await rows<{ id: string; o: string | null; p: string | null }>(
      sql`SELECT id::text AS id, order_id::text AS o, product_id::text AS p FROM complaints ORDER BY number`,
    );
    expect(got).toEqual([
      { id: ids.goodComplaint, o: ids.salesOrder, p: ids.product },
      { id: ids.badComplaint, o: null, p: null },
    ]);
  });

  it('writes each clearing to the audit log, with what it named before', async () => {
    const got = await rows<{ entity: string; entity_id: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
      sql`SELECT entity, entity_id, before, after FROM audit_log WHERE action = 'migrate' ORDER BY entity, entity_id`,
    );
    expect(got.map((r) => r.entity_id).sort()).toEqual(
      [ids.badComplaint, ids.deliveryToNothing, ids.deliveryToOtherCompany, ids.deliveryToPurchaseOrder].sort(),
    );
    const toPo = got.find((r) => r.entity_id === ids.deliveryToPurchaseOrder);
    expect(toPo).toMatchObject({ entity: 'sales-deliveries', before: { orderId: ids.purchaseOrder }, after: { orderId: null } });
    const complaint = got.find((r) => r.entity_id === ids.badComplaint);
    expect(complaint?.after).toEqual({ orderId: null, productId: null });
  });

  it('from then on refuses, in the database, a reference to nothing or to another company’s row (23503)', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      try {
        await db.orm.execute(q);
      } catch (err) {
        return pgErrorCode(err);
      }
      return 'accepted';
    };
    expect(await refused(sql`UPDATE documents SET source_id = ${randomUUID()} WHERE id = ${ids.goodDelivery}`)).toBe('23503');
    expect(await refused(sql`UPDATE documents SET source_id = ${ids.orderInB} WHERE id = ${ids.goodDelivery}`)).toBe('23503');
    expect(await refused(sql`UPDATE complaints SET product_id = ${randomUUID()} WHERE id = ${ids.goodComplaint}`)).toBe('23503');
    expect(
      await refused(sql`INSERT INTO document_lines (company_id, document_id, line_no, product_id) VALUES (${A}, ${ids.goodDelivery}, 1, ${randomUUID()})`),
    ).toBe('23503');
    expect(await refused(sql`UPDATE documents SET source_id = ${ids.salesOrder} WHERE id = ${ids.deliveryToNothing}`)).toBe('accepted');
  });
});
