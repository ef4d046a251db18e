// 10.6 Every id a request names is a reference: it must name an existing row of the right
// kind in the caller's company, or the request answers 422 REFERENCE_NOT_FOUND naming the
// field (`orderId`, `lines.2.productId`, `roleIds.1`) and writes nothing.
//
// One mechanism for every route: a body schema declares each id field with `ref(target)`
// (its OpenAPI schema says so as `x-references`, so clients and the tests can read it),
// and the save path calls `checkReferences` inside its own transaction. That finds every
// declared id in the parsed body and looks them up with one query per table — a purchase
// order id where a sales order is expected, or another company's row, is as absent as a
// random one. Foreign keys in db/schema.ts back this where a table allows; a violation
// that still reaches the error handler is named the same way (`violatedField`).
//
// What is checked here is existence, kind and company. Whether a row may be used (active,
// audited, the same partner's, open) is the business rule of the module that uses it,
// and comes after: it can then rely on the row being there.
import { z } from '@hono/zod-openapi';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import {
  accounts,
  customers,
  departments,
  documentLines,
  documents,
  employees,
  productCategories,
  products,
  productUnits,
  roles,
  suppliers,
  warehouses,
} from '../db/schema.js';
import { errors } from './errors.js';
import { parseOrThrow } from './validation.js';

/** Master-data tables a reference may point into (each has company_id, id and active). */
const TABLES = {
  suppliers,
  customers,
  products,
  product_units: productUnits,
  warehouses,
  accounts,
  employees,
  departments,
  product_categories: productCategories,
  roles,
} as const;

type Source = keyof typeof TABLES | 'documents' | 'document_lines';

export interface Target {
  zh: string;
  en: string;
  source: Source;
  /** Documents and lines: the document kinds accepted (a line's kind is its document's). */
  kinds?: readonly string[];
}

const table = (zh: string, en: string, source: keyof typeof TABLES): Target => ({ zh, en, source });
const docs = (zh: string, en: string, ...kinds: string[]): Target => ({ zh, en, source: 'documents', kinds });
const lines = (zh: string, en: string, ...kinds: string[]): Target => ({ zh, en, source: 'document_lines', kinds });

/** Everything a request body can name. */
export const TARGETS = {
  supplier: table('供应商', 'Supplier', 'suppliers'),
  customer: table('客户', 'Customer', 'customers'),
  product: table('商品', 'Product', 'products'),
  productUnit: table('计量单位', 'Unit', 'product_units'),
  warehouse: table('仓库', 'Warehouse', 'warehouses'),
  account: table('结算账户', 'Settlement account', 'accounts'),
  employee: table('职员', 'Employee', 'employees'),
  department: table('部门', 'Department', 'departments'),
  productCategory: table('商品类别', 'Product category', 'product_categories'),
  role: table('角色', 'Role', 'roles'),
  purchaseOrder: docs('进货订单', 'Purchase order', 'purchase_order'),
  purchaseBill: docs('进货单', 'Purchase bill', 'purchase_bill'),
  salesOrder: docs('销售订单', 'Sales order', 'sales_order'),
  salesDelivery: docs('发货单', 'Delivery note', 'sales_delivery'),
  advanceReceipt: docs('预收款单', 'Advance receipt', 'advance_receipt'),
  /** What a payment settles: the supplier's bills and returns. */
  payableDocument: docs('进货单或进货退回单', 'Purchase bill or return', 'purchase_bill', 'purchase_return'),
  /** What a receipt settles: the customer's deliveries and returns. */
  receivableDocument: docs('发货单或销售退货单', 'Delivery or sales return', 'sales_delivery', 'sales_return'),
  purchaseOrderLine: lines('进货订单行', 'Purchase order line', 'purchase_order'),
  purchaseBillLine: lines('进货单行', 'Purchase bill line', 'purchase_bill'),
  salesOrderLine: lines('销售订单行', 'Sales order line', 'sales_order'),
  salesDeliveryLine: lines('发货单行', 'Delivery line', 'sales_delivery'),
} as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;

/** How the OpenAPI document names a target: `products`, `documents:purchase_bill,purchase_return`. */
export const targetSpec = (t: Target) => (t.kinds ? `${t.source}:${t.kinds.join(',')}` : t.source);

const declared = new WeakMap<object, Target>();

/** An id field naming a row of `target`: a uuid the save path looks up (checkReferences). */
export function ref(name: TargetName, description?: string) {
  const target = TARGETS[name];
  const schema = z.uuid().openapi({ 'x-references': targetSpec(target), description: description ?? `${target.zh} ${target.en}` });
  declared.set(schema, target);
  return schema;
}

export interface Reference {
  /** The field in the body, as the refusal names it: `lines.2.productId`. */
  path: string;
  id: string;
  target: Target;
  /** What the field is called where it is more than its target (业务员 for an employee). */
  label?: { zh: string; en: string };
}

type Def = { type: string; innerType?: z.ZodType; out?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };

/** The declared references in a value the schema parsed, in the body's order. */
export function referencesIn(schema: z.ZodType, value: unknown, path: string[] = [], out: Reference[] = []): Reference[] {
  const target = declared.get(schema);
  if (target) {
    if (typeof value === 'string') out.push({ path: path.join('.'), id: value, target });
    return out;
  }
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return referencesIn(def.innerType as z.ZodType, value, path, out);
    case 'pipe':
      // z.preprocess(fn, schema): what was parsed is the output of `out`.
      return referencesIn(def.out as z.ZodType, value, path, out);
    case 'object':
      if (value && typeof value === 'object')
        for (const [key, s] of Object.entries(def.shape ?? {})) referencesIn(s, (value as Record<string, unknown>)[key], [...path, key], out);
      return out;
    case 'array':
      if (Array.isArray(value)) for (const [i, v] of value.entries()) referencesIn(def.element as z.ZodType, v, [...path, String(i)], out);
      return out;
    case 'union': {
      const branch = def.options?.find((o) => o.safeParse(value).success);
      return branch ? referencesIn(branch, value, path, out) : out;
    }
  }
  return out;
}

export interface Referenced {
  /** Master data: whether the row is active (documents and lines: always true). */
  active: boolean;
}

/** `第 3 行：` for `lines.2.productId`, `第 2 项：` for `allocations.1.documentId`. */
function where(path: string): { zh: string; en: string } {
  const m = /^([A-Za-z]+)\.(\d+)\./.exec(path);
  if (!m) return { zh: '', en: '' };
  const n = Number(m[2]) + 1;
  return m[1] === 'lines' ? { zh: `第 ${n} 行：`, en: `Line ${n}: ` } : { zh: `第 ${n} 项：`, en: `Item ${n}: ` };
}

export function referenceNotFound(ref: Pick<Reference, 'path' | 'target' | 'label'>) {
  const at = where(ref.path);
  const name = ref.label ?? ref.target;
  return errors.referenceNotFound(ref.path, { zh: `${at.zh}${name.zh}不存在`, en: `${at.en}${name.en} not found` });
}

/**
 * Looks every reference up, one query per table, and throws for the first (in the body's
 * order) that is missing, of another kind or of another company. Returns what was found
 * by path, for the caller's own rules (an inactive row).
 */
export async function requireReferences(db: Executor, companyId: string, refs: Reference[]): Promise<Map<string, Referenced>> {
  const bySource = new Map<Source, Set<string>>();
  for (const r of refs) {
    const ids = bySource.get(r.target.source) ?? new Set<string>();
    ids.add(r.id);
    bySource.set(r.target.source, ids);
  }
  /** Per source: id → (kind for documents and lines, active for master data). */
  const found = new Map<Source, Map<string, { kind: string | null; active: boolean }>>();
  for (const [source, idSet] of bySource) {
    const ids = [...idSet];
    let rows: { id: string; kind: string | null; active: boolean }[];
    if (source === 'documents') {
      rows = (
        await db
          .select({ id: documents.id, kind: documents.kind })
          .from(documents)
          .where(and(eq(documents.companyId, companyId), inArray(documents.id, ids), ne(documents.status, 'deleted')))
      ).map((r) => ({ ...r, active: true }));
    } else if (source === 'document_lines') {
      rows = (
        await db
          .select({ id: documentLines.id, kind: documents.kind })
          .from(documentLines)
          .innerJoin(documents, and(eq(documents.companyId, documentLines.companyId), eq(documents.id, documentLines.documentId)))
          .where(and(eq(documentLines.companyId, companyId), inArray(documentLines.id, ids), ne(documents.status, 'deleted')))
      ).map((r) => ({ ...r, active: true }));
    } else {
      const t = TABLES[source];
      rows = (
        await db
          .select({ id: t.id, active: t.active })
          .from(t)
          .where(and(eq(t.companyId, companyId), inArray(t.id, ids)))
      ).map((r) => ({ ...r, kind: null }));
    }
    found.set(source, new Map(rows.map((r) => [r.id, r])));
  }
  const out = new Map<string, Referenced>();
  for (const r of refs) {
    const row = found.get(r.target.source)?.get(r.id);
    if (!row || (r.target.kinds && !r.target.kinds.includes(row.kind as string))) throw referenceNotFound(r);
    out.set(r.path, { active: row.active });
  }
  return out;
}

/** Parses the body with its schema and requires every reference it declares (see above). */
export function checkReferences(db: Executor, companyId: string, schema: z.ZodType, body: unknown): Promise<Map<string, Referenced>> {
  return requireReferences(db, companyId, referencesIn(schema, parseOrThrow(schema, body)));
}

// ---- A foreign key violation that reached the error handler ---------------------------------

/**
 * The body field a foreign-key violation (23503) was about: the path in the request body
 * holding the id PostgreSQL could not find (its detail says `Key (company_id, order_id)=(…,
 * <id>) is not present`), else the column's name in the API's spelling (order_id → orderId).
 */
export function violatedField(detail: string | undefined, body: unknown): string | undefined {
  const m = /^Key \(([^)]*)\)=\(([^)]*)\)/.exec(detail ?? '');
  if (!m) return undefined;
  const columns = m[1].split(',').map((s) => s.trim());
  const values = m[2].split(',').map((s) => s.trim());
  const column = columns.at(-1) as string;
  const id = values.at(-1) as string;
  return pathOf(body, id) ?? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function pathOf(value: unknown, id: string, path: string[] = []): string | undefined {
  if (value === id) return path.join('.');
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = pathOf(v, id, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}
