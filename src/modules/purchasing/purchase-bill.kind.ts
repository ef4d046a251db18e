import { Decimal } from '../../core/decimal.js';
import { ref } from '../../core/references.js';
import { applyReversal, planReversal, postLast } from '../../ledger/engine.js';
import { closeOpenItem } from '../../ledger/open-items.js';
import { blockedNow } from '../documents/blockers.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { requireEmployee, requireSupplier, requireWarehouse } from '../documents/kind-references.js';
import { getSettings, tolerance } from '../settings/settings.service.js';
import { goodsDocument, settlementView } from '../trade/goods-document.js';
import { applyToOrders, checkNamedOrder, checkOrderRoom, type OrderSource, pullFromOrders, takeFromOrders } from '../trade/order-lines.js';
import { totalsOf } from '../trade/source-lines.js';
import { buildPurchaseLines, purchaseDocumentSchema } from './purchase-lines.js';
import { purchaseBillPosting } from './purchasing.rules.js';

export const purchaseBillSchema = purchaseDocumentSchema({ orderLineId: ref('purchaseOrderLine').nullable().optional() }).extend({
  orderId: ref('purchaseOrder').nullable().optional(),
});

const PURCHASE_ORDER: OrderSource = {
  kind: 'purchase_order',
  zh: '进货订单',
  en: 'purchase order',
  partnerCode: 'SUPPLIER',
  partnerZh: '供应商',
  partnerEn: 'supplier',
  doneZh: '已全部入库',
  openZh: '未入库数量',
  roomZh: '可入',
  docEn: 'bill',
};

export const purchaseBillKind: DocumentKind = {
  kind: 'purchase_bill',
  prefix: 'JH',
  resource: 'purchase-bills',
  zh: '进货单',
  en: 'Purchase bill',
  partner: 'supplier',
  goods: true,
  createSchema: purchaseBillSchema,

  async build(tx, ctx, body) {
    const b = purchaseBillSchema.parse(body);
    await requireSupplier(tx, ctx, b.supplierId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    // Lines pulled from an order take its unit, price and tax unless the clerk changed them.
    const { orderLines, inputs } = await pullFromOrders(tx, ctx, PURCHASE_ORDER, b.supplierId, b.lines);
    const lines = await buildPurchaseLines(
      tx,
      ctx,
      b.supplierId,
      inputs.map((l) => ({ ...l, billLineId: null })),
    );
    checkOrderRoom(PURCHASE_ORDER, lines, orderLines, tolerance(await getSettings(tx, ctx.companyId)));
    await checkNamedOrder(tx, ctx, PURCHASE_ORDER, b.orderId, b.supplierId);
    const orderId = b.orderId ?? [...orderLines.values()][0]?.documentId ?? null;
    return {
      header: {
        partnerId: b.supplierId,
        warehouseId: b.warehouseId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        sourceId: orderId,
        ...totalsOf(lines),
      },
      lines,
    };
  },

  async audit(tx, ctx, doc) {
    await takeFromOrders(tx, ctx, PURCHASE_ORDER, doc);
    await postLast(tx, ctx.companyId, doc.header.id, purchaseBillPosting(goodsDocument(doc)), postOptions(doc));
  },

  dependants: { returnedBy: ['purchase_return'], settledBy: ['purchase_settlement'] },

  async unaudit(tx, ctx, doc) {
    // The dependants were named before this (blockers.ts); a quantity returned since is still refused.
    if (doc.lines.some((l) => new Decimal(l.returnedQty).gt(0))) throw await blockedNow(tx, ctx, purchaseBillKind, doc.header);
    await closeOpenItem(tx, ctx.companyId, doc.header.id, doc.header.number);
    // Stock, then the order's lines, then the partner: the order every posting locks in.
    const reversal = await planReversal(tx, ctx.companyId, doc.header.id, doc.settings);
    await applyToOrders(tx, ctx, doc.lines, -1, 'receivedQty');
    await applyReversal(tx, ctx.companyId, doc.header.id, reversal);
  },

  describe: (db, ctx, doc) => settlementView(db, ctx, doc.header.id),
};
