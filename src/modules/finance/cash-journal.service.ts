// 资金: what each settlement account (cash, bank) holds now, and its journal (资金流水) —
// every payment and receipt posted to it, with the balance after each. Read from the
// engine's cash balances and entries; an account starts at its opening balance.
import { sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { RequestContext } from '../auth/auth.service.js';
import { KIND_ZH } from '../inventory/stock.service.js';

type Rows<T> = { rows: T[] };
const rows = async <T>(p: Promise<unknown>) => ((await p) as Rows<T>).rows;

export interface AccountBalance {
  id: string;
  code: string;
  name: string;
  type: string;
  active: boolean;
  openingBalance: string;
  balance: string;
}

/** Every account of the company with its balance now (its opening balance until money moves). */
export async function accountBalances(ctx: RequestContext): Promise<{ items: AccountBalance[]; total: string }> {
  const items = await rows<AccountBalance>(
    ctx.db.orm.execute(sql`
      SELECT a.id, a.code, a.name, a.type, a.active, a.opening_balance::text AS "openingBalance",
             coalesce(b.balance, a.opening_balance)::text AS balance
      FROM accounts a LEFT JOIN cash_balances b ON b.company_id = a.company_id AND b.account_id = a.id
      WHERE a.company_id = ${ctx.companyId}
      ORDER BY a.code`),
  );
  const total = items.filter((a) => a.active).reduce((t, a) => t.plus(a.balance), new Decimal(0));
  return {
    items: items.map((a) => ({ ...a, balance: new Decimal(a.balance).toFixed(2), openingBalance: new Decimal(a.openingBalance).toFixed(2) })),
    total: total.toFixed(2),
  };
}

/**
 * 资金流水 of one account in a date range (by document date): the balance before the range,
 * each entry as money in (收入) or out (支出) with the partner and the balance after it,
 * and the balance at the end.
 */
export async function cashJournal(ctx: RequestContext, accountId: string, from: string | undefined, to: string | undefined) {
  const [account] = await rows<{ id: string; code: string; name: string; type: string; openingBalance: string }>(
    ctx.db.orm.execute(sql`
      SELECT id, code, name, type, opening_balance::text AS "openingBalance"
      FROM accounts WHERE company_id = ${ctx.companyId} AND id = ${accountId}`),
  );
  if (!account) throw errors.notFound('结算账户', 'Account', accountId);
  const [before] = await rows<{ moved: string }>(
    ctx.db.orm.execute(sql`
      SELECT coalesce(sum(e.amount), 0)::text AS moved
      FROM cash_entries e JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      WHERE e.company_id = ${ctx.companyId} AND e.account_id = ${accountId}
        ${from ? sql`AND d.date < ${from}::date` : sql`AND false`}`),
  );
  const entries = await rows<{
    id: string;
    date: string;
    number: string;
    kind: string;
    documentId: string;
    partnerName: string | null;
    amount: string;
    reversal: boolean;
    remark: string | null;
  }>(
    ctx.db.orm.execute(sql`
      SELECT e.id::text AS id, d.date::text AS date, d.number, d.kind, d.id AS "documentId",
             coalesce(s.name, c.name) AS "partnerName", e.amount::text AS amount,
             (e.reverses_id IS NOT NULL) AS reversal, d.remark
      FROM cash_entries e
      JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      LEFT JOIN suppliers s ON s.company_id = d.company_id AND s.id = d.partner_id
      LEFT JOIN customers c ON c.company_id = d.company_id AND c.id = d.partner_id
      WHERE e.company_id = ${ctx.companyId} AND e.account_id = ${accountId}
        ${from ? sql`AND d.date >= ${from}::date` : sql``}
        ${to ? sql`AND d.date <= ${to}::date` : sql``}
      ORDER BY d.date, e.id`),
  );
  const opening = new Decimal(account.openingBalance).plus(before.moved);
  let balance = opening;
  let income = new Decimal(0);
  let expense = new Decimal(0);
  const lines = entries.map((e) => {
    const amount = new Decimal(e.amount);
    balance = balance.plus(amount);
    if (amount.gt(0)) income = income.plus(amount);
    else expense = expense.minus(amount);
    return {
      id: e.id,
      date: e.date,
      number: e.number,
      kind: e.kind,
      kindName: `${KIND_ZH[e.kind] ?? e.kind}${e.reversal ? '（反审核）' : ''}`,
      documentId: e.documentId,
      partnerName: e.partnerName,
      reversal: e.reversal,
      remark: e.remark,
      income: amount.gt(0) ? amount.toFixed(2) : null,
      expense: amount.lt(0) ? amount.negated().toFixed(2) : null,
      balance: balance.toFixed(2),
    };
  });
  return {
    account: { id: account.id, code: account.code, name: account.name, type: account.type },
    from: from ?? null,
    to: to ?? null,
    opening: opening.toFixed(2),
    lines,
    totals: { income: income.toFixed(2), expense: expense.toFixed(2) },
    closing: balance.toFixed(2),
  };
}
