// P8/S8 and 9.5: how a settlement's (收款单's) money is spread over the partner's open items.
// Pure, so the form and its tests use one rule: 自动分配 and the allocation that follows the
// payment total as it is typed are the same function.
import { decAbs, decAdd, decCmp, decIsZero, decMin, decSub, decSum, normalizeDecimalInput } from '../lib/decimal';

/** An open item as the settlement form lists it. */
export interface AllocItem {
  documentId: string;
  number: string;
  /** the document's business date ('YYYY-MM-DD'): oldest is settled first */
  date: string | null;
  /** what is still open, signed like the item */
  open: string;
  /** returns settle negatively (they lower what is owed) */
  negative: boolean;
}

/** Amount typed per item (document id → text as typed). */
export type Alloc = Record<string, string | undefined>;

const moneyOrZero = (v: unknown) => {
  const s = normalizeDecimalInput(String(v ?? ''));
  return s === '' ? '0' : s;
};

/** 付款合计: what the allocations settle, returns counted negative. */
export function settledTotal(rows: readonly AllocItem[], alloc: Alloc): string {
  return decSum(rows.map((r) => (r.negative ? decSub('0', moneyOrZero(alloc[r.documentId])) : moneyOrZero(alloc[r.documentId]))));
}

/** Oldest first by date, then by number; items without a date (no longer open) last. */
function oldestFirst<T extends AllocItem>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.number.localeCompare(b.number));
}

/**
 * 自动分配: returns first (each lowers what is owed, up to what the bills can absorb),
 * then bills oldest first up to 付款总额 + 使用预付款 + those returns. With no payment
 * typed, everything open is settled and 付款总额 becomes what that takes.
 */
export function autoAllocate(rows: readonly AllocItem[], paymentTotal: string, prepaymentUsed: string): { alloc: Alloc; paymentTotal?: string } {
  const ordered = oldestFirst(rows);
  const bills = ordered.filter((r) => !r.negative && decCmp(r.open, '0') > 0);
  const returns = ordered.filter((r) => r.negative && !decIsZero(r.open));
  const billOpen = decSum(bills.map((b) => b.open));
  let credit = decMin(decSum(returns.map((r) => decAbs(r.open))), billOpen);
  const usedCredit = credit;
  const alloc: Alloc = {};
  for (const r of returns) {
    const a = decMin(decAbs(r.open), credit);
    if (decCmp(a, '0') > 0) alloc[r.documentId] = a;
    credit = decSub(credit, a);
  }
  const nothingTyped = decIsZero(paymentTotal) && decIsZero(prepaymentUsed);
  let budget = nothingTyped ? billOpen : decAdd(decAdd(paymentTotal, prepaymentUsed), usedCredit);
  for (const b of bills) {
    const a = decMin(b.open, budget);
    if (decCmp(a, '0') > 0) alloc[b.documentId] = a;
    budget = decSub(budget, a);
  }
  return nothingTyped ? { alloc, paymentTotal: decSub(billOpen, usedCredit) } : { alloc };
}

/**
 * 9.5: the allocation that follows the payment total (and prepayment used) as the clerk
 * types it — 自动分配's rule, except that nothing typed allocates nothing (rather than
 * settling everything and filling in the total: that is the button's offer, not a guess).
 */
export function allocateAsTyped(rows: readonly AllocItem[], paymentTotal: string, prepaymentUsed: string): Alloc {
  if (decIsZero(paymentTotal) && decIsZero(prepaymentUsed)) return {};
  return autoAllocate(rows, paymentTotal, prepaymentUsed).alloc;
}

/** Nothing allocated (every amount blank or zero). */
export function nothingAllocated(alloc: Alloc): boolean {
  return Object.values(alloc).every((v) => decIsZero(moneyOrZero(v)));
}
