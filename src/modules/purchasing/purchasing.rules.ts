// What each purchasing document posts (篇三 i–vi), as pure functions: a document in,
// ledger entries out. The engine applies them; tests check them without a database.
import type { Posting } from '../../ledger/engine.js';
import type { GoodsDocument } from '../trade/trade.rules.js';

/** P3 审核进货单: stock in at the line amount (before tax), payable up by the total, an open item due after the supplier's payment days. */
export function purchaseBillPosting(doc: GoodsDocument): Posting {
  return {
    stock: doc.lines.map((l) => ({ lineId: l.id, productId: l.productId, warehouseId: doc.warehouseId, qty: l.baseQty, cost: l.amount })),
    partner: [{ partnerId: doc.partnerId, account: 'payable', amount: doc.total }],
    cash: [],
    openItems: [{ partnerId: doc.partnerId, account: 'payable', amount: doc.total, date: doc.date, dueDaysFrom: 'supplier' }],
  };
}

/** P7 进货退回: stock out (original cost or average), payable down by the total, a negative open item. */
export function purchaseReturnPosting(doc: GoodsDocument): Posting {
  return {
    stock: doc.lines.map((l) => ({ lineId: l.id, productId: l.productId, warehouseId: doc.warehouseId, qty: l.baseQty.negated(), cost: l.returnCost })),
    partner: [{ partnerId: doc.partnerId, account: 'payable', amount: doc.total.negated() }],
    cash: [],
    openItems: [{ partnerId: doc.partnerId, account: 'payable', amount: doc.total.negated(), date: doc.date }],
  };
}
