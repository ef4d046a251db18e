import type { DocKind } from '../types';

/** 付款结算单 (篇三 iv): a payment to a supplier, allocated to its bills and returns. */
export const purchaseSettlement: DocKind = {
  resource: 'purchase-settlements',
  kind: 'purchase_settlement',
  base: '/purchasing/settlements',
  title: 'page.purchaseSettlements',
  name: 'kind.purchase_settlement',
  menu: { module: 'purchasing', order: 40 },
  layout: 'settlement',
  partner: 'supplier',
  settlement: {
    allocates: { positive: 'purchase_bill', negative: 'purchase_return' },
    words: {
      payableBalance: 'settle.payableBalance',
      prepaidBalance: 'settle.prepaidBalance',
      paymentTotal: 'settle.paymentTotal',
      prepaymentUsed: 'settle.prepaymentUsed',
      settledTotal: 'settle.settledTotal',
      surplus: 'settle.surplus',
      returnsNegative: 'settle.returnsNegative',
      confirmNoAllocation: 'settle.confirmNoAllocation',
    },
    body: { paymentTotal: 'paymentTotal', prepaymentUsed: 'prepaymentUsed' },
  },
};
