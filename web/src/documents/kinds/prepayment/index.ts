import type { DocKind } from '../types';

/** 预付款单 (篇三 v): money paid to a supplier ahead, used by later settlements. */
export const prepayment: DocKind = {
  resource: 'prepayments',
  kind: 'prepayment',
  base: '/purchasing/prepayments',
  title: 'page.prepayments',
  name: 'kind.prepayment',
  menu: { module: 'purchasing', order: 50 },
  layout: 'prepayment',
  partner: 'supplier',
  advance: {
    order: 'purchase-orders',
    orderField: 'purchaseOrderId',
    words: { amount: 'prepay.amount', negativeHint: 'prepay.negativeHint', balance: 'settle.prepaidBalance' },
  },
};
