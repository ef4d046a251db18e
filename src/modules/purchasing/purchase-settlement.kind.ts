// P8/P9 进货结算: pay a supplier from a settlement account, optionally use the prepaid
// balance, allocate to open bills (returns count negative). Payable falls by what is
// settled (付款合计); whatever the payment total (付款总额) leaves over becomes prepayment.
import { requireSupplier } from '../documents/kind-references.js';
import { settlementKind } from '../trade/settlement.kind.js';
import { PAYING } from '../trade/trade.rules.js';

export const purchaseSettlementKind = settlementKind({
  kind: 'purchase_settlement',
  prefix: 'JJ',
  resource: 'purchase-settlements',
  zh: '进货结算单',
  en: 'Purchase settlement',
  partner: 'supplier',
  fields: { partner: 'supplierId', total: 'paymentTotal', used: 'prepaymentUsed' },
  money: PAYING,
  requirePartner: (db, ctx, id) => requireSupplier(db, ctx, id, false),
});
