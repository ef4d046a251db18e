// A2 审批 engine: rounds of approval steps stored in `approvals`, for every document kind.
// The rules live in approvals.rules.ts; this file reads and writes. It reads documents
// directly (not through the documents service, which calls it on edit and audit).
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { recordChange } from '../../core/audit-log.js';
import { AppError, errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { approvals, documentLines, documents, memberships, roles, users } from '../../db/schema.js';
import { transaction } from '../../db/transaction.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import type { DocumentKind, DocumentRow } from '../documents/documents.types.js';
import { seesMoney } from '../documents/money-visibility.js';
import { type CompanySettings, chainConfig, getSettings } from '../settings/settings.service.js';
import { chainFor, type Decision, lapses, linesFingerprint, mayDecide, missingSteps, roundState, type Snapshot } from './approvals.rules.js';

type ApprovalRow = typeof approvals.$inferSelect;

export const DECISION_ZH: Record<Decision, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', void: '已失效' };
const ROUND_ZH = { none: '未提交', pending: '审批中', approved: '已批准', rejected: '已驳回' } as const;

/** The codes of the roles a user holds in the company. */
export async function roleCodesOf(db: Executor, companyId: string, userId: string): Promise<string[]> {
  const res = (await db.execute(sql`
    SELECT r.code FROM memberships m JOIN roles r ON r.company_id = m.company_id AND r.id = ANY(m.role_ids)
    WHERE m.company_id = ${companyId} AND m.user_id = ${userId} AND m.active AND r.active`)) as unknown as { rows: { code: string }[] };
  return res.rows.map((r) => r.code);
}

async function headerOf(db: Executor, ctx: RequestContext, kind: DocumentKind, id: string, lock: boolean): Promise<DocumentRow> {
  const q = db
    .select()
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id), eq(documents.kind, kind.kind), ne(documents.status, 'deleted')));
  const [h] = lock ? await q.for('update') : await q;
  if (!h) throw errors.notFound(kind.zh, kind.en, id);
  return h;
}

const rowsOf = (db: Executor, companyId: string, documentId: string) =>
  db
    .select()
    .from(approvals)
    .where(and(eq(approvals.companyId, companyId), eq(approvals.documentId, documentId)))
    .orderBy(asc(approvals.round), asc(approvals.step));

/** The rows of the latest round that is not void (a lapsed round has only void rows). */
function liveRound(rows: ApprovalRow[]): ApprovalRow[] {
  const live = rows.filter((r) => r.decision !== 'void');
  if (!live.length) return [];
  const round = Math.max(...live.map((r) => r.round));
  return live.filter((r) => r.round === round);
}

async function snapshotOf(db: Executor, companyId: string, h: DocumentRow): Promise<Snapshot> {
  const lines = await db
    .select()
    .from(documentLines)
    .where(and(eq(documentLines.companyId, companyId), eq(documentLines.documentId, h.id)))
    .orderBy(asc(documentLines.lineNo));
  return { total: h.total, partnerId: h.partnerId, lines: linesFingerprint(lines) };
}

function requireSaved(kind: DocumentKind, h: DocumentRow) {
  if (h.status !== 'saved')
    throw errors.conflict('DOCUMENT_NOT_EDITABLE', `${kind.zh} ${h.number} 已审核，无需审批`, `${kind.en} ${h.number} is already audited`, {
      number: h.number,
      status: h.status,
    });
}

/** Opens a round of the chain applying to the document's total; refused while one is open or approved. */
async function submitIn(tx: Executor, ctx: RequestContext, kind: DocumentKind, h: DocumentRow) {
  requireSaved(kind, h);
  const rows = await rowsOf(tx, ctx.companyId, h.id);
  const state = roundState(liveRound(rows));
  if (state.status === 'pending' || state.status === 'approved')
    throw errors.conflict(
      'APPROVAL_ALREADY_SUBMITTED',
      `${kind.zh} ${h.number} ${ROUND_ZH[state.status]}，不能重复提交`,
      `${kind.en} ${h.number} is already ${state.status}`,
      { status: state.status },
    );
  const chain = chainFor(chainConfig(await getSettings(tx, ctx.companyId), kind.kind), h.total);
  if (!chain.length)
    throw errors.conflict('APPROVAL_NOT_NEEDED', `${kind.zh} ${h.number} 的金额无需审批`, `${kind.en} ${h.number} needs no approval at this total`);
  const snap = await snapshotOf(tx, ctx.companyId, h);
  const round = rows.reduce((m, r) => Math.max(m, r.round), 0) + 1;
  await tx.insert(approvals).values(
    chain.map((s) => ({
      companyId: ctx.companyId,
      documentId: h.id,
      round,
      step: s.step,
      approverRole: s.role ?? null,
      approverUserId: s.userId ?? null,
      aboveTotal: s.aboveTotal ?? null,
      submittedBy: ctx.userId,
      snapshotTotal: snap.total,
      snapshotPartnerId: snap.partnerId,
      snapshotLines: snap.lines,
    })),
  );
  await recordChange(tx, ctx, 'submit', kind.resource, h.id, null, { round, steps: chain.length });
}

export async function submitForApproval(ctx: RequestContext, kind: DocumentKind, id: string) {
  await transaction(ctx.db, async (tx) => submitIn(tx, ctx, kind, await headerOf(tx, ctx, kind, id, true)));
  return approvalsView(ctx.db.orm, ctx, kind, id);
}

async function deciderOf(db: Executor, ctx: RequestContext, kind: DocumentKind) {
  return { userId: ctx.userId, roleCodes: await roleCodesOf(db, ctx.companyId, ctx.userId), canApprove: ctx.permissions.has(`${kind.resource}:approve`) };
}

function refuse(problem: 'SELF_APPROVAL' | 'NOT_APPROVER', step: ApprovalRow): never {
  if (problem === 'SELF_APPROVAL')
    throw errors.conflict('SELF_APPROVAL', '不能审批自己开的或最后修改的单据', 'You cannot approve a document you made or last edited');
  throw new AppError(
    'NOT_APPROVER',
    403,
    `第 ${step.step} 步须由${step.approverUserId ? '指定的审批人' : step.approverRole ? `角色「${step.approverRole}」` : '有审批权限的人'}审批`,
    `Step ${step.step} is for ${step.approverUserId ? 'the named approver' : step.approverRole ? `the role ${step.approverRole}` : 'an approver'}`,
    { step: step.step, role: step.approverRole, userId: step.approverUserId },
  );
}

async function decideIn(
  tx: Executor,
  ctx: RequestContext,
  kind: DocumentKind,
  h: DocumentRow,
  step: number,
  decision: 'approved' | 'rejected',
  comment: string | null,
) {
  requireSaved(kind, h);
  const live = liveRound(await rowsOf(tx, ctx.companyId, h.id));
  const state = roundState(live);
  const row = live.find((r) => r.step === step);
  if (state.status !== 'pending' || !row || state.current !== step)
    throw errors.conflict(
      'APPROVAL_STEP_NOT_OPEN',
      state.status === 'pending' ? `现在审批第 ${state.current} 步，不是第 ${step} 步` : `${kind.zh} ${h.number} ${ROUND_ZH[state.status]}，没有待审批的步骤`,
      state.status === 'pending' ? `Step ${state.current} is being approved, not step ${step}` : `${kind.en} ${h.number} is ${state.status}: no step to decide`,
      { status: state.status, current: state.current },
    );
  const may = mayDecide(await deciderOf(tx, ctx, kind), { role: row.approverRole, userId: row.approverUserId }, h);
  if (!may.ok) refuse(may.problem, row);
  const now = new Date();
  await tx
    .update(approvals)
    .set({ decision, comment, decidedBy: ctx.userId, decidedAt: now })
    .where(and(eq(approvals.companyId, ctx.companyId), eq(approvals.id, row.id)));
  await recordChange(tx, ctx, decision === 'approved' ? 'approve' : 'reject', kind.resource, h.id, null, { round: row.round, step, comment });
}

export async function decideStep(ctx: RequestContext, kind: DocumentKind, id: string, step: number, decision: 'approved' | 'rejected', comment: string | null) {
  await transaction(ctx.db, async (tx) => decideIn(tx, ctx, kind, await headerOf(tx, ctx, kind, id, true), step, decision, comment));
  return approvalsView(ctx.db.orm, ctx, kind, id);
}

/**
 * The old `POST …/approval {reason}` (S5, S7): submit when nothing is open, then approve the
 * step due. An approved round stands as it is.
 */
export async function approveWithReason(ctx: RequestContext, kind: DocumentKind, id: string, reason: string) {
  await transaction(ctx.db, async (tx) => {
    const h = await headerOf(tx, ctx, kind, id, true);
    requireSaved(kind, h);
    const first = roundState(liveRound(await rowsOf(tx, ctx.companyId, h.id)));
    if (first.status === 'approved') {
      const may = mayDecide(await deciderOf(tx, ctx, kind), { role: null, userId: null }, h);
      if (!may.ok && may.problem === 'SELF_APPROVAL')
        throw errors.conflict('SELF_APPROVAL', '不能批准自己开的单据', 'You cannot approve a document you made yourself');
      return;
    }
    if (first.status !== 'pending') {
      // The maker is refused before anything is written.
      if (h.createdBy === ctx.userId || h.updatedBy === ctx.userId)
        throw errors.conflict('SELF_APPROVAL', '不能批准自己开的单据', 'You cannot approve a document you made yourself');
      await submitIn(tx, ctx, kind, h);
    }
    const state = roundState(liveRound(await rowsOf(tx, ctx.companyId, h.id)));
    await decideIn(tx, ctx, kind, h, state.current as number, 'approved', reason);
  });
}

/**
 * On edit: the live round lapses when what was approved changed (the kind's lapse rule).
 * Called by the documents service with the header and lines about to be stored.
 */
export async function voidLapsedApprovals(tx: Executor, ctx: RequestContext, kind: DocumentKind, documentId: string, now: Snapshot) {
  const live = liveRound(await rowsOf(tx, ctx.companyId, documentId));
  if (!live.length) return;
  const given = { total: live[0].snapshotTotal, partnerId: live[0].snapshotPartnerId, lines: live[0].snapshotLines };
  if (!lapses(kind.approvalLapse ?? 'any-change', given, now)) return;
  await tx
    .update(approvals)
    .set({ decision: 'void' })
    .where(and(eq(approvals.companyId, ctx.companyId), eq(approvals.documentId, documentId), eq(approvals.round, live[0].round)));
  await recordChange(tx, ctx, 'approval-lapse', kind.resource, documentId, { round: live[0].round }, null);
}

/** Whether the document's live round is approved in full (S5 lifts the payment rule on it, S7 needs it). */
export async function isApproved(db: Executor, companyId: string, documentId: string): Promise<boolean> {
  return roundState(liveRound(await rowsOf(db, companyId, documentId))).status === 'approved';
}

/** Audit waits, when the kind's setting says so, for every step of the chain applying to the total. */
export async function requireApprovedForAudit(tx: Executor, ctx: RequestContext, kind: DocumentKind, h: DocumentRow, settings: CompanySettings) {
  const config = chainConfig(settings, kind.kind);
  if (!config.requireBeforeAudit) return;
  const chain = chainFor(config, h.total);
  if (!chain.length) return;
  const live = liveRound(await rowsOf(tx, ctx.companyId, h.id));
  const missing = missingSteps(
    chain,
    live.map((r) => ({ step: r.step, decision: r.decision as Decision, role: r.approverRole, userId: r.approverUserId })),
  );
  if (missing.length)
    throw errors.conflict(
      'APPROVAL_REQUIRED',
      `${kind.zh} ${h.number} 须审批通过后才能审核（还差第 ${missing.map((s) => s.step).join('、')} 步）`,
      `${kind.en} ${h.number} must be approved before audit (steps ${missing.map((s) => s.step).join(', ')} missing)`,
      { missing: missing.map((s) => ({ step: s.step, role: s.role ?? null, userId: s.userId ?? null })) },
    );
}

/** The S5/S7 view of a document's approval: the last approval of an approved round, or null. */
export async function lastApproval(db: Executor, companyId: string, documentId: string) {
  const live = liveRound(await rowsOf(db, companyId, documentId));
  if (roundState(live).status !== 'approved') return null;
  const last = live[live.length - 1];
  const [me] = last.decidedBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, last.decidedBy)) : [];
  return {
    by: last.decidedBy,
    byName: me?.name ?? null,
    at: last.decidedAt?.toISOString() ?? null,
    reason: last.comment ?? '',
    total: last.snapshotTotal,
    partnerId: last.snapshotPartnerId,
  };
}

/** Every round of a document's approvals, the live one first, with who may decide what. */
export async function approvalsView(db: Executor, ctx: RequestContext, kind: DocumentKind, id: string) {
  const h = await headerOf(db, ctx, kind, id, false);
  const rows = await rowsOf(db, ctx.companyId, id);
  const live = liveRound(rows);
  const state = roundState(live);
  const names = new Map(
    (
      await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .where(eq(memberships.companyId, ctx.companyId))
    ).map((u) => [u.id, u.name]),
  );
  const roleNames = new Map(
    (await db.select({ code: roles.code, name: roles.name }).from(roles).where(eq(roles.companyId, ctx.companyId))).map((r) => [r.code, r.name]),
  );
  const decider = await deciderOf(db, ctx, kind);
  const priced = seesMoney(ctx, kind);
  const config = chainConfig(await getSettings(db, ctx.companyId), kind.kind);
  const view = (r: ApprovalRow) => ({
    id: r.id,
    round: r.round,
    step: r.step,
    approverRole: r.approverRole,
    approverRoleName: r.approverRole ? (roleNames.get(r.approverRole) ?? r.approverRole) : null,
    approverUserId: r.approverUserId,
    approverUserName: r.approverUserId ? (names.get(r.approverUserId) ?? null) : null,
    aboveTotal: priced ? r.aboveTotal : null,
    decision: r.decision as Decision,
    decisionName: DECISION_ZH[r.decision as Decision] ?? r.decision,
    comment: r.comment,
    decidedBy: r.decidedBy,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    submittedBy: r.submittedBy,
    submittedByName: r.submittedBy ? (names.get(r.submittedBy) ?? null) : null,
    submittedAt: r.submittedAt.toISOString(),
  });
  const current = live.find((r) => r.step === state.current);
  return {
    documentId: h.id,
    number: h.number,
    status: state.status,
    statusName: ROUND_ZH[state.status],
    current: state.current,
    requireBeforeAudit: config.requireBeforeAudit,
    /** The caller may decide the step due now (role or user, and not the maker or last editor). */
    canDecide: !!current && h.status === 'saved' && mayDecide(decider, { role: current.approverRole, userId: current.approverUserId }, h).ok,
    canSubmit:
      h.status === 'saved' &&
      (state.status === 'none' || state.status === 'rejected') &&
      ctx.permissions.has(`${kind.resource}:edit` as Permission) &&
      chainFor(config, h.total).length > 0,
    steps: live.map(view),
    history: rows.filter((r) => !live.includes(r)).map(view),
  };
}

/** 待审批: the steps due now that this user may decide, in documents of kinds they may view. */
export async function pendingApprovals(ctx: RequestContext, kinds: DocumentKind[]) {
  const db = ctx.db.orm;
  const viewable = kinds.filter((k) => ctx.permissions.has(`${k.resource}:view`));
  const approvable = viewable.filter((k) => ctx.permissions.has(`${k.resource}:approve`)).map((k) => k.kind);
  const codes = await roleCodesOf(db, ctx.companyId, ctx.userId);
  const arr = (xs: string[]) => `{${xs.join(',')}}`;
  const res = (await db.execute(sql`
    SELECT a.document_id AS "documentId", a.round, a.step, a.approver_role AS "approverRole", a.approver_user_id AS "approverUserId",
           a.submitted_at::text AS "submittedAt", su.display_name AS "submittedByName",
           d.kind, d.number, d.date::text AS date, coalesce(s.name, cu.name) AS "partnerName"
    FROM approvals a
    JOIN documents d ON d.company_id = a.company_id AND d.id = a.document_id
    LEFT JOIN users su ON su.id = a.submitted_by
    LEFT JOIN suppliers s ON s.company_id = d.company_id AND s.id = d.partner_id
    LEFT JOIN customers cu ON cu.company_id = d.company_id AND cu.id = d.partner_id
    WHERE a.company_id = ${ctx.companyId} AND a.decision = 'pending' AND d.status = 'saved'
      AND d.kind = ANY(${arr(viewable.map((k) => k.kind))}::text[])
      AND NOT EXISTS (SELECT 1 FROM approvals b WHERE b.company_id = a.company_id AND b.document_id = a.document_id
                        AND b.round = a.round AND b.step < a.step AND b.decision <> 'approved')
      AND d.created_by IS DISTINCT FROM ${ctx.userId}::uuid AND d.updated_by IS DISTINCT FROM ${ctx.userId}::uuid
      AND (a.approver_user_id = ${ctx.userId}::uuid OR a.approver_role = ANY(${arr(codes)}::text[])
           OR (a.approver_role IS NULL AND a.approver_user_id IS NULL AND d.kind = ANY(${arr(approvable)}::text[])))
    ORDER BY a.submitted_at, d.number`)) as unknown as {
    rows: {
      documentId: string;
      round: number;
      step: number;
      approverRole: string | null;
      approverUserId: string | null;
      submittedAt: string;
      submittedByName: string | null;
      kind: string;
      number: string;
      date: string;
      partnerName: string | null;
    }[];
  };
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const items = res.rows.map((r) => {
    const k = byKind.get(r.kind) as DocumentKind;
    return { ...r, round: Number(r.round), step: Number(r.step), resource: k.resource, kindName: k.zh, kindNameEn: k.en };
  });
  return { items, total: items.length };
}
