// Audit and un-audit begin with one statement: the conditional status flip, the sign-off
// in the audit log, the company's settings, the document's lines and — when auditing a
// goods document — the lock of its stock rows, and a customer's credit terms, in one
// round trip (posting is the hot path; every round trip is CPU on both sides of the socket).
import { getTableColumns, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { defineStatement, type Executor } from '../../db/database.js';
import { documentLines, documents } from '../../db/schema.js';
import type { DocumentRow, LineRow } from './documents.types.js';

interface Mapped {
  key: string;
  alias: string;
  column: AnyPgColumn;
}

// Column lists built once: the statement text never varies, so it stays prepared.
const mapped = (table: typeof documents | typeof documentLines, prefix: string): Mapped[] =>
  Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, alias: `${prefix}${column.name}`, column: column as AnyPgColumn }));
const HEADER = mapped(documents, 'h_');
const LINE = mapped(documentLines, 'l_');
// The header and the locked stock ride on the first row only: a 2,000-line document must
// not carry them 2,000 times.
const FIRST_ROW = 'coalesce(l.rn, 1) = 1';
const selectList = (cols: Mapped[], from: string, firstRowOnly = false) =>
  cols.map((c) => `${firstRowOnly ? `CASE WHEN ${FIRST_ROW} THEN ${from}."${c.column.name}" END` : `${from}."${c.column.name}"`} AS "${c.alias}"`).join(', ');
const HEADER_SELECT = sql.raw(selectList(HEADER, 'f', true));
const LINE_SELECT = sql.raw(selectList(LINE, 'l'));

function decode<T>(cols: Mapped[], row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const c of cols) {
    const v = row[c.alias];
    out[c.key] = v === null || v === undefined ? null : c.column.mapFromDriverValue(v);
  }
  return out as T;
}

/** A text[] of uuids and decimals (never quoted) as the driver hands it over: parsed, or its literal. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  const inner = String(value ?? '').replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

export interface FlipRequest {
  companyId: string;
  userId: string;
  id: string;
  kind: string;
  from: string;
  to: string;
  /** Who audited and when; null when un-auditing. */
  auditedBy: string | null;
  auditedAt: Date | null;
  /** Audit-log action and entity of the sign-off. */
  action: string;
  entity: string;
  at: Date;
  /**
   * Goods documents being audited: also create-or-lock the stock balance rows of each
   * line's product in the header's warehouse, in key order, and return them (the
   * engine's first lock, taken in the same round trip).
   */
  lockStock: boolean;
  /** Customer documents: also return the customer's name and credit terms (the delivery's payment rule). */
  withCustomer: boolean;
}

export interface CustomerTerms {
  name: string;
  paymentTerm: string;
  creditLimit: string;
}

export interface LockedStockRow {
  productId: string;
  warehouseId: string;
  qty: string;
  value: string;
  avgCost: string;
}

export interface Flipped {
  header: DocumentRow;
  lines: LineRow[];
  settings: Record<string, unknown> | null;
  lockedStock: LockedStockRow[];
  customer: CustomerTerms | null;
}

type FlipArgs = Omit<FlipRequest, 'auditedAt' | 'at'> & { auditedAt: string | null; at: string };

const flipStatement = defineStatement<FlipArgs>(
  'erp_flip_status',
  (arg) => sql`
    WITH seen AS (
      -- The header as this statement's snapshot has it: when the UPDATE below had to
      -- wait for an edit to commit, it flips the edited row while the lines read here
      -- are still the old ones.
      SELECT d.version FROM documents d WHERE d.company_id = ${arg('companyId')} AND d.id = ${arg('id')}
    ), f AS (
      UPDATE documents SET status = ${arg('to')}, audited_by = ${arg('auditedBy')}::uuid, audited_at = ${arg('auditedAt')}::timestamptz, version = version + 1
      WHERE company_id = ${arg('companyId')} AND id = ${arg('id')} AND kind = ${arg('kind')} AND status = ${arg('from')}
      RETURNING *
    ), log AS (
      INSERT INTO audit_log (company_id, user_id, action, entity, entity_id, after)
      SELECT f.company_id, ${arg('userId')}::uuid, ${arg('action')}, ${arg('entity')}, f.id,
             jsonb_build_object('number', f.number, 'status', ${arg('to')}::text, 'at', ${arg('at')}::text)
      FROM f
    ), stock AS (
      INSERT INTO stock_balances (company_id, product_id, warehouse_id)
      SELECT DISTINCT f.company_id, sl.product_id, f.warehouse_id
      FROM f JOIN document_lines sl ON sl.company_id = f.company_id AND sl.document_id = f.id
      WHERE ${arg('lockStock')}::boolean AND f.warehouse_id IS NOT NULL AND sl.product_id IS NOT NULL
      ORDER BY 2, 3
      ON CONFLICT (company_id, product_id, warehouse_id) DO UPDATE SET updated_at = stock_balances.updated_at
      RETURNING product_id::text AS p, warehouse_id::text AS w, qty::text AS q, value::text AS v, avg_cost::text AS a
    ), locked AS (
      SELECT coalesce(array_agg(p), '{}') AS p, coalesce(array_agg(w), '{}') AS w, coalesce(array_agg(q), '{}') AS q,
             coalesce(array_agg(v), '{}') AS v, coalesce(array_agg(a), '{}') AS a
      FROM stock
    )
    SELECT ${HEADER_SELECT},
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN (SELECT c.settings FROM companies c WHERE c.id = f.company_id) END AS company_settings,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN locked.p END AS stock_p, CASE WHEN ${sql.raw(FIRST_ROW)} THEN locked.w END AS stock_w,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN locked.q END AS stock_q, CASE WHEN ${sql.raw(FIRST_ROW)} THEN locked.v END AS stock_v,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN locked.a END AS stock_a,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN cu.name END AS customer_name, CASE WHEN ${sql.raw(FIRST_ROW)} THEN cu.payment_term END AS customer_payment_term,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN cu.credit_limit::text END AS customer_credit_limit,
           CASE WHEN ${sql.raw(FIRST_ROW)} THEN (SELECT seen.version FROM seen) = f.version - 1 END AS seen_current, ${LINE_SELECT}
    FROM f CROSS JOIN locked
    LEFT JOIN customers cu ON ${arg('withCustomer')}::boolean AND cu.company_id = f.company_id AND cu.id = f.partner_id
    LEFT JOIN (SELECT dl.*, row_number() OVER (ORDER BY dl.line_no) AS rn FROM document_lines dl WHERE dl.company_id = ${arg('companyId')} AND dl.document_id = ${arg('id')}) l ON true
    ORDER BY l.rn`,
);

/**
 * Flips `from` → `to`; undefined when the document was not in `from` (nothing written).
 * The lines come from the statement's snapshot: right for an audit (a concurrent edit is
 * detected and retried), but an un-audit must re-read what others may have changed on
 * them since (returned quantities).
 */
export async function flipStatus(tx: Executor, r: FlipRequest): Promise<Flipped | undefined> {
  const res = await flipStatement<Record<string, unknown>>(tx, { ...r, auditedAt: r.auditedAt?.toISOString() ?? null, at: r.at.toISOString() });
  if (res.rows.length === 0) return undefined;
  const first = res.rows[0];
  if (first.seen_current === false) {
    // Edited while this waited: run the whole transaction again (it rolls back this flip)
    // so the posting reads the lines that were saved.
    throw Object.assign(new Error('the document was edited while being audited'), { code: '40001' });
  }
  const [p, w, q, v, a] = ['stock_p', 'stock_w', 'stock_q', 'stock_v', 'stock_a'].map((k) => textArray(first[k]));
  return {
    header: decode<DocumentRow>(HEADER, first),
    settings: (first.company_settings as Record<string, unknown> | null) ?? null,
    lines: first.l_id === null ? [] : res.rows.map((row) => decode<LineRow>(LINE, row)),
    lockedStock: p.map((productId, i) => ({ productId, warehouseId: w[i], qty: q[i], value: v[i], avgCost: a[i] })),
    customer:
      first.customer_name === null || first.customer_name === undefined
        ? null
        : { name: String(first.customer_name), paymentTerm: String(first.customer_payment_term), creditLimit: String(first.customer_credit_limit) },
  };
}
