// List, create, edit, deactivate, export and import for every master-data resource.
// Every query is scoped to the caller's company; nothing is ever hard-deleted, because
// documents reference master data.
import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { recordChange } from '../../core/audit-log.js';
import { errors } from '../../core/errors.js';
import { readSheet, type SheetColumn, writeSheet } from '../../core/excel.js';
import { type Reference, requireReferences, TARGETS } from '../../core/references.js';
import { validate } from '../../core/validation.js';
import type { Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { changeOpeningBalance } from '../../ledger/cash-opening.js';
import { forgetSessions, type RequestContext } from '../auth/auth.service.js';
import { isPermission } from '../auth/permissions.js';
import { createSchema, type FieldDef, refTarget } from './fields.js';
import { loadUnits, replaceUnits, type UnitInput, unitsFromCell, unitsToCell } from './product-units.js';
import { type MasterResource, resourceByName } from './resources.js';

export interface ListQuery {
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
  active?: boolean;
  filters?: Record<string, string>;
}

export type Row = Record<string, unknown>;

const col = (res: MasterResource, key: string): AnyPgColumn => res.table[key] as AnyPgColumn;
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const canSeePrices = (ctx: RequestContext, res: MasterResource) => ctx.permissions.has(`${res.name}:price`);

function whereOf(ctx: RequestContext, res: MasterResource, query: ListQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(col(res, 'companyId'), ctx.companyId)];
  const q = query.q?.trim();
  if (q) {
    const searchable = res.fields.filter((f) => f.search).map((f) => ilike(f.column, likePattern(q)));
    if (res.name === 'products') {
      // A barcode of an alternate unit finds its product too.
      searchable.push(
        sql`EXISTS (SELECT 1 FROM product_units u WHERE u.company_id = ${col(res, 'companyId')} AND u.product_id = ${col(res, 'id')} AND u.active AND u.barcode = ${q})`,
      );
    }
    conds.push(or(...searchable));
  }
  if (query.active !== undefined) conds.push(eq(col(res, 'active'), query.active));
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    const f = res.fields.find((x) => x.key === key && x.filterable);
    if (!f || value === '') continue;
    if (f.type === 'bool') conds.push(eq(f.column, value === 'true'));
    else conds.push(eq(f.column, value));
  }
  return and(...conds);
}

/**
 * 9.1: a picker types a code (or scans a barcode) and takes what the search answers. The
 * row whose code or barcode is exactly the text must be in that answer, however many
 * others merely contain it: with no sort asked for, exact hits come first.
 */
function exactFirst(res: MasterResource, q: string): SQL | undefined {
  const hits: SQL[] = [];
  for (const key of ['code', 'barcode']) if (res.fields.some((f) => f.key === key)) hits.push(sql`lower(${col(res, key)}) = lower(${q})`);
  if (res.name === 'products') {
    hits.push(
      sql`EXISTS (SELECT 1 FROM product_units u WHERE u.company_id = ${col(res, 'companyId')} AND u.product_id = ${col(res, 'id')} AND u.active AND u.barcode = ${q})`,
    );
  }
  return hits.length ? sql`CASE WHEN ${or(...hits)} THEN 0 ELSE 1 END` : undefined;
}

function orderOf(ctx: RequestContext, res: MasterResource, sort?: string): SQL[] {
  const spec = sort || res.defaultSort;
  const descending = spec.startsWith('-');
  const key = descending ? spec.slice(1) : spec;
  // Sorting by a hidden price would reveal its order.
  const f = res.fields.find((x) => x.key === key && x.sortable && !(x.price && !canSeePrices(ctx, res)));
  const allowed = f?.column ?? (['createdAt', 'updatedAt'].includes(key) ? col(res, key) : undefined);
  // An unknown or forbidden sort key falls back to the default order, direction and all.
  if (!allowed) return [asc(col(res, res.defaultSort)), asc(col(res, 'id'))];
  const column = allowed;
  return [descending ? desc(column) : asc(column), asc(col(res, 'id'))];
}

/** Shapes a database row for the API: no company id, ref names, prices by permission. */
async function present(ctx: RequestContext, db: Executor, res: MasterResource, rows: Row[]): Promise<Row[]> {
  const seePrices = canSeePrices(ctx, res);
  const names = new Map<string, Map<string, string>>();
  for (const f of res.fields.filter((x) => x.type === 'ref')) {
    const ids = [...new Set(rows.map((r) => r[f.key]).filter((v): v is string => typeof v === 'string'))];
    const target = resourceByName(f.ref?.resource ?? '');
    if (!target || ids.length === 0) continue;
    const found = await db
      .select({ id: col(target, 'id'), name: col(target, 'name') })
      .from(target.table)
      .where(and(eq(col(target, 'companyId'), ctx.companyId), inArray(col(target, 'id'), ids)));
    names.set(f.key, new Map(found.map((x) => [x.id as string, x.name as string])));
  }
  const units =
    res.name === 'products'
      ? await loadUnits(
          db,
          ctx.companyId,
          rows.map((r) => r.id as string),
          seePrices,
        )
      : undefined;
  return rows.map((r) => {
    const out: Row = { id: r.id };
    for (const f of res.fields) {
      out[f.key] = f.price && !seePrices ? null : (r[f.key] ?? null);
      if (f.type === 'ref' && f.ref) out[f.ref.nameKey] = names.get(f.key)?.get(r[f.key] as string) ?? null;
    }
    for (const k of res.readOnly ?? []) out[k] = r[k];
    if (units) out.units = units.get(r.id as string) ?? [];
    out.active = r.active;
    out.createdAt = r.createdAt;
    out.updatedAt = r.updatedAt;
    return out;
  });
}

export async function list(ctx: RequestContext, res: MasterResource, query: ListQuery) {
  const db = ctx.db.orm;
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.min(500, Math.max(1, query.pageSize ?? 20));
  const where = whereOf(ctx, res, query);
  const q = query.q?.trim();
  const exactOrder = q && !query.sort ? exactFirst(res, q) : undefined;
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(res.table).where(where);
  const rows = (await db
    .select()
    .from(res.table)
    .where(where)
    .orderBy(...(exactOrder ? [exactOrder] : []), ...orderOf(ctx, res, query.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as Row[];
  return { items: await present(ctx, db, res, rows), total: Number(total), page, pageSize };
}

async function findRow(db: Executor, ctx: RequestContext, res: MasterResource, id: string): Promise<Row> {
  const [row] = (await db
    .select()
    .from(res.table)
    .where(and(eq(col(res, 'companyId'), ctx.companyId), eq(col(res, 'id'), id)))) as Row[];
  if (!row) throw errors.notFound(res.zh, res.en, id);
  return row;
}

export async function get(ctx: RequestContext, res: MasterResource, id: string) {
  const db = ctx.db.orm;
  const [out] = await present(ctx, db, res, [await findRow(db, ctx, res, id)]);
  return out;
}

/**
 * Every id the body names exists in this company (10.6, one query per table: the ref
 * fields and a product's units); a new reference (`changed`) must also be active.
 */
async function checkReferences(db: Executor, ctx: RequestContext, res: MasterResource, values: Row, body: Row, changed: Set<string>, selfId?: string) {
  const refFields = res.fields.filter((x) => x.type === 'ref' && typeof values[x.key] === 'string');
  for (const f of refFields) {
    if (selfId && values[f.key] === selfId)
      throw errors.unprocessable('REFERENCE_CYCLE', `${f.zh}不能是自己`, `${f.en} cannot be the record itself`, { field: f.key });
  }
  const refs: Reference[] = refFields.map((f) => ({ path: f.key, id: values[f.key] as string, target: TARGETS[refTarget(f)], label: f }));
  if (res.name === 'products' && Array.isArray(body.units))
    for (const [i, u] of (body.units as UnitInput[]).entries()) if (u.id) refs.push({ path: `units.${i}.id`, id: u.id, target: TARGETS.productUnit });
  const found = await requireReferences(db, ctx.companyId, refs);
  for (const f of refFields) {
    if (changed.has(f.key) && found.get(f.key)?.active === false)
      throw errors.unprocessable('REFERENCE_INACTIVE', `${f.zh}已停用`, `${f.en} is deactivated`, { field: f.key, id: values[f.key] });
  }
}

/** A parent may not be the row itself or any of its descendants. */
async function checkNoCycle(db: Executor, ctx: RequestContext, res: MasterResource, id: string, parentId: string) {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === id)
      throw errors.unprocessable('REFERENCE_CYCLE', '上级不能是自己或自己的下级', 'The parent cannot be the record itself or one of its descendants', {
        field: 'parentId',
      });
    const [row] = (await db
      .select({ parentId: col(res, 'parentId') })
      .from(res.table)
      .where(and(eq(col(res, 'companyId'), ctx.companyId), eq(col(res, 'id'), cursor)))) as { parentId: string | null }[];
    cursor = row?.parentId ?? null;
  }
}

async function checkUniqueCode(db: Executor, ctx: RequestContext, res: MasterResource, code: unknown, selfId?: string) {
  if (typeof code !== 'string') return;
  const conds = [eq(col(res, 'companyId'), ctx.companyId), eq(col(res, 'code'), code)];
  if (selfId) conds.push(ne(col(res, 'id'), selfId));
  const [hit] = await db
    .select({ id: col(res, 'id') })
    .from(res.table)
    .where(and(...conds));
  if (hit) throw errors.duplicateCode('code', code);
}

function checkPermissionsField(values: Row) {
  const perms = values.permissions;
  if (!Array.isArray(perms)) return;
  const unknown = perms.filter((p) => typeof p !== 'string' || !isPermission(p));
  if (unknown.length)
    throw errors.unprocessable('UNKNOWN_PERMISSION', `未知的权限：${unknown.join(', ')}`, `Unknown permissions: ${unknown.join(', ')}`, { unknown });
  values.permissions = [...new Set(perms)];
}

/** Only known columns go to the database; price fields need the price permission. */
function columnValues(ctx: RequestContext, res: MasterResource, body: Row, creating: boolean): Row {
  const values: Row = {};
  const seePrices = canSeePrices(ctx, res);
  for (const f of res.fields) {
    if (!(f.key in body) || body[f.key] === undefined) {
      if (creating && f.defaultValue !== undefined) values[f.key] = f.defaultValue;
      continue;
    }
    if (f.price && !seePrices) continue;
    values[f.key] = body[f.key] === null && f.defaultValue !== undefined ? f.defaultValue : body[f.key];
  }
  if (typeof body.active === 'boolean') values.active = body.active;
  return values;
}

export async function create(ctx: RequestContext, res: MasterResource, body: Row, tx?: Executor) {
  const run = async (db: Executor) => {
    const values = columnValues(ctx, res, body, true);
    checkPermissionsField(values);
    await checkUniqueCode(db, ctx, res, values.code);
    await checkReferences(db, ctx, res, values, body, new Set(Object.keys(values)));
    const [row] = (await db
      .insert(res.table)
      .values({ ...values, companyId: ctx.companyId })
      .returning()) as Row[];
    if (res.name === 'products' && Array.isArray(body.units))
      await replaceUnits(db, ctx.companyId, row.id as string, body.units as UnitInput[], canSeePrices(ctx, res));
    const [out] = await present(ctx, db, res, [row]);
    await recordChange(db, ctx, 'create', res.name, row.id as string, null, out);
    return out;
  };
  return permissionsChanged(ctx, res, await (tx ? run(tx) : transaction(ctx.db, run)));
}

/** A role's permissions act on the next request of everyone who has it. */
function permissionsChanged<T>(ctx: RequestContext, res: MasterResource, out: T): T {
  if (res.name === 'roles') forgetSessions(ctx.db);
  return out;
}

export async function update(ctx: RequestContext, res: MasterResource, id: string, body: Row, tx?: Executor, action = 'update') {
  const run = async (db: Executor) => {
    const current = await findRow(db, ctx, res, id);
    const [before] = await present(ctx, db, res, [current]);
    // Nothing to change: answer with the row, write nothing.
    if (!Object.values(body).some((v) => v !== undefined)) return before;
    if (res.name === 'roles' && current.builtin && (('code' in body && body.code !== current.code) || body.active === false)) {
      throw errors.conflict('BUILTIN_ROLE', '内置角色不能改编码或停用', 'A built-in role cannot change its code or be deactivated');
    }
    const values = columnValues(ctx, res, body, false);
    checkPermissionsField(values);
    if ('code' in values) await checkUniqueCode(db, ctx, res, values.code, id);
    if (res.name === 'accounts' && values.openingBalance != null)
      await changeOpeningBalance(db, ctx.companyId, id, current.openingBalance as string, values.openingBalance as string);
    // An existing row may keep a reference that was deactivated since; a new one must be active.
    const changed = new Set(res.fields.filter((f) => f.type === 'ref' && f.key in values && values[f.key] !== current[f.key]).map((f) => f.key));
    await checkReferences(db, ctx, res, values, body, changed, id);
    if (changed.has('parentId') && typeof values.parentId === 'string') await checkNoCycle(db, ctx, res, id, values.parentId);
    const [row] = (await db
      .update(res.table)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(col(res, 'companyId'), ctx.companyId), eq(col(res, 'id'), id)))
      .returning()) as Row[];
    if (res.name === 'products' && Array.isArray(body.units)) await replaceUnits(db, ctx.companyId, id, body.units as UnitInput[], canSeePrices(ctx, res));
    const [out] = await present(ctx, db, res, [row]);
    await recordChange(db, ctx, action, res.name, id, before, out);
    return out;
  };
  return permissionsChanged(ctx, res, await (tx ? run(tx) : transaction(ctx.db, run)));
}

export async function deactivate(ctx: RequestContext, res: MasterResource, id: string) {
  if (res.name === 'roles') {
    const [row] = (await ctx.db.orm
      .select()
      .from(res.table)
      .where(and(eq(col(res, 'companyId'), ctx.companyId), eq(col(res, 'id'), id)))) as Row[];
    if (row?.builtin) throw errors.conflict('BUILTIN_ROLE', '内置角色不能停用', 'A built-in role cannot be deactivated');
  }
  return update(ctx, res, id, { active: false }, undefined, 'deactivate');
}

// ---- Excel -------------------------------------------------------------------------

function sheetColumns(ctx: RequestContext, res: MasterResource): (SheetColumn & { field?: FieldDef })[] {
  const seePrices = canSeePrices(ctx, res);
  const cols: (SheetColumn & { field?: FieldDef })[] = res.fields
    .filter((f) => !(f.price && !seePrices) && f.type !== 'permissions')
    .map((f) => ({ header: f.zh, key: f.key, field: f, numeric: f.type === 'decimal' || f.type === 'int' }));
  if (res.name === 'products') cols.push({ header: '辅助单位', key: 'units' });
  if (res.name === 'roles') cols.push({ header: '权限', key: 'permissions', width: 60 });
  cols.push({ header: '启用', key: 'active' });
  return cols;
}

export async function exportSheet(ctx: RequestContext, res: MasterResource, query: ListQuery): Promise<Buffer> {
  const db = ctx.db.orm;
  const rows = (await db
    .select()
    .from(res.table)
    .where(whereOf(ctx, res, query))
    .orderBy(...orderOf(ctx, res, query.sort))
    .limit(100_000)) as Row[];
  const items = await present(ctx, db, res, rows);
  const cols = sheetColumns(ctx, res);
  const out = items.map((item) => {
    const r: Row = {};
    for (const c of cols) {
      const f = c.field;
      const v = item[c.key];
      if (c.key === 'units') r.units = unitsToCell(item.units as Row[]);
      else if (c.key === 'permissions') r.permissions = (v as string[]).join(',');
      else if (c.key === 'active') r.active = item.active ? '是' : '否';
      else if (f?.type === 'ref' && f.ref) r[c.key] = item[f.ref.nameKey] ?? '';
      else if (f?.type === 'enum') r[c.key] = f.valueLabels?.[v as string] ?? v;
      else if (f?.type === 'bool') r[c.key] = v === null ? '' : v ? '是' : '否';
      else r[c.key] = v ?? '';
    }
    return r;
  });
  return writeSheet(res.zh, cols, out);
}

export async function importTemplate(ctx: RequestContext, res: MasterResource): Promise<Buffer> {
  return writeSheet(res.zh, sheetColumns(ctx, res), []);
}

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
  messageEn: string;
}

const TRUE_WORDS = new Set(['是', 'true', '1', 'y', 'yes', '启用', '√']);
const FALSE_WORDS = new Set(['否', 'false', '0', 'n', 'no', '停用', '']);

/** Imports a sheet: every row is checked first; one bad row and nothing is written. */
export async function importSheet(ctx: RequestContext, res: MasterResource, data: ArrayBuffer | Buffer) {
  const { headers, rows } = await readSheet(data);
  const cols = sheetColumns(ctx, res);
  const byHeader = new Map<string, (typeof cols)[number]>();
  for (const c of cols) {
    byHeader.set(c.header, c);
    byHeader.set(c.key.toLowerCase(), c);
    if (c.field) byHeader.set(c.field.en.toLowerCase(), c);
  }
  const unknownHeaders = headers.filter((h) => h && !byHeader.has(h) && !byHeader.has(h.toLowerCase()));
  if (unknownHeaders.length) {
    throw errors.unprocessable('IMPORT_UNKNOWN_COLUMN', `无法识别的列：${unknownHeaders.join('、')}`, `Unknown columns: ${unknownHeaders.join(', ')}`, {
      columns: unknownHeaders,
    });
  }
  if (!headers.some((h) => byHeader.get(h)?.key === 'code' || byHeader.get(h.toLowerCase())?.key === 'code')) {
    throw errors.unprocessable('IMPORT_NO_CODE_COLUMN', '缺少“编码”列', 'The sheet has no Code column');
  }
  if (rows.length === 0) throw errors.unprocessable('IMPORT_EMPTY', 'Excel 中没有数据行', 'The sheet has no data rows');
  if (rows.length > 20_000) throw errors.unprocessable('IMPORT_TOO_LARGE', '一次最多导入 20000 行', 'At most 20,000 rows per import');

  const db = ctx.db.orm;
  // Inactive rows are looked up too: an existing product may keep its deactivated
  // category; only new references to inactive rows are refused.
  const refLookup = new Map<string, Map<string, string | null>>();
  const inactiveRefs = new Set<string>();
  for (const f of res.fields.filter((x) => x.type === 'ref')) {
    const target = resourceByName(f.ref?.resource ?? '');
    if (!target) continue;
    const all = (await db
      .select({ id: col(target, 'id'), code: col(target, 'code'), name: col(target, 'name'), active: col(target, 'active') })
      .from(target.table)
      .where(eq(col(target, 'companyId'), ctx.companyId))
      .orderBy(desc(col(target, 'active')))) as { id: string; code: string; name: string; active: boolean }[];
    for (const t of all) if (!t.active) inactiveRefs.add(t.id);
    const m = new Map<string, string | null>();
    for (const t of all) m.set(t.code, t.id);
    for (const t of all) if (!m.has(t.name)) m.set(t.name, t.id);
    // A name shared by two rows cannot identify one.
    for (const t of all) if (all.filter((o) => o.name === t.name).length > 1 && !all.some((o) => o.code === t.name)) m.set(t.name, null);
    refLookup.set(f.key, m);
  }
  const existing = new Map(
    (
      (await db
        .select({ id: col(res, 'id'), code: col(res, 'code') })
        .from(res.table)
        .where(eq(col(res, 'companyId'), ctx.companyId))) as { id: string; code: string }[]
    ).map((r) => [r.code, r.id]),
  );

  const schema = createSchema(res.fields);
  const problems: ImportRowError[] = [];
  const seenCodes = new Map<string, number>();
  const parsed: { body: Row; units?: UnitInput[]; existingId?: string }[] = [];
  for (const { rowNumber, values } of rows) {
    const body: Row = {};
    const codeHeader = Object.keys(values).find((h) => (byHeader.get(h) ?? byHeader.get(h.toLowerCase()))?.key === 'code');
    const rowCode = codeHeader ? String(values[codeHeader] ?? '').trim() : '';
    let units: UnitInput[] | undefined;
    for (const [header, raw] of Object.entries(values)) {
      const c = byHeader.get(header) ?? byHeader.get(header.toLowerCase());
      if (!c) continue;
      const f = c.field;
      const textValue = raw === null || raw === undefined ? '' : String(raw).trim();
      if (c.key === 'units') {
        const u = unitsFromCell(textValue);
        if ('error' in u) problems.push({ row: rowNumber, field: c.header, message: u.error.zh, messageEn: u.error.en });
        else units = u.units;
      } else if (c.key === 'permissions') {
        body.permissions = textValue ? textValue.split(/[,，\s]+/).filter(Boolean) : [];
      } else if (c.key === 'active') {
        const w = textValue.toLowerCase();
        if (TRUE_WORDS.has(w)) body.active = true;
        else if (FALSE_WORDS.has(w)) body.active = false;
        else problems.push({ row: rowNumber, field: c.header, message: '应填“是”或“否”', messageEn: 'must be yes or no' });
      } else if (!f) {
      } else if (textValue === '') {
        body[f.key] = null;
      } else if (f.type === 'ref') {
        const id = refLookup.get(f.key)?.get(textValue);
        if (id === undefined) problems.push({ row: rowNumber, field: c.header, message: `找不到“${textValue}”`, messageEn: `"${textValue}" not found` });
        else if (id === null)
          problems.push({ row: rowNumber, field: c.header, message: `“${textValue}”有重名，请填编码`, messageEn: `"${textValue}" is ambiguous; use the code` });
        else {
          if (inactiveRefs.has(id) && !existing.has(rowCode)) {
            problems.push({ row: rowNumber, field: c.header, message: `“${textValue}”已停用`, messageEn: `"${textValue}" is deactivated` });
          } else body[f.key] = id;
        }
      } else if (f.type === 'enum') {
        const byLabel = Object.entries(f.valueLabels ?? {}).find(([, label]) => label === textValue)?.[0];
        body[f.key] = byLabel ?? textValue;
      } else if (f.type === 'bool') {
        const w = textValue.toLowerCase();
        if (TRUE_WORDS.has(w)) body[f.key] = true;
        else if (FALSE_WORDS.has(w)) body[f.key] = false;
        else problems.push({ row: rowNumber, field: c.header, message: '应填“是”或“否”', messageEn: 'must be yes or no' });
      } else if (f.type === 'int') {
        body[f.key] = /^\d+$/.test(textValue) ? Number(textValue) : textValue;
      } else {
        body[f.key] = textValue;
      }
    }
    const checked = validate(schema, body);
    if (!checked.ok) {
      for (const i of checked.issues) {
        const f = res.fields.find((x) => x.key === i.path);
        problems.push({ row: rowNumber, field: f?.zh ?? i.path, message: i.message, messageEn: i.messageEn });
      }
      continue;
    }
    const code = checked.data.code as string;
    const firstRow = seenCodes.get(code);
    if (firstRow !== undefined) {
      problems.push({ row: rowNumber, field: '编码', message: `编码 ${code} 与第 ${firstRow} 行重复`, messageEn: `code ${code} repeats row ${firstRow}` });
      continue;
    }
    seenCodes.set(code, rowNumber);
    // Blank cells of an existing row leave its values alone.
    const bodyForUpdate = Object.fromEntries(Object.entries(checked.data).filter(([k]) => k in body));
    parsed.push({ body: existing.has(code) ? bodyForUpdate : checked.data, units, existingId: existing.get(code) });
  }
  if (problems.length) {
    throw errors.unprocessable(
      'IMPORT_INVALID',
      `导入失败：${problems.length} 处错误，未导入任何数据`,
      `Import failed: ${problems.length} errors; nothing was imported`,
      { rows: problems },
    );
  }
  const result = await transaction(ctx.db, async (tx) => {
    let created = 0;
    let updated = 0;
    for (const p of parsed) {
      const body = p.units ? { ...p.body, units: p.units } : p.body;
      if (p.existingId) {
        await update(ctx, res, p.existingId, body, tx);
        updated++;
      } else {
        await create(ctx, res, body, tx);
        created++;
      }
    }
    return { imported: created + updated, created, updated };
  });
  return permissionsChanged(ctx, res, result);
}

export type CreateBody = z.infer<ReturnType<typeof createSchema>>;
