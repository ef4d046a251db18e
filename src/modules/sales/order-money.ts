// S4 "confirmed by finance" is money: 确认订金 and 确认全款 state how much the order has
// been paid in all, and that figure must stand on audited advance receipts (预收款) naming
// the order. Finance either names one (or the cashier already made them), or gives the
// settlement account and the shortfall is received now: an advance receipt created and
// audited through the documents service and the posting engine like any other, in the
// same transaction as the confirmation, under the order's lock. A second click finds the
// money already there and receives nothing twice.
import { and, eq, ne } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { officeToday } from '../../core/office-day.js';
import type { Tx } from '../../db/database.js';
import { documents } from '../../db/schema.js';
import { within } from '../../db/transaction.js';
import type { RequestContext } from '../auth/auth.service.js';
import { auditDocument, createDocument } from '../documents/documents.service.js';
import type { LoadedDocument } from '../documents/documents.types.js';
import { paidAheadFor } from '../trade/advance-orders.js';
import { advanceReceiptKind } from './receipt.kind.js';
import type { MoneyConfirmed, Signed } from './tracking.rules.js';

export interface MoneyConfirmationBody {
  /** What the order has been paid in all once confirmed. */
  amount: string;
  /** An audited advance receipt for this order that the confirmation rests on. */
  advanceReceiptId?: string;
  /** Where the shortfall is received now (an advance receipt is made and audited). */
  accountId?: string;
  /** The date of that receipt; the office's today when omitted. */
  date?: string;
  /** Full payment only: the shortfall is collected by the driver on delivery (S6). */
  collectOnDelivery?: boolean;
}

const WHAT = {
  deposit: { zh: '订金', en: 'deposit', code: 'DEPOSIT_NOT_RECEIVED' },
  payment: { zh: '全款', en: 'full payment', code: 'PAYMENT_NOT_RECEIVED' },
} as const;

async function requireAdvanceReceiptFor(tx: Tx, ctx: RequestContext, order: LoadedDocument, id: string) {
  const [r] = await tx
    .select({ id: documents.id, number: documents.number, status: documents.status, sourceId: documents.sourceId })
    .from(documents)
    .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, id), eq(documents.kind, advanceReceiptKind.kind), ne(documents.status, 'deleted')));
  if (!r) throw errors.referenceNotFound('advanceReceiptId', { zh: '预收款单不存在', en: 'Advance receipt not found' });
  if (r.sourceId !== order.header.id) {
    throw errors.unprocessable(
      'ADVANCE_RECEIPT_NOT_FOR_ORDER',
      `预收款单 ${r.number} 不是订单 ${order.header.number} 的订金（请在预收款单上选择该订单）`,
      `Advance receipt ${r.number} is not for order ${order.header.number} (name the order on the receipt)`,
      { field: 'advanceReceiptId', number: r.number },
    );
  }
  if (r.status !== 'audited') {
    throw errors.conflict('ADVANCE_RECEIPT_NOT_AUDITED', `预收款单 ${r.number} 未审核，款项未入账`, `Advance receipt ${r.number} is not audited`, {
      field: 'advanceReceiptId',
      number: r.number,
    });
  }
}

/**
 * Proves (or makes) the money behind a confirmation; the order is locked by the caller.
 * Returns the record to sign. The amount was checked against the order already.
 */
export async function confirmOrderMoney(
  tx: Tx,
  ctx: RequestContext,
  order: LoadedDocument,
  body: MoneyConfirmationBody,
  what: keyof typeof WHAT,
  who: Signed,
): Promise<MoneyConfirmed> {
  const names = WHAT[what];
  const amount = new Decimal(body.amount);
  if (body.advanceReceiptId) await requireAdvanceReceiptFor(tx, ctx, order, body.advanceReceiptId);
  let received = await paidAheadFor(tx, ctx, advanceReceiptKind.kind, order.header.id);
  const shortfall = amount.minus(received);
  let receiptId: string | null = null;
  let onDelivery: string | undefined;
  if (shortfall.gt(0) && body.accountId) {
    // Receiving money is the cashier's right as well as confirming it.
    for (const p of ['advance-receipts:create', 'advance-receipts:audit'] as const) if (!ctx.permissions.has(p)) throw errors.forbidden(p);
    const inTx: RequestContext = { ...ctx, db: within(ctx.db, tx) };
    const receipt = await createDocument(inTx, advanceReceiptKind, {
      customerId: order.header.partnerId,
      salesOrderId: order.header.id,
      accountId: body.accountId,
      date: body.date ?? officeToday(),
      amount: shortfall.toFixed(2),
      remark: `${names.zh}：${order.header.number}`,
    });
    receiptId = receipt.id as string;
    await auditDocument(inTx, advanceReceiptKind, receiptId, true);
    received = received.plus(shortfall);
  } else if (shortfall.gt(0) && what === 'payment' && body.collectOnDelivery) {
    onDelivery = shortfall.toFixed(2);
  } else if (shortfall.gt(0)) {
    throw errors.unprocessable(
      names.code,
      `订单 ${order.header.number} 已收款 ${received.toFixed(2)}，少于确认的${names.zh} ${amount.toFixed(2)}：请选择收款账户收取差额 ${shortfall.toFixed(2)}，或先开具该订单的预收款单`,
      `Order ${order.header.number} has received ${received.toFixed(2)}, less than the ${names.en} ${amount.toFixed(2)}: choose the account that receives the ${shortfall.toFixed(2)} missing, or make the order's advance receipt first`,
      { field: 'accountId', received: received.toFixed(2), amount: amount.toFixed(2), shortfall: shortfall.toFixed(2) },
    );
  }
  const receipts = await tx
    .select({ id: documents.id, number: documents.number, amount: documents.total })
    .from(documents)
    .where(
      and(
        eq(documents.companyId, ctx.companyId),
        eq(documents.kind, advanceReceiptKind.kind),
        eq(documents.sourceId, order.header.id),
        eq(documents.status, 'audited'),
      ),
    )
    .orderBy(documents.number);
  return {
    ...who,
    amount: amount.toFixed(2),
    received: received.toFixed(2),
    advanceReceipts: receipts,
    receiptId,
    ...(onDelivery ? { onDelivery } : {}),
  };
}
