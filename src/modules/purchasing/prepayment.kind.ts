// P9 预付款: money paid to a supplier before the goods come. May be negative (a refund
// or a correction); a supplier's prepaid balance may go below zero.
import { z } from '@hono/zod-openapi';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { postLast, unpost } from '../../ledger/engine.js';
import { requireAccount, requireEmployee, requireSupplier } from '../documents/documents.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { decimalSchema } from '../masterdata/fields.js';
import { prepaymentPosting } from './purchasing.rules.js';

export const prepaymentSchema = z.object({
  supplierId: z.uuid(),
  accountId: z.uuid(),
  date: z.iso.date(),
  amount: decimalSchema('money', false),
  employeeId: z.uuid().nullable().optional(),
  remark: z.string().trim().max(500).nullable().optional(),
});

export const prepaymentKind: DocumentKind = {
  kind: 'prepayment',
  prefix: 'YF',
  resource: 'prepayments',
  zh: '预付款单',
  en: 'Prepayment',
  partner: 'supplier',
  createSchema: prepaymentSchema,

  async build(tx, ctx, body) {
    const b = prepaymentSchema.parse(body);
    await requireSupplier(tx, ctx, b.supplierId, false);
    await requireAccount(tx, ctx, b.accountId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const amount = new Decimal(b.amount);
    if (amount.isZero()) throw errors.unprocessable('AMOUNT_ZERO', '预付款金额不能为 0', 'The amount must not be zero', { field: 'amount' });
    return {
      header: {
        partnerId: b.supplierId,
        accountId: b.accountId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        amount: amount.toFixed(2),
        total: amount.toFixed(2),
        paymentTotal: amount.toFixed(2),
      },
      lines: [],
    };
  },

  async audit(tx, ctx, doc) {
    const posting = prepaymentPosting(doc.header.partnerId as string, doc.header.accountId as string, new Decimal(doc.header.total));
    await postLast(tx, ctx.companyId, doc.header.id, posting, postOptions(doc));
  },

  async unaudit(tx, ctx, doc) {
    await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
  },
};
