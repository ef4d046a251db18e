// P9 预付款 and S8 预收款: money paid to a supplier before the goods come, or received
// from a customer before they are delivered. May be negative (a refund or a correction);
// the balance may go below zero. One kind serves both sides of the trade. Either may
// name the order it is paid for (订金): a prepayment its purchase order, an advance
// receipt its sales order (advance-orders.ts).
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import type { Executor } from '../../db/database.js';
import { documents } from '../../db/schema.js';
import { postLast, unpost } from '../../ledger/engine.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { requireAccount, requireEmployee } from '../documents/kind-references.js';
import { decimalSchema } from '../masterdata/fields.js';
import { checkOrderAfterPosting, checkOrderRoom, type OrderAdvanceCheck, type OrderLink, requireOrderFor } from './advance-orders.js';
import { advancePosting, type SettlementSide } from './trade.rules.js';

/** One side of the trade's advance document: its names, its partner and its accounts. */
export interface AdvanceKindSpec extends Pick<DocumentKind, 'kind' | 'prefix' | 'resource' | 'zh' | 'en' | 'partner'> {
  /** The body's partner field. */
  partnerField: 'supplierId' | 'customerId';
  money: SettlementSide;
  /** Refuses a partner that is missing, inactive or not of this company. */
  requirePartner(db: Executor, ctx: RequestContext, id: unknown): Promise<unknown>;
  /** The order an advance may be paid for. */
  order: OrderLink;
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
  const { partnerField, money, requirePartner, order: link, ...names } = spec;
  const check: OrderAdvanceCheck = { link, money, advanceKind: names.kind };
  const schema = z.object({
    [partnerField]: ref(partnerField === 'supplierId' ? 'supplier' : 'customer'),
    [link.field]: ref(link.kind === 'purchase_order' ? 'purchaseOrder' : 'salesOrder')
      .nullable()
      .optional()
      .openapi({ description: `订金所属${link.zh}（同一${money.partnerZh}）The ${link.en.toLowerCase()} this is paid for (same ${money.partnerEn})` }),
    accountId: ref('account'),
    date: z.iso.date(),
    amount: decimalSchema('money', false),
    employeeId: ref('employee').nullable().optional(),
    remark: text().trim().max(500).nullable().optional(),
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
      const orderId = (b[link.field] as string | null | undefined) ?? null;
      if (orderId) await checkOrderRoom(tx, ctx, check, await requireOrderFor(tx, ctx, link, money, header.partnerId, orderId), amount);
      return {
        header: {
          ...header,
          sourceId: orderId,
          amount: amount.toFixed(2),
          total: amount.toFixed(2),
          paymentTotal: amount.toFixed(2),
        },
        lines: [],
      };
    },

    async audit(tx, ctx, doc) {
      if (doc.header.sourceId) await checkOrderAfterPosting(tx, ctx, check, doc.header, 'audit');
      const posting = advancePosting(money, doc.header.partnerId as string, doc.header.accountId as string, new Decimal(doc.header.total));
      await postLast(tx, ctx.companyId, doc.header.id, posting, postOptions(doc));
    },

    async unaudit(tx, ctx, doc) {
      if (doc.header.sourceId) await checkOrderAfterPosting(tx, ctx, check, doc.header, 'unaudit');
      await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
    },

    async describe(db, _ctx, doc) {
      const orderId = doc.header.sourceId;
      if (!orderId) return { [link.field]: null, orderNumber: null };
      const [order] = await db
        .select({ number: documents.number })
        .from(documents)
        .where(and(eq(documents.companyId, doc.header.companyId), eq(documents.id, orderId)));
      return { [link.field]: orderId, orderNumber: order?.number ?? null };
    },
  };
}
