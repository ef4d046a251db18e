// Storage, numbering, status and sign-off for every kind of document. Audit and
// un-audit are conditional status updates, so a double click or a second server posts
// once; the kind's audit/unaudit then posts through the engine in the same transaction.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { AppError, errors } from '../../core/errors.js';
import { nextDocNumber } from '../../core/numbering.js';
import { checkReferences } from '../../core/references.js';
import type { Executor } from '../../db/database.js';
import { documentLines, documents } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import { linesFingerprint } from '../approvals/approvals.rules.js';
import { requireApprovedForAudit, voidLapsedApprovals } from '../approvals/approvals.service.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type CompanySettings, DEFAULT_SETTINGS } from '../settings/settings.service.js';
import { refuseWhileBlocked } from './blockers.js';
import { STATUS_ZH } from './document-status.js';
import { viewDocument } from './document-views.js';
import type { DocumentKind, LoadedDocument } from './documents.types.js';
import { assertFigures } from './figure-limits.js';
import { flipStatus } from './flip-status.js';
import { lockDependencies } from './lock-dependencies.js';
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
