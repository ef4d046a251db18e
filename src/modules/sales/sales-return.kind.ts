// S7 退货单: goods a customer sends back. Against delivery lines (never more than was
// delivered and not yet returned; back in at what they cost when they left) or free
// (at the average cost). Audit puts the stock back and lowers the receivable.
import { z } from '@hono/zod-openapi';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { applyReversal, planReversal, postLast } from '../../ledger/engine.js';
import { closeOpenItem } from '../../ledger/open-items.js';
import { requireEmployee, requireWarehouse } from '../documents/documents.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { proportionalCost } from '../documents/lines.js';
import { applyReturned, goodsDocument, settlementView } from '../purchasing/purchase-bill.kind.js';
import { type SourceLine, sourceLines, totalsOf } from '../purchasing/purchase-lines.js';
import { salesReturnPosting } from './sales.rules.js';
import { buildSalesLines, requireCustomer, salesHeaderSchema } from './sales-lines.js';

export const salesReturnSchema = salesHeaderSchema.extend({
  deliveryId: z.uuid().nullable().optional(),
  /** S7 goods checked on arrival: condition noted by the warehouse. */
  inspection: z.string().trim().max(500).nullable().optional(),
});

function checkDeliveryLine(i: number, src: SourceLine | undefined, customerId: string, warehouseId: string, productId: string, deliveryId: string | null) {
  const at = { field: `lines.${i}.deliveryLineId` };
  if (src?.kind !== 'sales_delivery')
    throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：原发货单行不存在`, `Line ${i + 1}: delivery line does not exist`, at);
  if (deliveryId && src.documentId !== deliveryId)
    throw errors.unprocessable('DELIVERY_LINE_MISMATCH', `第 ${i + 1} 行：不属于所选发货单`, `Line ${i + 1}: not a line of the chosen delivery`, at);
  if (src.status !== 'audited')
    throw errors.conflict('DELIVERY_NOT_AUDITED', `第 ${i + 1} 行：发货单 ${src.number} 未审核`, `Line ${i + 1}: delivery ${src.number} is not audited`, {
      delivery: src.number,
    });
  if (src.partnerId !== customerId)
    throw errors.unprocessable(
      'DELIVERY_CUSTOMER_MISMATCH',
      `第 ${i + 1} 行：发货单 ${src.number} 属于另一个客户`,
      `Line ${i + 1}: delivery ${src.number} is another customer's`,
      at,
    );
  if (src.warehouseId !== warehouseId)
    throw errors.unprocessable('DELIVERY_WAREHOUSE_MISMATCH', `第 ${i + 1} 行：应退回原发货仓库`, `Line ${i + 1}: return into the delivery's warehouse`, {
      field: 'warehouseId',
    });
  if (src.productId !== productId)
    throw errors.unprocessable('DELIVERY_PRODUCT_MISMATCH', `第 ${i + 1} 行：商品与原发货单不一致`, `Line ${i + 1}: product differs from the delivery line`, {
      field: `lines.${i}.productId`,
    });
}

function checkReturnable(lines: { billLineId?: string | null; baseQty: unknown }[], deliveryLines: Map<string, SourceLine>) {
  const wanted = new Map<string, Decimal>();
  for (const l of lines) if (l.billLineId) wanted.set(l.billLineId, (wanted.get(l.billLineId) ?? new Decimal(0)).plus(l.baseQty as string));
  for (const [id, qty] of wanted) {
    const src = deliveryLines.get(id) as SourceLine;
    const room = new Decimal(src.baseQty).minus(src.returnedQty);
    if (qty.gt(room)) {
      throw errors.conflict(
        'RETURN_EXCEEDS_DELIVERED',
        `退货数量超过发货单 ${src.number} 可退数量：可退 ${room.toFixed()}，本单 ${qty.toFixed()}`,
        `Returns more than delivery ${src.number} has left: ${room.toFixed()} returnable, ${qty.toFixed()} requested`,
        {
          delivery: src.number,
          returnable: room.toFixed(),
          requested: qty.toFixed(),
        },
      );
    }
  }
}

export const salesReturnKind: DocumentKind = {
  kind: 'sales_return',
  prefix: 'XT',
  resource: 'sales-returns',
  zh: '销售退货单',
  en: 'Sales return',
  partner: 'customer',
  goods: true,
  createSchema: salesReturnSchema,

  async build(tx, ctx, body, existing) {
    const b = salesReturnSchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const deliveryId = b.deliveryId ?? null;
    if (deliveryId && b.lines.some((l) => !l.deliveryLineId)) {
      throw errors.unprocessable(
        'DELIVERY_LINE_REQUIRED',
        '原单退货的每一行都要对应原发货单行',
        'Every line of a return against a delivery must reference a delivery line',
        { field: 'lines' },
      );
    }
    const deliveryLines = await sourceLines(
      tx,
      ctx,
      b.lines.map((l) => l.deliveryLineId).filter((x): x is string => !!x),
    );
    const inputs = b.lines.map((l, i) => {
      if (!l.deliveryLineId) return { ...l, orderLineId: null };
      const src = deliveryLines.get(l.deliveryLineId);
      checkDeliveryLine(i, src, b.customerId, b.warehouseId, l.productId, deliveryId);
      return {
        ...l,
        orderLineId: null,
        unitId: l.unitId === undefined ? src?.unitId : l.unitId,
        price: l.price ?? src?.price,
        taxRate: l.taxRate ?? src?.taxRate,
        discount: l.discount ?? src?.discount,
      };
    });
    const lines = await buildSalesLines(tx, ctx, b.customerId, inputs);
    checkReturnable(lines, deliveryLines);
    return {
      header: {
        partnerId: b.customerId,
        warehouseId: b.warehouseId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        sourceId: deliveryId,
        // Edits keep an approval already given.
        extra: { ...((existing?.header.extra ?? {}) as object), inspection: b.inspection ?? null },
        ...totalsOf(lines),
      },
      lines,
    };
  },

  async audit(tx, ctx, doc) {
    // S7: 退货申请 → 审批 → 验货 → 退货单. The goods come back only on an approved request.
    if (!((doc.header.extra ?? {}) as { approval?: unknown }).approval) {
      throw errors.conflict('RETURN_NOT_APPROVED', `退货单 ${doc.header.number} 尚未审批`, `Return ${doc.header.number} is not approved yet`);
    }
    const deliveryLines = await sourceLines(
      tx,
      ctx,
      doc.lines.map((l) => l.billLineId).filter((x): x is string => !!x),
      true,
    );
    doc.lines.forEach((l, i) => {
      if (l.billLineId)
        checkDeliveryLine(i, deliveryLines.get(l.billLineId), doc.header.partnerId as string, doc.header.warehouseId as string, l.productId as string, null);
    });
    checkReturnable(doc.lines, deliveryLines);
    const goods = goodsDocument(doc);
    goods.lines = goods.lines.map((g, i) => {
      const src = doc.lines[i].billLineId ? deliveryLines.get(doc.lines[i].billLineId as string) : undefined;
      // Back in at what the goods cost when they were delivered.
      return src?.costAmount ? { ...g, returnCost: proportionalCost(new Decimal(src.costAmount), new Decimal(src.baseQty), g.baseQty) } : g;
    });
    await applyReturned(tx, ctx, doc.lines, deliveryLines, 1);
    // Posted last: the source lines are locked before the partner row, as every posting does.
    await postLast(tx, ctx.companyId, doc.header.id, salesReturnPosting(goods), postOptions(doc));
  },

  async unaudit(tx, ctx, doc) {
    await closeOpenItem(tx, ctx.companyId, doc.header.id, doc.header.number);
    // Stock, then the source lines, then the partner: the order every posting locks in.
    const reversal = await planReversal(tx, ctx.companyId, doc.header.id, doc.settings);
    const deliveryLines = await sourceLines(
      tx,
      ctx,
      doc.lines.map((l) => l.billLineId).filter((x): x is string => !!x),
    );
    await applyReturned(tx, ctx, doc.lines, deliveryLines, -1);
    await applyReversal(tx, ctx.companyId, doc.header.id, reversal);
  },

  async describe(db, ctx, doc) {
    const extra = (doc.header.extra ?? {}) as { approval?: unknown; inspection?: string | null };
    return {
      ...(await settlementView(db, ctx, doc.header.id)),
      deliveryId: doc.header.sourceId,
      returnKind: doc.header.sourceId ? 'original' : 'free',
      approval: extra.approval ?? null,
      inspection: extra.inspection ?? null,
    };
  },
};
