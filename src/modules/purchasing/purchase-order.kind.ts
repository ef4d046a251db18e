// P1 进货订单: the start of purchasing. Posts nothing; audited orders are what bills
// receive against, and each line tracks what was received and returned.
import { Decimal } from '../../core/decimal.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { requireEmployee, requireSupplier, requireWarehouse } from '../documents/kind-references.js';
import { advancesNaming, guardOrderWithAdvances, paidAheadFor } from '../trade/advance-orders.js';
import { totalsOf } from '../trade/source-lines.js';
import { orderLineOpen } from '../trade/trade.rules.js';
import { buildPurchaseLines, purchaseHeaderSchema } from './purchase-lines.js';

const advances = guardOrderWithAdvances('prepayment', '预付款单', 'prepayments');

export const purchaseOrderKind: DocumentKind = {
  kind: 'purchase_order',
  prefix: 'JD',
  resource: 'purchase-orders',
  zh: '进货订单',
  en: 'Purchase order',
  partner: 'supplier',
  isOrder: true,
  createSchema: purchaseHeaderSchema,

  async build(tx, ctx, body, existing) {
    const b = purchaseHeaderSchema.parse(body);
    await requireSupplier(tx, ctx, b.supplierId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const lines = await buildPurchaseLines(
      tx,
      ctx,
      b.supplierId,
      b.lines.map((l) => ({ ...l, orderLineId: null, billLineId: null })),
    );
    const totals = totalsOf(lines);
    await advances.checkEdit(tx, ctx, existing?.header, { partnerId: b.supplierId, total: totals.total as string });
    return {
      header: { partnerId: b.supplierId, warehouseId: b.warehouseId, employeeId, date: b.date, remark: b.remark ?? null, ...totals },
      lines,
    };
  },

  async audit() {
    // An order commits nothing to stock or money; auditing releases it for receiving.
  },

  // Un-auditing an order (P1) is refused while a bill was pulled from it (blockers.ts);
  // otherwise it only releases the order back to editing.
  dependants: { pulledBy: ['purchase_bill'] },
  async unaudit() {},

  beforeDelete: advances.beforeDelete,

  async describe(db, ctx, doc) {
    const paid = await paidAheadFor(db, ctx, 'prepayment', doc.header.id);
    return {
      // P9 订金 paid to the supplier for this order (prepayments naming it), and what is left.
      depositPaid: paid.toFixed(2),
      depositPayments: await advancesNaming(db, ctx, 'prepayment', doc.header.id),
      balanceToPay: Decimal.max(new Decimal(doc.header.total).minus(paid), 0).toFixed(2),
      openLines: doc.lines.map((l) => ({
        lineId: l.id,
        openQty: orderLineOpen({ baseQty: new Decimal(l.baseQty), receivedQty: new Decimal(l.receivedQty), returnedQty: new Decimal(l.returnedQty) }).toFixed(),
      })),
    };
  },
};
