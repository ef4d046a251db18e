// The API views of documents of any kind: one document with names and lines, and lists.
import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { accounts, customers, documentLines, documents, employees, products, suppliers, warehouses } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import { SETTLEMENT_ZH, settlementStatus, statusName } from './document-status.js';
import type { DocumentKind, LoadedDocument } from './documents.types.js';
import { forCaller } from './money-visibility.js';

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
