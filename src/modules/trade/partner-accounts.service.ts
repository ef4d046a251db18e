// A partner's account with us — a supplier's 应付/预付 or a customer's 应收/预收: balances,
// open documents to settle, and the statement (对账单) with a running balance.
import { sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import { SETTLEMENT_ZH, settlementStatus } from '../documents/document-status.js';
import { KIND_ZH } from '../inventory/stock.service.js';

type Rows<T> = { rows: T[] };
const rows = async <T>(p: Promise<unknown>) => ((await p) as Rows<T>).rows;

export type PartnerSide = 'supplier' | 'customer';

/**
 * A partner's account is money: besides seeing the partner, the caller must see one of that
 * side's money documents (a warehouse keeper sees suppliers and customers, not what they owe).
 * Whoever takes a sales order also sees the customer's balance, for the credit terms.
 */
export const ACCOUNT_VIEWERS = {
  supplier: ['purchase-settlements:view', 'prepayments:view'],
  customer: ['receipts:view', 'advance-receipts:view'],
} as const satisfies Record<PartnerSide, readonly Permission[]>;
export const CUSTOMER_BALANCE_VIEWERS = [...ACCOUNT_VIEWERS.customer, 'sales-orders:create'] as const satisfies readonly Permission[];
const ACCOUNTS = { supplier: { open: 'payable', ahead: 'prepaid' }, customer: { open: 'receivable', ahead: 'advance' } } as const;

async function requirePartnerRow(ctx: RequestContext, side: PartnerSide, id: string) {
  const table = side === 'supplier' ? sql`suppliers` : sql`customers`;
  const [s] = await rows<{ id: string; code: string; name: string }>(
    ctx.db.orm.execute(sql`SELECT id, code, name FROM ${table} WHERE company_id = ${ctx.companyId} AND id = ${id}`),
  );
  if (!s) throw side === 'supplier' ? errors.notFound('供应商', 'Supplier', id) : errors.notFound('客户', 'Customer', id);
  return s;
}

async function balancesOf(ctx: RequestContext, side: PartnerSide, id: string) {
  await requirePartnerRow(ctx, side, id);
  const list = await rows<{ account: string; balance: string }>(
    ctx.db.orm.execute(sql`SELECT account, balance::text AS balance FROM partner_balances WHERE company_id = ${ctx.companyId} AND partner_id = ${id}`),
  );
  const get = (a: string) => new Decimal(list.find((r) => r.account === a)?.balance ?? 0);
  return { open: get(ACCOUNTS[side].open), ahead: get(ACCOUNTS[side].ahead) };
}

export async function customerBalance(ctx: RequestContext, customerId: string) {
  const b = await balancesOf(ctx, 'customer', customerId);
  return { receivable: b.open.toFixed(2), advance: b.ahead.toFixed(2), net: b.open.minus(b.ahead).toFixed(2) };
}

export async function supplierBalance(ctx: RequestContext, supplierId: string) {
  const b = await balancesOf(ctx, 'supplier', supplierId);
  return { payable: b.open.toFixed(2), prepaid: b.ahead.toFixed(2), net: b.open.minus(b.ahead).toFixed(2) };
}

/** Audited documents of the partner not yet fully settled (P8, S8), oldest first. */
export async function partnerOpenItems(ctx: RequestContext, side: PartnerSide, supplierId: string) {
  await requirePartnerRow(ctx, side, supplierId);
  const list = await rows<{ documentId: string; number: string; kind: string; date: string; dueDate: string | null; amount: string; settled: string }>(
    ctx.db.orm.execute(sql`
      SELECT o.document_id AS "documentId", d.number, d.kind, d.date::text AS date, o.due_date::text AS "dueDate", o.amount::text AS amount, o.settled::text AS settled
      FROM open_items o JOIN documents d ON d.company_id = o.company_id AND d.id = o.document_id
      WHERE o.company_id = ${ctx.companyId} AND o.partner_id = ${supplierId} AND o.account = ${ACCOUNTS[side].open} AND o.settled <> o.amount
      ORDER BY d.date, d.number`),
  );
  return list.map((r) => {
    const status = settlementStatus({ amount: new Decimal(r.amount), settled: new Decimal(r.settled) });
    return {
      ...r,
      kindName: KIND_ZH[r.kind] ?? r.kind,
      open: new Decimal(r.amount).minus(r.settled).toFixed(2),
      settlementStatus: status,
      settlementStatusName: SETTLEMENT_ZH[status],
    };
  });
}

export const supplierOpenItems = (ctx: RequestContext, id: string) => partnerOpenItems(ctx, 'supplier', id);

/**
 * 对账单: every posting to the partner's open account (应付/应收) and money ahead (预付/预收)
 * in the date range, with the balance owed (open − ahead) before the range and after each line.
 */
export async function partnerStatement(ctx: RequestContext, side: PartnerSide, supplierId: string, from: string | undefined, to: string | undefined) {
  const supplier = await requirePartnerRow(ctx, side, supplierId);
  const { open: OPEN, ahead: AHEAD } = ACCOUNTS[side];
  const [opening] = await rows<{ payable: string; prepaid: string }>(
    ctx.db.orm.execute(sql`
      SELECT coalesce(sum(e.amount) FILTER (WHERE e.account = ${OPEN}), 0)::text AS payable,
             coalesce(sum(e.amount) FILTER (WHERE e.account = ${AHEAD}), 0)::text AS prepaid
      FROM partner_entries e JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      WHERE e.company_id = ${ctx.companyId} AND e.partner_id = ${supplierId} AND e.account IN (${OPEN}, ${AHEAD})
        ${from ? sql`AND d.date < ${from}::date` : sql`AND false`}`),
  );
  const entries = await rows<{
    id: string;
    date: string;
    number: string;
    kind: string;
    documentId: string;
    account: string;
    amount: string;
    reversal: boolean;
    remark: string | null;
  }>(
    ctx.db.orm.execute(sql`
      SELECT e.id::text AS id, d.date::text AS date, d.number, d.kind, d.id AS "documentId", e.account, e.amount::text AS amount,
             (e.reverses_id IS NOT NULL) AS reversal, d.remark
      FROM partner_entries e JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      WHERE e.company_id = ${ctx.companyId} AND e.partner_id = ${supplierId} AND e.account IN (${OPEN}, ${AHEAD})
        ${from ? sql`AND d.date >= ${from}::date` : sql``}
        ${to ? sql`AND d.date <= ${to}::date` : sql``}
      ORDER BY d.date, e.id`),
  );
  let payable = new Decimal(opening.payable);
  let prepaid = new Decimal(opening.prepaid);
  const openingBalance = payable.minus(prepaid);
  const lines = entries.map((e) => {
    const amount = new Decimal(e.amount);
    const isOpen = e.account === OPEN;
    if (isOpen) payable = payable.plus(amount);
    else prepaid = prepaid.plus(amount);
    return {
      ...e,
      kindName: `${KIND_ZH[e.kind] ?? e.kind}${e.reversal ? '（反审核）' : ''}`,
      accountName: { payable: '应付', prepaid: '预付', receivable: '应收', advance: '预收' }[e.account] ?? e.account,
      /** 增加 / 减少 in the owed balance's terms. */
      increase: (isOpen ? amount : amount.negated()).gt(0) ? (isOpen ? amount : amount.negated()).toFixed(2) : null,
      decrease: (isOpen ? amount : amount.negated()).lt(0) ? (isOpen ? amount : amount.negated()).negated().toFixed(2) : null,
      payable: payable.toFixed(2),
      prepaid: prepaid.toFixed(2),
      balance: payable.minus(prepaid).toFixed(2),
    };
  });
  return {
    supplier,
    from: from ?? null,
    to: to ?? null,
    opening: { payable: new Decimal(opening.payable).toFixed(2), prepaid: new Decimal(opening.prepaid).toFixed(2), balance: openingBalance.toFixed(2) },
    lines,
    closing: { payable: payable.toFixed(2), prepaid: prepaid.toFixed(2), balance: payable.minus(prepaid).toFixed(2) },
  };
}

export const supplierStatement = (ctx: RequestContext, id: string, from: string | undefined, to: string | undefined) =>
  partnerStatement(ctx, 'supplier', id, from, to);
