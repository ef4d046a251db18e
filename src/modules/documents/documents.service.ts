// Storage, numbering, status and sign-off for every kind of document. Audit and
// un-audit are conditional status updates, so a double click or a second server posts
// once; the kind's audit/unaudit then posts through the engine in the same transaction.
import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordChange } from '../../core/audit-log.js';
import { Decimal } from '../../core/decimal.js';
import { AppError, errors } from '../../core/errors.js';
import { nextDocNumber } from '../../core/numbering.js';
import { checkReferences, referenceNotFound, TARGETS } from '../../core/references.js';
import type { Executor } from '../../db/database.js';
import { accounts, customers, documentLines, documents, employees, products, productUnits, suppliers, warehouses } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { linesFingerprint } from '../approvals/approvals.rules.js';
import { requireApprovedForAudit, voidLapsedApprovals } from '../approvals/approvals.service.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type CompanySettings, DEFAULT_SETTINGS } from '../settings/settings.service.js';
import { settlementStatus } from '../trade/trade.rules.js';
import { refuseWhileBlocked } from './blockers.js';
import type { DocumentKind, LoadedDocument } from './documents.types.js';
import { assertFigures } from './figure-limits.js';
import { flipStatus } from './flip-status.js';
import { lockDependencies } from './lock-dependencies.js';
import { forCaller } from './money-visibility.js';

export const SETTLEMENT_ZH = { unsettled: '未结', partial: '部分结算', settled: '已结清' } as const;

/** Status in Chinese; a sales order that has shipped part is 部分发货, not 部分入库. */
export const statusName = (kind: DocumentKind, status: string) =>
  status === 'partial' && kind.partner === 'customer' ? '部分发货' : (STATUS_ZH[status] ?? status);

export const STATUS_ZH: Record<string, string> = {
  saved: '未审核',
  audited: '已审核',
  partial: '部分入库',
  completed: '已完成',
  closed: '已关闭',
  deleted: '已删除',
};

export async function loadDocument(db: Executor, ctx: RequestContext, kind: DocumentKind, id: string, lock = false): Promise<LoadedDocument> {
  const q = db
    .select()
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id), eq(documents.kind, kind.kind), ne(documents.status, 'deleted')));
  const [header] = lock ? await q.for('update') : await q;
  if (!header) throw errors.notFound(kind.zh, kind.en, id);
  return { header, lines: await loadLines(db, ctx.companyId, id) };
}

export function loadLines(db: Executor, companyId: string, documentId: string) {
  return db
    .select()
    .from(documentLines)
    .where(and(eq(documentLines.companyId, companyId), eq(documentLines.documentId, documentId)))
    .orderBy(asc(documentLines.lineNo));
}

async function store(tx: Executor, ctx: RequestContext, documentId: string, built: Awaited<ReturnType<DocumentKind['build']>>) {
  if (built.lines.length === 0) return;
  await tx.insert(documentLines).values(built.lines.map((l, i) => ({ ...l, companyId: ctx.companyId, documentId, lineNo: i + 1 })));
}

export async function createDocument(ctx: RequestContext, kind: DocumentKind, body: Record<string, unknown>) {
  return transaction(ctx.db, async (tx) => {
    // 10.6 every id the body names, of the right kind and this company, before the kind's rules
    await checkReferences(tx, ctx.companyId, kind.createSchema, body);
    const built = await kind.build(tx, ctx, body);
    assertFigures(built);
    const number = await nextDocNumber(tx, ctx.companyId, kind.prefix, built.header.date as string);
    const [header] = await tx
      .insert(documents)
      .values({ ...built.header, companyId: ctx.companyId, kind: kind.kind, number, status: 'saved', createdBy: ctx.userId, updatedBy: ctx.userId })
      .returning();
    await store(tx, ctx, header.id, built);
    const view = await viewDocument(tx, ctx, kind, header.id);
    await recordChange(tx, ctx, 'create', kind.resource, header.id, null, view);
    return view;
  });
}

function requireSaved(kind: DocumentKind, doc: LoadedDocument, action: 'edit' | 'delete') {
  if (doc.header.status !== 'saved') {
    throw errors.conflict(
      'DOCUMENT_NOT_EDITABLE',
      `${kind.zh} ${doc.header.number} 已${STATUS_ZH[doc.header.status] ?? doc.header.status}，不能${action === 'edit' ? '修改' : '删除'}；请先反审核`,
      `${kind.en} ${doc.header.number} is ${doc.header.status}; it cannot be ${action === 'edit' ? 'edited' : 'deleted'} (un-audit it first)`,
      { number: doc.header.number, status: doc.header.status },
    );
  }
}

/**
 * Two clerks with the same unaudited document open: the second to save must not silently
 * undo the first's changes. A caller that says which version it edited (If-Match) is
 * refused when the document has changed since.
 */
function requireVersion(kind: DocumentKind, header: { number: string; version: number }, expected: number | undefined) {
  if (expected === undefined || expected === header.version) return;
  throw new AppError(
    'DOCUMENT_CHANGED',
    412,
    `${kind.zh} ${header.number} 已被他人修改，请刷新后再改`,
    `${kind.en} ${header.number} was changed by someone else; reload it and edit again`,
    { number: header.number, version: header.version, expected },
  );
}

export async function updateDocument(ctx: RequestContext, kind: DocumentKind, id: string, body: Record<string, unknown>, expectedVersion?: number) {
  return transaction(ctx.db, async (tx) => {
    const existing = await loadDocument(tx, ctx, kind, id, true);
    requireSaved(kind, existing, 'edit');
    requireVersion(kind, existing.header, expectedVersion);
    const before = await viewDocument(tx, ctx, kind, id);
    await checkReferences(tx, ctx.companyId, kind.createSchema, body);
    const built = await kind.build(tx, ctx, body, existing);
    assertFigures(built);
    // A2: an approval covers what the document said; a change of it voids the approval.
    await voidLapsedApprovals(tx, ctx, kind, id, {
      total: String(built.header.total ?? '0'),
      partnerId: built.header.partnerId ?? null,
      lines: linesFingerprint(built.lines),
    });
    await tx
      .update(documents)
      .set({ ...built.header, version: sql`${documents.version} + 1`, updatedBy: ctx.userId, updatedAt: new Date() })
      .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id)));
    // Lines of an unaudited document have posted nothing and nothing refers to them.
    await tx.delete(documentLines).where(and(eq(documentLines.companyId, ctx.companyId), eq(documentLines.documentId, id)));
    await store(tx, ctx, id, built);
    const view = await viewDocument(tx, ctx, kind, id);
    await recordChange(tx, ctx, 'update', kind.resource, id, before, view);
    return view;
  });
}

/** Deleting an unaudited document keeps it as 已删除, so its number stays accounted for. */
export async function deleteDocument(ctx: RequestContext, kind: DocumentKind, id: string, expectedVersion?: number) {
  return transaction(ctx.db, async (tx) => {
    const existing = await loadDocument(tx, ctx, kind, id, true);
    requireSaved(kind, existing, 'delete');
    requireVersion(kind, existing.header, expectedVersion);
    await kind.beforeDelete?.(tx, ctx, existing);
    await tx
      .update(documents)
      .set({ status: 'deleted', updatedBy: ctx.userId, updatedAt: new Date(), version: sql`${documents.version} + 1` })
      .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id)));
    await recordChange(tx, ctx, 'delete', kind.resource, id, { number: existing.header.number, status: existing.header.status }, null);
    return { id, number: existing.header.number, deleted: true };
  });
}

async function explainStatus(tx: Executor, ctx: RequestContext, kind: DocumentKind, id: string, wanted: 'audit' | 'unaudit') {
  const doc = await loadDocument(tx, ctx, kind, id);
  const s = doc.header.status;
  if (wanted === 'audit') {
    return errors.conflict('ALREADY_AUDITED', `${kind.zh} ${doc.header.number} 已审核，不能重复审核`, `${kind.en} ${doc.header.number} is already audited`, {
      number: doc.header.number,
      status: s,
      auditedAt: doc.header.auditedAt,
    });
  }
  return errors.conflict(
    'NOT_AUDITED',
    `${kind.zh} ${doc.header.number} 当前为${STATUS_ZH[s] ?? s}，不能反审核`,
    `${kind.en} ${doc.header.number} is ${s}; it cannot be un-audited`,
    {
      number: doc.header.number,
      status: s,
    },
  );
}

/**
 * Flips the status with a conditional update (a second click or server finds nothing to
 * flip), records the sign-off, then lets the kind post. The sign-off is written before
 * posting and the response is read after commit, so the balance rows posting locks are
 * held for as short a time as possible.
 */
async function changeStatus(ctx: RequestContext, kind: DocumentKind, id: string, wanted: 'audit' | 'unaudit', minimal: boolean, expectedVersion?: number) {
  const now = new Date();
  const header = await transaction(ctx.db, async (tx) => {
    await lockDependencies(tx, ctx.companyId, id);
    const flipped = await flipStatus(tx, {
      companyId: ctx.companyId,
      userId: ctx.userId,
      id,
      kind: kind.kind,
      from: wanted === 'audit' ? 'saved' : 'audited',
      to: wanted === 'audit' ? 'audited' : 'saved',
      auditedBy: wanted === 'audit' ? ctx.userId : null,
      auditedAt: wanted === 'audit' ? now : null,
      action: wanted,
      entity: kind.resource,
      at: now,
      lockStock: wanted === 'audit' && !!kind.goods,
      withCustomer: kind.partner === 'customer',
    });
    if (!flipped) {
      if (wanted === 'unaudit') {
        const doc = await loadDocument(tx, ctx, kind, id);
        // an order received or shipped against: name what blocks it, not its status
        if (kind.isOrder && (doc.header.status === 'partial' || doc.header.status === 'completed')) await refuseWhileBlocked(tx, ctx, kind, doc.header);
      }
      throw await explainStatus(tx, ctx, kind, id, wanted);
    }
    // The auditor posts the version on their screen, or nothing (the flip rolls back).
    requireVersion(kind, { number: flipped.header.number, version: flipped.header.version - 1 }, expectedVersion);
    const doc = {
      header: flipped.header,
      // Un-audit decides from what depends on the lines (a return's returned quantity,
      // committed while this waited for the header): read them afresh.
      lines: wanted === 'audit' ? flipped.lines : await loadLines(tx, ctx.companyId, id),
      settings: { ...DEFAULT_SETTINGS, ...flipped.settings } as CompanySettings,
      lockedStock: flipped.lockedStock,
      customer: flipped.customer,
    };
    if (wanted === 'audit') {
      await requireApprovedForAudit(tx, ctx, kind, doc.header, doc.settings);
      await kind.audit(tx, ctx, doc);
    } else {
      // Everything that depends on it, named at once and in undo order (P6, issue 9.4);
      // the kind's own checks under lock stay as the guard against a race lost since.
      await refuseWhileBlocked(tx, ctx, kind, doc.header);
      await kind.unaudit(tx, ctx, doc);
    }
    return doc.header;
  });
  if (minimal) {
    // `Prefer: return=minimal`: scripts posting in bulk skip reading the whole document back.
    const status = wanted === 'audit' ? 'audited' : 'saved';
    return {
      id,
      number: header.number,
      status,
      statusName: STATUS_ZH[status],
      auditedBy: header.auditedBy,
      auditedAt: header.auditedAt,
      version: header.version,
    };
  }
  return viewDocument(ctx.db.orm, ctx, kind, id);
}

export const auditDocument = (ctx: RequestContext, kind: DocumentKind, id: string, minimal = false, expectedVersion?: number) =>
  changeStatus(ctx, kind, id, 'audit', minimal, expectedVersion);
export const unauditDocument = (ctx: RequestContext, kind: DocumentKind, id: string, minimal = false, expectedVersion?: number) =>
  changeStatus(ctx, kind, id, 'unaudit', minimal, expectedVersion);

/** Orders: 关闭 by hand, whatever is still open. */
export async function closeDocument(ctx: RequestContext, kind: DocumentKind, id: string) {
  return transaction(ctx.db, async (tx) => {
    const [flipped] = await tx
      .update(documents)
      .set({ status: 'closed', closedBy: ctx.userId, closedAt: new Date(), version: sql`${documents.version} + 1` })
      .where(
        and(eq(documents.companyId, ctx.companyId), eq(documents.id, id), eq(documents.kind, kind.kind), inArray(documents.status, ['audited', 'partial'])),
      )
      .returning({ id: documents.id });
    if (!flipped) {
      const doc = await loadDocument(tx, ctx, kind, id);
      throw errors.conflict(
        'CANNOT_CLOSE',
        `${kind.zh} ${doc.header.number} 当前为${STATUS_ZH[doc.header.status]}，不能关闭`,
        `${kind.en} ${doc.header.number} is ${doc.header.status}; it cannot be closed`,
        {
          status: doc.header.status,
        },
      );
    }
    const view = await viewDocument(tx, ctx, kind, id);
    await recordChange(tx, ctx, 'close', kind.resource, id, null, { number: view.number, status: 'closed' });
    return view;
  });
}

// ---- Reading ----------------------------------------------------------------------

const partnerTable = (kind: DocumentKind) => (kind.partner === 'supplier' ? suppliers : customers);

const userName = (column: AnyPgColumn) => sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${column})`;

/** The API view of one document: header with names, lines with products (3 queries). */
export async function viewDocument(db: Executor, ctx: RequestContext, kind: DocumentKind, id: string) {
  const partners = partnerTable(kind);
  const [row] = await db
    .select({
      header: getTableColumns(documents),
      partnerName: partners.name,
      partnerCode: partners.code,
      warehouseName: warehouses.name,
      accountName: accounts.name,
      employeeName: employees.name,
      createdByName: userName(documents.createdBy),
      auditedByName: userName(documents.auditedBy),
      closedByName: userName(documents.closedBy),
    })
    .from(documents)
    .leftJoin(partners, and(eq(partners.companyId, documents.companyId), eq(partners.id, documents.partnerId)))
    .leftJoin(warehouses, and(eq(warehouses.companyId, documents.companyId), eq(warehouses.id, documents.warehouseId)))
    .leftJoin(accounts, and(eq(accounts.companyId, documents.companyId), eq(accounts.id, documents.accountId)))
    .leftJoin(employees, and(eq(employees.companyId, documents.companyId), eq(employees.id, documents.employeeId)))
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id), eq(documents.kind, kind.kind), ne(documents.status, 'deleted')));
  if (!row) throw errors.notFound(kind.zh, kind.en, id);
  const h = row.header;
  const lineRows = await db
    .select({
      line: getTableColumns(documentLines),
      productCode: products.code,
      productName: products.name,
      spec: products.spec,
      series: products.series,
      colour: products.colour,
      size: products.size,
      packages: products.packages,
      baseUnit: products.baseUnit,
      // The number of the order or bill each line was pulled from.
      sourceNumber: sql<string | null>`(SELECT sd.number FROM document_lines sl JOIN documents sd ON sd.company_id = sl.company_id AND sd.id = sl.document_id
                                         WHERE sl.company_id = ${documentLines.companyId} AND sl.id = coalesce(${documentLines.orderLineId}, ${documentLines.billLineId}))`,
    })
    .from(documentLines)
    .leftJoin(products, and(eq(products.companyId, documentLines.companyId), eq(products.id, documentLines.productId)))
    .where(and(eq(documentLines.companyId, ctx.companyId), eq(documentLines.documentId, id)))
    .orderBy(asc(documentLines.lineNo));
  const doc: LoadedDocument = { header: h, lines: lineRows.map((r) => r.line) };
  const partnerKey = kind.partner === 'supplier' ? 'supplierId' : 'customerId';
  const extra = kind.describe ? await kind.describe(db, ctx, doc) : {};
  return forCaller(ctx, kind, {
    id: h.id,
    kind: h.kind,
    number: h.number,
    date: h.date,
    status: h.status,
    statusName: statusName(kind, h.status),
    [partnerKey]: h.partnerId,
    partnerId: h.partnerId,
    partnerName: row.partnerName ?? null,
    partnerCode: row.partnerCode ?? null,
    warehouseId: h.warehouseId,
    warehouseName: row.warehouseName ?? null,
    accountId: h.accountId,
    accountName: row.accountName ?? null,
    employeeId: h.employeeId,
    employeeName: row.employeeName ?? null,
    sourceId: h.sourceId,
    remark: h.remark,
    totalQty: h.totalQty,
    amount: h.amount,
    taxAmount: h.taxAmount,
    total: h.total,
    paymentTotal: h.paymentTotal,
    prepaymentUsed: h.prepaymentUsed,
    version: h.version,
    createdBy: h.createdBy,
    createdByName: row.createdByName ?? null,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    auditedBy: h.auditedBy,
    auditedByName: row.auditedByName ?? null,
    auditedAt: h.auditedAt,
    closedBy: h.closedBy,
    closedByName: row.closedByName ?? null,
    closedAt: h.closedAt,
    lines: lineRows.map(({ line: l, ...p }) => ({
      id: l.id,
      lineNo: l.lineNo,
      productId: l.productId,
      productCode: p.productCode ?? null,
      productName: p.productName ?? null,
      spec: p.spec ?? null,
      series: p.series ?? null,
      colour: p.colour ?? null,
      size: p.size ?? null,
      /** 包数 per base unit of the product (X2): how many packages the line ships in. */
      packagesPerUnit: p.packages ?? null,
      baseUnit: p.baseUnit ?? null,
      unitId: l.unitId,
      unitName: l.unitName,
      unitRatio: l.unitRatio,
      qty: l.qty,
      baseQty: l.baseQty,
      price: l.price,
      taxRate: l.taxRate,
      amount: l.amount,
      taxAmount: l.taxAmount,
      total: l.total,
      costAmount: l.costAmount,
      promisedDate: l.promisedDate,
      orderLineId: l.orderLineId,
      orderNumber: l.orderLineId ? (p.sourceNumber ?? null) : null,
      billLineId: l.billLineId,
      billNumber: l.billLineId ? (p.sourceNumber ?? null) : null,
      // Sales returns keep the delivery line they return in the same column.
      ...(kind.partner === 'customer' ? { deliveryLineId: l.billLineId, deliveryNumber: l.billLineId ? (p.sourceNumber ?? null) : null } : {}),
      discount: l.discount,
      documentId: l.refDocumentId,
      receivedQty: l.receivedQty,
      returnedQty: l.returnedQty,
      remark: l.remark,
    })),
    ...extra,
  });
}

export interface DocumentListQuery {
  q?: string;
  status?: string;
  partnerId?: string;
  warehouseId?: string;
  accountId?: string;
  /** Bills and returns: unsettled | partial | settled (未结 / 部分结算 / 已结清). */
  settlementStatus?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export async function listDocuments(ctx: RequestContext, kind: DocumentKind, query: DocumentListQuery, all = false) {
  const db = ctx.db.orm;
  const partners = partnerTable(kind);
  const conds: (SQL | undefined)[] = [eq(documents.companyId, ctx.companyId), eq(documents.kind, kind.kind), ne(documents.status, 'deleted')];
  if (query.status) conds.push(inArray(documents.status, query.status.split(',')));
  if (query.partnerId) conds.push(eq(documents.partnerId, query.partnerId));
  if (query.warehouseId) conds.push(eq(documents.warehouseId, query.warehouseId));
  if (query.accountId) conds.push(eq(documents.accountId, query.accountId));
  const settled = sql`(SELECT o.settled FROM open_items o WHERE o.company_id = ${documents.companyId} AND o.document_id = ${documents.id})`;
  const itemAmount = sql`(SELECT o.amount FROM open_items o WHERE o.company_id = ${documents.companyId} AND o.document_id = ${documents.id})`;
  if (query.settlementStatus === 'unsettled') conds.push(sql`coalesce(${settled}, 0) = 0 AND ${itemAmount} <> 0`);
  if (query.settlementStatus === 'partial') conds.push(sql`${settled} <> 0 AND abs(${settled}) < abs(${itemAmount})`);
  if (query.settlementStatus === 'settled') conds.push(sql`abs(${settled}) = abs(${itemAmount})`);
  if (query.from) conds.push(gte(documents.date, query.from));
  if (query.to) conds.push(lte(documents.date, query.to));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(or(ilike(documents.number, like), ilike(documents.remark, like), ilike(partners.name, like)));
  }
  const where = and(...conds);
  const base = db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .leftJoin(partners, and(eq(partners.companyId, documents.companyId), eq(partners.id, documents.partnerId)))
    .where(where);
  const [{ n }] = await base;
  const page = query.page ?? 1;
  const pageSize = all ? 100_000 : (query.pageSize ?? 20);
  const sortKey = query.sort?.replace(/^-/, '');
  const sortable = { date: documents.date, number: documents.number, total: documents.total, status: documents.status } as const;
  const col = sortable[sortKey as keyof typeof sortable];
  const order = col ? [query.sort?.startsWith('-') ? desc(col) : asc(col), desc(documents.number)] : [desc(documents.date), desc(documents.number)];
  const rows = await db
    .select({
      id: documents.id,
      number: documents.number,
      date: documents.date,
      status: documents.status,
      partnerId: documents.partnerId,
      partnerName: partners.name,
      warehouseId: documents.warehouseId,
      warehouseName: warehouses.name,
      accountId: documents.accountId,
      accountName: accounts.name,
      sourceId: documents.sourceId,
      totalQty: documents.totalQty,
      amount: documents.amount,
      taxAmount: documents.taxAmount,
      total: documents.total,
      paymentTotal: documents.paymentTotal,
      prepaymentUsed: documents.prepaymentUsed,
      remark: documents.remark,
      auditedAt: documents.auditedAt,
      createdAt: documents.createdAt,
      itemAmount: sql<string | null>`(SELECT o.amount::text FROM open_items o WHERE o.company_id = ${documents.companyId} AND o.document_id = ${documents.id})`,
      settledAmount: sql<
        string | null
      >`(SELECT o.settled::text FROM open_items o WHERE o.company_id = ${documents.companyId} AND o.document_id = ${documents.id})`,
    })
    .from(documents)
    .leftJoin(partners, and(eq(partners.companyId, documents.companyId), eq(partners.id, documents.partnerId)))
    .leftJoin(warehouses, and(eq(warehouses.companyId, documents.companyId), eq(warehouses.id, documents.warehouseId)))
    .leftJoin(accounts, and(eq(accounts.companyId, documents.companyId), eq(accounts.id, documents.accountId)))
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const partnerKey = kind.partner === 'supplier' ? 'supplierId' : 'customerId';
  return {
    items: rows.map(({ itemAmount, ...r }) => {
      const item = itemAmount === null ? undefined : { amount: new Decimal(itemAmount), settled: new Decimal(r.settledAmount ?? 0) };
      const status = item ? settlementStatus(item) : null;
      return forCaller(ctx, kind, {
        ...r,
        [partnerKey]: r.partnerId,
        statusName: statusName(kind, r.status),
        openAmount: item ? item.amount.minus(item.settled).toFixed(2) : null,
        settlementStatus: status,
        settlementStatusName: status ? SETTLEMENT_ZH[status] : null,
      });
    }),
    total: Number(n),
    page,
    pageSize,
  };
}

// ---- Helpers for kinds ---------------------------------------------------------------

export interface ActivePartner {
  id: string;
  name: string;
  status?: string;
}

export async function requireSupplier(db: Executor, ctx: RequestContext, id: unknown, forNewDocument = true): Promise<ActivePartner> {
  if (typeof id !== 'string') throw errors.validation([{ path: 'supplierId', message: '必填', messageEn: 'is required' }]);
  const [s] = await db
    .select({ id: suppliers.id, name: suppliers.name, status: suppliers.status, active: suppliers.active })
    .from(suppliers)
    .where(and(eq(suppliers.companyId, ctx.companyId), eq(suppliers.id, id)));
  if (!s) throw referenceNotFound({ path: 'supplierId', target: TARGETS.supplier });
  if (!s.active) throw errors.unprocessable('REFERENCE_INACTIVE', `供应商 ${s.name} 已停用`, `Supplier ${s.name} is deactivated`, { field: 'supplierId' });
  if (forNewDocument && s.status === 'eliminated') {
    throw errors.unprocessable('SUPPLIER_ELIMINATED', `供应商 ${s.name} 已淘汰，不能再开新单据`, `Supplier ${s.name} is eliminated; no new documents`, {
      field: 'supplierId',
    });
  }
  return s;
}

export async function requireWarehouse(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'warehouseId', message: '必填', messageEn: 'is required' }]);
  const [w] = await db
    .select({ id: warehouses.id, name: warehouses.name, active: warehouses.active })
    .from(warehouses)
    .where(and(eq(warehouses.companyId, ctx.companyId), eq(warehouses.id, id)));
  if (!w) throw referenceNotFound({ path: 'warehouseId', target: TARGETS.warehouse });
  if (!w.active) throw errors.unprocessable('REFERENCE_INACTIVE', `仓库 ${w.name} 已停用`, `Warehouse ${w.name} is deactivated`, { field: 'warehouseId' });
  return w;
}

export async function requireAccount(db: Executor, ctx: RequestContext, id: unknown) {
  if (typeof id !== 'string') throw errors.validation([{ path: 'accountId', message: '必填', messageEn: 'is required' }]);
  const [a] = await db
    .select({ id: accounts.id, name: accounts.name, active: accounts.active })
    .from(accounts)
    .where(and(eq(accounts.companyId, ctx.companyId), eq(accounts.id, id)));
  if (!a) throw referenceNotFound({ path: 'accountId', target: TARGETS.account });
  if (!a.active) throw errors.unprocessable('REFERENCE_INACTIVE', `结算账户 ${a.name} 已停用`, `Account ${a.name} is deactivated`, { field: 'accountId' });
  return a;
}

export async function requireEmployee(db: Executor, ctx: RequestContext, id: unknown) {
  if (id === undefined || id === null) return null;
  const [e] = await db
    .select({ id: employees.id, active: employees.active })
    .from(employees)
    .where(and(eq(employees.companyId, ctx.companyId), eq(employees.id, id as string)));
  if (!e) throw referenceNotFound({ path: 'employeeId', target: TARGETS.employee });
  if (!e.active) throw errors.unprocessable('REFERENCE_INACTIVE', '经手人已停用', 'Employee is deactivated', { field: 'employeeId' });
  return e.id;
}

export interface ProductForLine {
  id: string;
  code: string;
  name: string;
  purchasePrice: string | null;
  units: Map<string, { name: string; ratio: string; purchasePrice: string | null }>;
  baseUnit: string;
}

/** The active products (and their active units) named by the lines, in one query each. */
export async function productsForLines(db: Executor, ctx: RequestContext, ids: string[]): Promise<Map<string, ProductForLine>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await db
    .select({
      id: products.id,
      code: products.code,
      name: products.name,
      active: products.active,
      purchasePrice: products.purchasePrice,
      baseUnit: products.baseUnit,
    })
    .from(products)
    .where(and(eq(products.companyId, ctx.companyId), inArray(products.id, uniq)));
  const units = await db
    .select({
      id: productUnits.id,
      productId: productUnits.productId,
      name: productUnits.name,
      ratio: productUnits.ratio,
      purchasePrice: productUnits.purchasePrice,
    })
    .from(productUnits)
    .where(and(eq(productUnits.companyId, ctx.companyId), inArray(productUnits.productId, uniq), eq(productUnits.active, true)));
  const out = new Map<string, ProductForLine>();
  for (const r of rows) {
    if (!r.active) continue;
    out.set(r.id, { ...r, units: new Map() });
  }
  for (const u of units) out.get(u.productId)?.units.set(u.id, { name: u.name, ratio: u.ratio, purchasePrice: u.purchasePrice });
  return out;
}
