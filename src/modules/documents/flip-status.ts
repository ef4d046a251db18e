// Audit and un-audit begin with one statement: the conditional status flip, the sign-off
// in the audit log, the company's settings and the document's lines, in one round trip
// (posting is the hot path; every round trip is CPU on both sides of the socket).
import { getTableColumns, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Executor, executePrepared } from '../../db/database.js';
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
const selectList = (cols: Mapped[], from: string) => cols.map((c) => `${from}."${c.column.name}" AS "${c.alias}"`).join(', ');
const HEADER_SELECT = sql.raw(selectList(HEADER, 'f'));
const LINE_SELECT = sql.raw(selectList(LINE, 'l'));

function decode<T>(cols: Mapped[], row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const c of cols) {
    const v = row[c.alias];
    out[c.key] = v === null || v === undefined ? null : c.column.mapFromDriverValue(v);
  }
  return out as T;
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
}

export interface Flipped {
  header: DocumentRow;
  lines: LineRow[];
  settings: Record<string, unknown> | null;
}

/** Flips `from` → `to`; undefined when the document was not in `from` (nothing written). */
export async function flipStatus(tx: Executor, r: FlipRequest): Promise<Flipped | undefined> {
  const res = await executePrepared<Record<string, unknown>>(
    tx,
    'erp_flip_status',
    sql`
      WITH f AS (
        UPDATE documents SET status = ${r.to}, audited_by = ${r.auditedBy}::uuid, audited_at = ${r.auditedAt?.toISOString() ?? null}::timestamptz, version = version + 1
        WHERE company_id = ${r.companyId} AND id = ${r.id} AND kind = ${r.kind} AND status = ${r.from}
        RETURNING *
      ), log AS (
        INSERT INTO audit_log (company_id, user_id, action, entity, entity_id, after)
        SELECT f.company_id, ${r.userId}::uuid, ${r.action}, ${r.entity}, f.id,
               jsonb_build_object('number', f.number, 'status', ${r.to}::text, 'at', ${r.at.toISOString()}::text)
        FROM f
      )
      SELECT ${HEADER_SELECT}, (SELECT c.settings FROM companies c WHERE c.id = f.company_id) AS company_settings, ${LINE_SELECT}
      FROM f LEFT JOIN document_lines l ON l.company_id = f.company_id AND l.document_id = f.id
      ORDER BY l.line_no`,
  );
  if (res.rows.length === 0) return undefined;
  const first = res.rows[0];
  return {
    header: decode<DocumentRow>(HEADER, first),
    settings: (first.company_settings as Record<string, unknown> | null) ?? null,
    lines: first.l_id === null ? [] : res.rows.map((row) => decode<LineRow>(LINE, row)),
  };
}
