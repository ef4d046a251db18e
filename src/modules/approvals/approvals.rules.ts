// A2 审批: the rules of approval chains, as plain functions (no database). Which steps a
// document's total calls for, where a round of approvals stands, who may decide a step,
// and when an edit makes an approval lapse.
import { createHash } from 'node:crypto';
import { Decimal } from '../../core/decimal.js';

/** One step of a chain: a role (by code) or a named user decides; no one named → anyone holding `<resource>:approve`. */
export interface ChainStep {
  role?: string | null;
  userId?: string | null;
  /** The step applies only to documents whose total is above this amount. */
  aboveTotal?: string | null;
}

export interface ChainConfig {
  /** Audit is refused until every step of the chain applying to the total is approved. */
  requireBeforeAudit: boolean;
  steps: ChainStep[];
}

/** The steps that apply to a document of this total, in order (numbered from 1). */
export function chainFor(config: ChainConfig, total: string): (ChainStep & { step: number })[] {
  const t = new Decimal(total);
  return config.steps
    .filter((s) => s.aboveTotal === null || s.aboveTotal === undefined || t.gt(s.aboveTotal))
    .map((s, i) => ({ role: s.role ?? null, userId: s.userId ?? null, aboveTotal: s.aboveTotal ?? null, step: i + 1 }));
}

export type Decision = 'pending' | 'approved' | 'rejected' | 'void';

export interface StepRow {
  step: number;
  /** A Decision (stored as text). */
  decision: Decision | (string & {});
}

export type RoundStatus = 'none' | 'pending' | 'approved' | 'rejected';

/**
 * Where the live round stands: rejected when any step was rejected, approved when every
 * step was, otherwise pending at its first undecided step. Void rows (lapsed) do not count.
 */
export function roundState(rows: StepRow[]): { status: RoundStatus; current: number | null } {
  const live = rows.filter((r) => r.decision !== 'void').sort((a, b) => a.step - b.step);
  if (live.length === 0) return { status: 'none', current: null };
  if (live.some((r) => r.decision === 'rejected')) return { status: 'rejected', current: null };
  const next = live.find((r) => r.decision === 'pending');
  return next ? { status: 'pending', current: next.step } : { status: 'approved', current: null };
}

export interface Decider {
  userId: string;
  /** Codes of the roles the user holds in the document's company. */
  roleCodes: string[];
  /** Holds `<resource>:approve` (for steps naming no role and no user). */
  canApprove: boolean;
}

export type DecideProblem = 'SELF_APPROVAL' | 'NOT_APPROVER';

/**
 * Segregation of duties: nobody decides on a document they made or last edited; a step
 * naming a user is theirs alone, a step naming a role is for holders of that role.
 */
export function mayDecide(
  who: Decider,
  step: { role: string | null; userId: string | null },
  doc: { createdBy: string | null; updatedBy: string | null },
): { ok: true } | { ok: false; problem: DecideProblem } {
  if (doc.createdBy === who.userId || doc.updatedBy === who.userId) return { ok: false, problem: 'SELF_APPROVAL' };
  if (step.userId) return step.userId === who.userId ? { ok: true } : { ok: false, problem: 'NOT_APPROVER' };
  if (step.role) return who.roleCodes.includes(step.role) ? { ok: true } : { ok: false, problem: 'NOT_APPROVER' };
  return who.canApprove ? { ok: true } : { ok: false, problem: 'NOT_APPROVER' };
}

/** What an approval was given for: the total, the partner and a fingerprint of the lines. */
export interface Snapshot {
  total: string;
  partnerId: string | null;
  lines: string;
}

export interface LineFacts {
  productId?: string | null;
  unitId?: string | null;
  qty?: string | null;
  price?: string | null;
  taxRate?: string | null;
  discount?: string | null;
  total?: string | null;
}

const norm = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '' : new Decimal(v).toString());

/** The same lines give the same fingerprint, however the decimals were written ("10" = "10.0000"). */
export function linesFingerprint(lines: LineFacts[]): string {
  const text = lines
    .map((l) => [l.productId ?? '', l.unitId ?? '', norm(l.qty), norm(l.price), norm(l.taxRate), norm(l.discount), norm(l.total)].join('|'))
    .join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/**
 * How a kind's approvals survive an edit. `any-change`: any change of total, partner or
 * lines voids them. `total-grows` (S5 payment exceptions, S7 return requests): they stand
 * while the partner stays and the total does not grow — an inspection that accepts fewer
 * goods keeps the approval; the approver approved no less than this.
 */
export type LapseRule = 'any-change' | 'total-grows';

export function lapses(rule: LapseRule, given: Snapshot, now: Snapshot): boolean {
  if (given.partnerId !== now.partnerId) return true;
  if (rule === 'total-grows') return new Decimal(now.total).gt(given.total);
  return !new Decimal(now.total).eq(given.total) || given.lines !== now.lines;
}

/**
 * Before audit: the chain that applies to the document's total now (settings may have
 * changed since it was submitted) must be covered by approved steps of the live round —
 * each step's approver, in order. Returns the steps still missing.
 */
export function missingSteps(
  chain: (ChainStep & { step: number })[],
  rows: (StepRow & { role: string | null; userId: string | null })[],
): (ChainStep & { step: number })[] {
  const approved = rows.filter((r) => r.decision === 'approved');
  return chain.filter((s) => !approved.some((r) => r.step === s.step && (r.role ?? null) === (s.role ?? null) && (r.userId ?? null) === (s.userId ?? null)));
}
