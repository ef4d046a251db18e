// P9 预付款: money paid to a supplier before the goods come, optionally for a purchase
// order (订金). The kind is the trade layer's advance document on the paying side.
import { requireSupplier } from '../documents/kind-references.js';
import { advanceKind } from '../trade/advance.kind.js';
import { PAYING } from '../trade/trade.rules.js';

export const prepaymentKind = advanceKind({
  kind: 'prepayment',
  prefix: 'YF',
  resource: 'prepayments',
  zh: '预付款单',
  en: 'Prepayment',
  partner: 'supplier',
  partnerField: 'supplierId',
  money: PAYING,
  requirePartner: (db, ctx, id) => requireSupplier(db, ctx, id, false),
  order: { field: 'purchaseOrderId', kind: 'purchase_order', zh: '进货订单', en: 'Purchase order' },
});
