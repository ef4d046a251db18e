import type { DocKind } from '../types';

/** 收款单 (篇二): money from a customer, allocated to its deliveries and returns. */
export const receipt: DocKind = {
  resource: 'receipts',
  kind: 'receipt',
  base: '/sales/receipts',
  title: 'page.receipts',
  name: 'kind.receipt',
  menu: { module: 'sales', order: 40 },
  layout: 'settlement',
  partner: 'customer',
  settlement: {
    allocates: { positive: 'sales_delivery', negative: 'sales_return' },
    words: {
      payableBalance: 'rcpt.receivableBalance',
      prepaidBalance: 'rcpt.advanceBalance',
      paymentTotal: 'rcpt.receiptTotal',
      prepaymentUsed: 'rcpt.advanceUsed',
      settledTotal: 'rcpt.settledTotal',
      surplus: 'rcpt.surplus',
      returnsNegative: 'rcpt.returnsNegative',
      confirmNoAllocation: 'rcpt.confirmNoAllocation',
    },
    body: { paymentTotal: 'receiptTotal', prepaymentUsed: 'advanceUsed' },
  },
};
