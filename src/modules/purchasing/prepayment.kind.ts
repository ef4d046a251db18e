// P9 预付款 and S8 预收款: money paid to a supplier before the goods come, or received
// from a customer before they are delivered. May be negative (a refund or a correction);
// the balance may go below zero. One kind serves both sides of the trade.
import { z } from '@hono/zod-openapi';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { postLast, unpost } from '../../ledger/engine.js';
import type { RequestContext } from '../auth/auth.service.js';
import { requireAccount, requireEmployee, requireSupplier } from '../documents/documents.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { decimalSchema } from '../masterdata/fields.js';
import { advancePosting, PAYING, type SettlementSide } from './purchasing.rules.js';

/** One side of the trade's advance document: its names, its partner and its accounts. */
export interface AdvanceKindSpec extends Pick<DocumentKind, 'kind' | 'prefix' | 'resource' | 'zh' | 'en' | 'partner'> {
  /** The body's partner field. */
  partnerField: 'supplierId' | 'customerId';
  money: SettlementSide;
  /** Refuses a partner that is missing, inactive or not of this company. */
  requirePartner(db: Executor, ctx: RequestContext, id: unknown): Promise<unknown>;
}

/** What every money document's header holds, each checked: partner, settlement account, employee, date, remark. */
export async function moneyHeader(
  tx: Executor,
  ctx: RequestContext,
  requirePartner: AdvanceKindSpec['requirePartner'],
  partnerId: string,
  b: { accountId: string; date: string; employeeId?: string | null; remark?: string | null },
) {
  await requirePartner(tx, ctx, partnerId);
  await requireAccount(tx, ctx, b.accountId);
  return { partnerId, accountId: b.accountId, employeeId: await requireEmployee(tx, ctx, b.employeeId), date: b.date, remark: b.remark ?? null };
}

export function advanceKind(spec: AdvanceKindSpec): DocumentKind {
  const { partnerField, money, requirePartner, ...names } = spec;
  const schema = z.object({
    [partnerField]: z.uuid(),
    accountId: z.uuid(),
    date: z.iso.date(),
    amount: decimalSchema('money', false),
    employeeId: z.uuid().nullable().optional(),
    remark: z.string().trim().max(500).nullable().optional(),
  });
  return {
    ...names,
    createSchema: schema,

    async build(tx, ctx, body) {
      const b = schema.parse(body) as { accountId: string; date: string; amount: string; employeeId?: string | null; remark?: string | null } & Record<
        string,
        unknown
      >;
      const header = await moneyHeader(tx, ctx, requirePartner, b[partnerField] as string, b);
      const amount = new Decimal(b.amount);
      if (amount.isZero()) {
        throw errors.unprocessable('AMOUNT_ZERO', `${money.prepaidZh}金额不能为 0`, 'The amount must not be zero', { field: 'amount' });
      }
      return {
        header: {
          ...header,
          amount: amount.toFixed(2),
          total: amount.toFixed(2),
          paymentTotal: amount.toFixed(2),
        },
        lines: [],
      };
    },

    async audit(tx, ctx, doc) {
      const posting = advancePosting(money, doc.header.partnerId as string, doc.header.accountId as string, new Decimal(doc.header.total));
      await postLast(tx, ctx.companyId, doc.header.id, posting, postOptions(doc));
    },

    async unaudit(tx, ctx, doc) {
      await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
    },
  };
}

export const prepaymentKind = advanceKind({
  kind: 'prepayment',
  prefix: 'YF',
  resource: 'prepayments',
  zh: '预付款单',
  en: 'Prepayment',
  partner: 'supplier',
  partnerField: 'supplierId',
  money: PAYING,
  requirePartner: (db, ctx, id) => requireSupplier(db, ctx, id, false),
});
