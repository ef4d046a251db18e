// S8 收款单 and 预收款: receipts settle a customer's open deliveries (returns count
// negative) into a settlement account, optionally using its advance; what the receipt
// total leaves over becomes an advance receipt (预收款), which may go negative. They are
// the purchasing side's settlement and prepayment, collecting instead of paying.
import { advanceKind } from '../trade/advance.kind.js';
import { settlementKind } from '../trade/settlement.kind.js';
import { COLLECTING } from '../trade/trade.rules.js';
import { requireCustomer } from './sales-lines.js';
import type { SalesOrderExtra } from './sales-order.kind.js';
import { confirmedReceived } from './tracking.rules.js';

export const receiptKind = settlementKind({
  kind: 'receipt',
  prefix: 'SK',
  resource: 'receipts',
  zh: '收款单',
  en: 'Receipt',
  partner: 'customer',
  fields: { partner: 'customerId', total: 'receiptTotal', used: 'advanceUsed' },
  money: COLLECTING,
  requirePartner: requireCustomer,
});

export const advanceReceiptKind = advanceKind({
  kind: 'advance_receipt',
  prefix: 'YS',
  resource: 'advance-receipts',
  zh: '预收款单',
  en: 'Advance receipt',
  partner: 'customer',
  partnerField: 'customerId',
  money: COLLECTING,
  requirePartner: requireCustomer,
  order: {
    field: 'salesOrderId',
    kind: 'sales_order',
    zh: '销售订单',
    en: 'Sales order',
    confirmed: (order) => confirmedReceived(((order.extra ?? {}) as SalesOrderExtra).production),
  },
});
