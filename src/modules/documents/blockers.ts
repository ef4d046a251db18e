// P6 / issue 9.4: what stands in the way of un-auditing a document, all of it at once and
// in the order to undo it. A clerk told only of the return learns of the settlement one
// refusal later; a settlement that also settles the return must go before the return.
//
// The dependants are found through the references every kind shares (documents.types
// `Dependants`), and on through what blocks each of them, so a refund settled against a
// return shows up when un-auditing the return's bill although it never names the bill.
// The list is in undo order (undo-order.ts): each document after every one that blocks it.
import { and, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { documentLines, documents, openItems } from '../../db/schema.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Dependants, DocumentKind, DocumentRow } from './documents.types.js';
import { kindByCode } from './registry.js';
import { type UndoNode, undoOrder } from './undo-order.js';

/** One document to undo before the one refused: what a client shows and links to. */
export interface Blocker {
  id: string;
  kind: string;
  kindName: string;
  kindNameEn: string;
  number: string;
  date: string;
  status: string;
  /**
   * What to do with it, in order: an audited one is un-audited; one pulled from the
   * order being un-audited is deleted as well (unaudited, it still names the order's lines).
   */
  steps: Step[];
  /** The numbers of the documents it blocks directly, in the order they are undone. */
  blocks: string[];
  /** The API resource and the document's path in the API (`GET` it, `POST …/unaudit`). */
  resource: string | null;
  path: string | null;
}

type Via = keyof Dependants;
type Step = 'unaudit' | 'delete';

interface Found {
  id: string;
  kind: string;
  number: string;
  date: string;
  status: string;
  auditedAt: Date | null;
}

interface Edge {
  blocked: string;
  via: Via;
  doc: Found;
}

/** Enough to show and to act on; an order with more stops being listed (the list says so). */
const MAX_BLOCKERS = 200;

const source = alias(documentLines, 'source');
const found = {
  id: documents.id,
  kind: documents.kind,
  number: documents.number,
  date: documents.date,
  status: documents.status,
  auditedAt: documents.auditedAt,
};

/**
 * The documents of the given kinds that hold one reference to the given documents. A bill
 * saved (unaudited) from an order counts: un-auditing the order lets its lines be replaced
 * under it. Returns and settlements count once audited — only then did they take anything
 * (a returned quantity, a settled amount) from what they name.
 */
async function referencing(db: Executor, companyId: string, via: Via, ids: string[], kinds: string[]): Promise<Edge[]> {
  const mine = and(eq(documents.companyId, companyId), inArray(documents.kind, kinds));
  if (via === 'settledBy') {
    const rows = await db
      .selectDistinct({ blocked: documentLines.refDocumentId, ...found })
      .from(documentLines)
      .innerJoin(documents, and(eq(documents.companyId, documentLines.companyId), eq(documents.id, documentLines.documentId)))
      .where(and(eq(documentLines.companyId, companyId), inArray(documentLines.refDocumentId, ids), mine, eq(documents.status, 'audited')));
    return rows.map(({ blocked, ...doc }) => ({ blocked: blocked as string, via, doc }));
  }
  const column = via === 'pulledBy' ? documentLines.orderLineId : documentLines.billLineId;
  const statuses = via === 'pulledBy' ? ['saved', 'audited'] : ['audited'];
  const rows = await db
    .selectDistinct({ blocked: source.documentId, ...found })
    .from(documentLines)
    .innerJoin(source, and(eq(source.companyId, documentLines.companyId), eq(source.id, column)))
    .innerJoin(documents, and(eq(documents.companyId, documentLines.companyId), eq(documents.id, documentLines.documentId)))
    .where(and(eq(documentLines.companyId, companyId), inArray(source.documentId, ids), mine, inArray(documents.status, statuses)));
  return rows.map(({ blocked, ...doc }) => ({ blocked, via, doc }));
}

/** The documents that hold the given ones (of these kinds), one query per reference and declaration. */
async function blockersOf(db: Executor, companyId: string, docs: { id: string; kind: string }[]): Promise<Edge[]> {
  const queries: Promise<Edge[]>[] = [];
  for (const via of ['pulledBy', 'returnedBy', 'settledBy'] as const) {
    const groups = new Map<string, { kinds: string[]; ids: string[] }>();
    for (const d of docs) {
      const kinds = kindByCode(d.kind)?.dependants?.[via];
      if (!kinds?.length) continue;
      const key = [...kinds].sort().join(',');
      const g = groups.get(key) ?? { kinds, ids: [] };
      g.ids.push(d.id);
      groups.set(key, g);
    }
    for (const g of groups.values()) queries.push(referencing(db, companyId, via, g.ids, g.kinds));
  }
  // one after another: PGlite has one connection, and a transaction runs one statement at a time
  const out: Edge[] = [];
  for (const q of queries) out.push(...(await q));
  return out;
}

export interface Blocked {
  /** In undo order: each after everything that blocks it. */
  blockers: Blocker[];
  /** How the document's own direct blockers hold it. */
  direct: Via[];
  /** More than MAX_BLOCKERS: the list holds the first of them. */
  truncated: boolean;
}

/** Everything that blocks un-auditing the document, transitively, in the order to undo it. */
export async function findBlockers(db: Executor, ctx: RequestContext, kind: DocumentKind, doc: DocumentRow): Promise<Blocked> {
  const edges = new Map<string, Edge[]>();
  const nodes = new Map<string, Found>();
  let frontier: { id: string; kind: string }[] = [{ id: doc.id, kind: kind.kind }];
  let truncated = false;
  while (frontier.length && !truncated) {
    const next: { id: string; kind: string }[] = [];
    for (const e of await blockersOf(db, ctx.companyId, frontier)) {
      if (e.doc.id === doc.id) continue;
      edges.set(e.blocked, [...(edges.get(e.blocked) ?? []), e]);
      if (nodes.has(e.doc.id)) continue;
      if (nodes.size >= MAX_BLOCKERS) {
        truncated = true;
        continue;
      }
      nodes.set(e.doc.id, e.doc);
      // what an unaudited document blocks is its deletion, not its un-audit: not followed
      if (e.doc.status === 'audited') next.push({ id: e.doc.id, kind: e.doc.kind });
    }
    frontier = next;
  }

  const graph = new Map<string, UndoNode[]>();
  for (const [blocked, es] of edges) {
    const known = es.filter((e) => nodes.has(e.doc.id));
    graph.set(
      blocked,
      known.map((e) => ({ id: e.doc.id, number: e.doc.number, auditedAt: e.doc.auditedAt ? new Date(e.doc.auditedAt).getTime() : null })),
    );
  }
  const order = undoOrder(doc.id, graph).map((id) => nodes.get(id) as Found);

  const position = new Map(order.map((d, i) => [d.id, i]));
  position.set(doc.id, order.length);
  const numberOf = new Map([...order.map((d) => [d.id, d.number] as const), [doc.id, doc.number] as const]);
  const blocks = new Map<string, Set<string>>();
  for (const [blocked, es] of edges) for (const e of es) blocks.set(e.doc.id, (blocks.get(e.doc.id) ?? new Set()).add(blocked));

  const pulled = new Set(
    [...edges.values()]
      .flat()
      .filter((e) => e.via === 'pulledBy')
      .map((e) => e.doc.id),
  );
  const blockers = order.map((d): Blocker => {
    const k = kindByCode(d.kind);
    return {
      id: d.id,
      kind: d.kind,
      kindName: k?.zh ?? d.kind,
      kindNameEn: k?.en ?? d.kind,
      number: d.number,
      date: d.date,
      status: d.status,
      steps: stepsOf(d, pulled.has(d.id)),
      blocks: [...(blocks.get(d.id) ?? [])]
        .filter((id) => position.has(id))
        .sort((x, y) => (position.get(x) as number) - (position.get(y) as number))
        .map((id) => numberOf.get(id) as string),
      resource: k?.resource ?? null,
      path: k ? `/api/v1/${k.resource}/${d.id}` : null,
    };
  });
  return { blockers, direct: [...new Set((edges.get(doc.id) ?? []).map((e) => e.via))], truncated };
}

function stepsOf(d: Found, pulled: boolean): Step[] {
  if (d.status !== 'audited') return ['delete'];
  return pulled ? ['unaudit', 'delete'] : ['unaudit'];
}

const STEP_ZH: Record<Step, string> = { unaudit: '反审核', delete: '删除' };
const STEP_EN: Record<Step, string> = { unaudit: 'un-audit', delete: 'delete' };

/** How many documents the message spells out; the details list them all. */
const SPELLED = 10;

/**
 * The refusal: the code clients already match on — DOCUMENT_SETTLED when only money
 * allocated to the document holds it, DOCUMENT_HAS_DEPENDANTS otherwise (returns, bills
 * from an order) — with every blocker in `details.blockers`, in undo order.
 */
export async function blockedError(db: Executor, ctx: RequestContext, kind: DocumentKind, doc: DocumentRow, found: Blocked): Promise<AppError> {
  const { blockers, direct, truncated } = found;
  const settledOnly = direct.length > 0 && direct.every((v) => v === 'settledBy');
  const code = settledOnly ? 'DOCUMENT_SETTLED' : 'DOCUMENT_HAS_DEPENDANTS';
  const shown = blockers.slice(0, SPELLED);
  const more = blockers.length - shown.length;
  const zh = shown.map((b) => `${b.steps.map((s) => STEP_ZH[s]).join('并')}${b.kindName} ${b.number}`);
  const en = shown.map((b) => `${b.steps.map((s) => STEP_EN[s]).join(' and ')} ${b.kindNameEn.toLowerCase()} ${b.number}`);
  const zhMore = more > 0 || truncated ? `（另有 ${more}${truncated ? '+' : ''} 张，见列表）` : '';
  const enMore = more > 0 || truncated ? ` (and ${more}${truncated ? '+' : ''} more, listed)` : '';
  const details: Record<string, unknown> = { blockers, blockedBy: blockers.map((b) => b.number), ...(truncated ? { truncated } : {}) };
  if (settledOnly) {
    const [item] = await db
      .select({ settled: openItems.settled })
      .from(openItems)
      .where(and(eq(openItems.companyId, ctx.companyId), eq(openItems.documentId, doc.id)));
    if (item) details.settled = item.settled;
  }
  if (blockers.length === 0) {
    // A quantity returned with no audited return behind it found (a race just lost): still refused.
    return new AppError(
      code,
      409,
      `${kind.zh} ${doc.number} 已有后续单据，不能反审核`,
      `${kind.en} ${doc.number} has later documents depending on it; it cannot be un-audited`,
      details,
    );
  }
  return new AppError(
    code,
    409,
    `${kind.zh} ${doc.number} 不能反审核，请按顺序先${zh.join('，再')}${zhMore}`,
    `${kind.en} ${doc.number} cannot be un-audited; first ${en.join(', then ')}${enMore}`,
    details,
  );
}

/** Refuses un-auditing the document while anything depends on it, naming all of it. */
export async function refuseWhileBlocked(db: Executor, ctx: RequestContext, kind: DocumentKind, doc: DocumentRow) {
  if (!kind.dependants) return;
  const found = await findBlockers(db, ctx, kind, doc);
  if (found.blockers.length) throw await blockedError(db, ctx, kind, doc, found);
}

/** A kind's own check under lock found a dependant (a race lost since): the same refusal, as full as can be found. */
export async function blockedNow(db: Executor, ctx: RequestContext, kind: DocumentKind, doc: DocumentRow): Promise<AppError> {
  return blockedError(db, ctx, kind, doc, await findBlockers(db, ctx, kind, doc));
}
