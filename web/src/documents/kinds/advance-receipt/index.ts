import type { DocKind } from '../types';

/** 预收款单: money a customer pays ahead, used by later receipts. */
export const advanceReceipt: DocKind = {
  resource: 'advance-receipts',
  kind: 'advance_receipt',
  base: '/sales/advances',
  title: 'page.advanceReceipts',
  name: 'kind.advance_receipt',
  menu: { module: 'sales', order: 50 },
  layout: 'prepayment',
  partner: 'customer',
  advance: {
    order: 'sales-orders',
    orderField: 'salesOrderId',
    words: { amount: 'advance.amount', negativeHint: 'advance.negativeHint', balance: 'rcpt.advanceBalance' },
  },
};
