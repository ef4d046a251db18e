// The document kinds' words, each from its folder, for the dictionary (i18n/messages.ts).
import { messagesEn as advanceReceiptEn, messagesZh as advanceReceiptZh } from './advance-receipt/messages';
import { messagesEn as prepaymentEn, messagesZh as prepaymentZh } from './prepayment/messages';
import { messagesEn as purchaseBillEn, messagesZh as purchaseBillZh } from './purchase-bill/messages';
import { messagesEn as purchaseOrderEn, messagesZh as purchaseOrderZh } from './purchase-order/messages';
import { messagesEn as purchaseReturnEn, messagesZh as purchaseReturnZh } from './purchase-return/messages';
import { messagesEn as purchaseSettlementEn, messagesZh as purchaseSettlementZh } from './purchase-settlement/messages';
import { messagesEn as receiptEn, messagesZh as receiptZh } from './receipt/messages';
import { messagesEn as salesDeliveryEn, messagesZh as salesDeliveryZh } from './sales-delivery/messages';
import { messagesEn as salesOrderEn, messagesZh as salesOrderZh } from './sales-order/messages';
import { messagesEn as salesReturnEn, messagesZh as salesReturnZh } from './sales-return/messages';

export const kindsZh = {
  ...advanceReceiptZh,
  ...prepaymentZh,
  ...purchaseBillZh,
  ...purchaseOrderZh,
  ...purchaseReturnZh,
  ...purchaseSettlementZh,
  ...receiptZh,
  ...salesDeliveryZh,
  ...salesOrderZh,
  ...salesReturnZh,
} as const;

export const kindsEn: Record<keyof typeof kindsZh, string> = {
  ...advanceReceiptEn,
  ...prepaymentEn,
  ...purchaseBillEn,
  ...purchaseOrderEn,
  ...purchaseReturnEn,
  ...purchaseSettlementEn,
  ...receiptEn,
  ...salesDeliveryEn,
  ...salesOrderEn,
  ...salesReturnEn,
};
