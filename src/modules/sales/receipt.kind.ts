// S8 收款单 and 预收款: receipts settle a customer's open deliveries (returns count
// negative) into a settlement account, optionally using its advance; what the receipt
// total leaves over becomes an advance receipt (预收款), which may go negative.
import { z } from '@hono/zod-openapi';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { lockPartnerBalances, postLast, unpost } from '../../ledger/engine.js';
import { changeSettled, lockOpenItems, readOpenItems } from '../../ledger/open-items.js';
import { requireAccount, requireEmployee } from '../documents/documents.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { decimalSchema } from '../masterdata/fields.js';
import { checkPrepaidUse, documentNumbers, inputOf, itemsFor, problemError } from '../purchasing/purchase-settlement.kind.js';
import { COLLECTING, planSettlement } from '../purchasing/purchasing.rules.js';
import { advanceReceiptPosting } from './sales.rules.js';
import { requireCustomer } from './sales-lines.js';
import { customerBalances } from './sales-order.kind.js';

export const receiptSchema = z.object({
  customerId: z.uuid(),
  accountId: z.uuid(),
  date: z.iso.date(),
  /** 收款总额: received now into the account. */
  receiptTotal: decimalSchema('money', true),
  /** Advance balance used to settle. */
  advanceUsed: decimalSchema('money', true).optional(),
  allocations: z
    .array(z.object({ documentId: z.uuid(), amount: decimalSchema('money', true) }))
    .max(2000)
    .default([]),
  employeeId: z.uuid().nullable().optional(),
  remark: z.string().trim().max(500).nullable().optional(),
});

export const receiptKind: DocumentKind = {
  kind: 'receipt',
  prefix: 'SK',
  resource: 'receipts',
  zh: '收款单',
  en: 'Receipt',
  partner: 'customer',
  createSchema: receiptSchema,

  async build(tx, ctx, body) {
    const b = receiptSchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireAccount(tx, ctx, b.accountId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const input = {
      paymentTotal: new Decimal(b.receiptTotal),
      prepaymentUsed: new Decimal(b.advanceUsed ?? '0'),
      allocations: b.allocations.map((a) => ({ documentId: a.documentId, amount: new Decimal(a.amount) })),
    };
    const items = await readOpenItems(
      tx,
      ctx.companyId,
      input.allocations.map((a) => a.documentId),
    );
    const planned = planSettlement(b.customerId, b.accountId, input, itemsFor(items, b.customerId, 'receivable'), COLLECTING);
    if (!planned.ok)
      throw problemError(
        planned.problem,
        await documentNumbers(
          tx,
          ctx,
          input.allocations.map((a) => a.documentId),
        ),
      );
    checkPrepaidUse(input.prepaymentUsed, (await customerBalances(tx, ctx, b.customerId)).advance);
    const changes = new Map(planned.plan.itemChanges.map((c) => [c.documentId, c.change]));
    const settled = planned.plan.settled.toFixed(2);
    return {
      header: {
        partnerId: b.customerId,
        accountId: b.accountId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        paymentTotal: input.paymentTotal.toFixed(2),
        prepaymentUsed: input.prepaymentUsed.toFixed(2),
        amount: settled,
        total: settled,
      },
      lines: input.allocations.map((a) => ({
        refDocumentId: a.documentId,
        amount: (changes.get(a.documentId) as Decimal).toFixed(2),
        total: a.amount.toFixed(2),
      })),
    };
  },

  async audit(tx, ctx, doc) {
    const input = inputOf(doc);
    const customerId = doc.header.partnerId as string;
    const locked = await lockOpenItems(
      tx,
      ctx.companyId,
      input.allocations.map((a) => a.documentId),
    );
    const planned = planSettlement(customerId, doc.header.accountId as string, input, itemsFor(locked, customerId, 'receivable'), COLLECTING);
    if (!planned.ok)
      throw problemError(
        planned.problem,
        await documentNumbers(
          tx,
          ctx,
          input.allocations.map((a) => a.documentId),
        ),
      );
    // Under lock: two receipts racing must not both spend the same advance.
    checkPrepaidUse(input.prepaymentUsed, (await lockPartnerBalances(tx, ctx.companyId, customerId)).get('advance') ?? new Decimal(0));
    await changeSettled(tx, ctx.companyId, planned.plan.itemChanges);
    await postLast(tx, ctx.companyId, doc.header.id, planned.plan.posting, postOptions(doc));
  },

  async unaudit(tx, ctx, doc) {
    await lockOpenItems(
      tx,
      ctx.companyId,
      doc.lines.map((l) => l.refDocumentId as string),
    );
    await changeSettled(
      tx,
      ctx.companyId,
      doc.lines.map((l) => ({ documentId: l.refDocumentId as string, change: new Decimal(l.amount).negated() })),
    );
    await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
  },

  async describe(db, ctx, doc) {
    const numbers = await documentNumbers(
      db,
      ctx,
      doc.lines.map((l) => l.refDocumentId as string),
    );
    const input = inputOf(doc);
    const settled = new Decimal(doc.header.total);
    return {
      receiptTotal: doc.header.paymentTotal,
      advanceUsed: doc.header.prepaymentUsed,
      settled: settled.toFixed(2),
      surplus: input.paymentTotal.plus(input.prepaymentUsed).minus(settled).toFixed(2),
      allocations: doc.lines.map((l) => ({
        documentId: l.refDocumentId,
        number: numbers.get(l.refDocumentId as string) ?? null,
        amount: l.total,
        signedAmount: l.amount,
      })),
    };
  },
};

export const advanceReceiptSchema = z.object({
  customerId: z.uuid(),
  accountId: z.uuid(),
  date: z.iso.date(),
  amount: decimalSchema('money', false),
  employeeId: z.uuid().nullable().optional(),
  remark: z.string().trim().max(500).nullable().optional(),
});

export const advanceReceiptKind: DocumentKind = {
  kind: 'advance_receipt',
  prefix: 'YS',
  resource: 'advance-receipts',
  zh: '预收款单',
  en: 'Advance receipt',
  partner: 'customer',
  createSchema: advanceReceiptSchema,

  async build(tx, ctx, body) {
    const b = advanceReceiptSchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireAccount(tx, ctx, b.accountId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const amount = new Decimal(b.amount);
    if (amount.isZero()) throw errors.unprocessable('AMOUNT_ZERO', '预收款金额不能为 0', 'The amount must not be zero', { field: 'amount' });
    return {
      header: {
        partnerId: b.customerId,
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
    await postLast(
      tx,
      ctx.companyId,
      doc.header.id,
      advanceReceiptPosting(doc.header.partnerId as string, doc.header.accountId as string, new Decimal(doc.header.total)),
      postOptions(doc),
    );
  },

  async unaudit(tx, ctx, doc) {
    await unpost(tx, ctx.companyId, doc.header.id, doc.settings);
  },
};
