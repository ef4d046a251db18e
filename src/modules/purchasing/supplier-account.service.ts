// A supplier's account with us: balances (应付, 预付), open bills and returns to settle,
// and the statement (对账单) with a running balance over a date range.
import { sql } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { RequestContext } from '../auth/auth.service.js';
import { KIND_ZH } from '../inventory/stock.service.js';
import { settlementStatus } from './purchasing.rules.js';

type Rows<T> = { rows: T[] };
const rows = async <T>(p: Promise<unknown>) => ((await p) as Rows<T>).rows;

async function requireSupplierRow(ctx: RequestContext, supplierId: string) {
  const [s] = await rows<{ id: string; code: string; name: string }>(
    ctx.db.orm.execute(sql`SELECT id, code, name FROM suppliers WHERE company_id = ${ctx.companyId} AND id = ${supplierId}`),
  );
  if (!s) throw errors.notFound('供应商', supplierId);
  return s;
}

export async function supplierBalance(ctx: RequestContext, supplierId: string) {
  await requireSupplierRow(ctx, supplierId);
  const list = await rows<{ account: string; balance: string }>(
    ctx.db.orm.execute(sql`SELECT account, balance::text AS balance FROM partner_balances WHERE company_id = ${ctx.companyId} AND partner_id = ${supplierId}`),
  );
  const get = (a: string) => new Decimal(list.find((r) => r.account === a)?.balance ?? 0).toFixed(2);
  const payable = get('payable');
  const prepaid = get('prepaid');
  return { payable, prepaid, net: new Decimal(payable).minus(prepaid).toFixed(2) };
}

/** Audited bills and returns of the supplier not yet fully settled (P8), oldest first. */
export async function supplierOpenItems(ctx: RequestContext, supplierId: string) {
  await requireSupplierRow(ctx, supplierId);
  const list = await rows<{ documentId: string; number: string; kind: string; date: string; dueDate: string | null; amount: string; settled: string }>(
    ctx.db.orm.execute(sql`
      SELECT o.document_id AS "documentId", d.number, d.kind, d.date::text AS date, o.due_date::text AS "dueDate", o.amount::text AS amount, o.settled::text AS settled
      FROM open_items o JOIN documents d ON d.company_id = o.company_id AND d.id = o.document_id
      WHERE o.company_id = ${ctx.companyId} AND o.partner_id = ${supplierId} AND o.account = 'payable' AND o.settled <> o.amount
      ORDER BY d.date, d.number`),
  );
  return list.map((r) => {
    const status = settlementStatus({ amount: new Decimal(r.amount), settled: new Decimal(r.settled) });
    return {
      ...r,
      kindName: KIND_ZH[r.kind] ?? r.kind,
      open: new Decimal(r.amount).minus(r.settled).toFixed(2),
      settlementStatus: status,
      settlementStatusName: { unsettled: '未结', partial: '部分结算', settled: '已结清' }[status],
    };
  });
}

/**
 * 对账单: every posting to the supplier's payable and prepaid in the date range, with the
 * balance owed (payable − prepaid) before the range and after each line.
 */
export async function supplierStatement(ctx: RequestContext, supplierId: string, from: string | undefined, to: string | undefined) {
  const supplier = await requireSupplierRow(ctx, supplierId);
  const [opening] = await rows<{ payable: string; prepaid: string }>(
    ctx.db.orm.execute(sql`
      SELECT coalesce(sum(e.amount) FILTER (WHERE e.account = 'payable'), 0)::text AS payable,
             coalesce(sum(e.amount) FILTER (WHERE e.account = 'prepaid'), 0)::text AS prepaid
      FROM partner_entries e JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      WHERE e.company_id = ${ctx.companyId} AND e.partner_id = ${supplierId} AND e.account IN ('payable','prepaid')
        ${from ? sql`AND d.date < ${from}::date` : sql`AND false`}`),
  );
  const entries = await rows<{ id: string; date: string; number: string; kind: string; documentId: string; account: string; amount: string; reversal: boolean; remark: string | null }>(
    ctx.db.orm.execute(sql`
      SELECT e.id::text AS id, d.date::text AS date, d.number, d.kind, d.id AS "documentId", e.account, e.amount::text AS amount,
             (e.reverses_id IS NOT NULL) AS reversal, d.remark
      FROM partner_entries e JOIN documents d ON d.company_id = e.company_id AND d.id = e.document_id
      WHERE e.company_id = ${ctx.companyId} AND e.partner_id = ${supplierId} AND e.account IN ('payable','prepaid')
        ${from ? sql`AND d.date >= ${from}::date` : sql``}
        ${to ? sql`AND d.date <= ${to}::date` : sql``}
      ORDER BY d.date, e.id`),
  );
  let payable = new Decimal(opening.payable);
  let prepaid = new Decimal(opening.prepaid);
  const openingBalance = payable.minus(prepaid);
  const lines = entries.map((e) => {
    const amount = new Decimal(e.amount);
    if (e.account === 'payable') payable = payable.plus(amount);
    else prepaid = prepaid.plus(amount);
    return {
      ...e,
      kindName: `${KIND_ZH[e.kind] ?? e.kind}${e.reversal ? '（反审核）' : ''}`,
      accountName: e.account === 'payable' ? '应付' : '预付',
      /** 增加应付 / 减少应付 in the owed balance's terms. */
      increase: (e.account === 'payable' ? amount : amount.negated()).gt(0) ? (e.account === 'payable' ? amount : amount.negated()).toFixed(2) : null,
      decrease: (e.account === 'payable' ? amount : amount.negated()).lt(0) ? (e.account === 'payable' ? amount : amount.negated()).negated().toFixed(2) : null,
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
