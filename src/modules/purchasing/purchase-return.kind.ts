// P7 进货退回: 原单退回 (lines reference the lines of audited bills: never more than was
// received and not yet returned, out at the original cost) and 非原单退回 (free: out at
// the current average cost). Audit lowers stock and payable.
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { documents } from '../../db/schema.js';
import { applyReversal, planReversal, postLast } from '../../ledger/engine.js';
import { closeOpenItem } from '../../ledger/open-items.js';
import { requireEmployee, requireSupplier, requireWarehouse } from '../documents/documents.service.js';
import { type DocumentKind, postOptions } from '../documents/documents.types.js';
import { proportionalCost } from '../documents/lines.js';
import { applyReturned, goodsDocument, settlementView } from './purchase-bill.kind.js';
import { buildPurchaseLines, purchaseHeaderSchema, type SourceLine, sourceLines, totalsOf } from './purchase-lines.js';
import { purchaseReturnPosting } from './purchasing.rules.js';

export const purchaseReturnSchema = purchaseHeaderSchema.extend({ billId: z.uuid().nullable().optional() });

function checkBillLine(i: number, src: SourceLine | undefined, supplierId: string, warehouseId: string, productId: string, billId: string | null) {
  const at = { field: `lines.${i}.billLineId` };
  if (src?.kind !== 'purchase_bill')
    throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${i + 1} 行：原进货单行不存在`, `Line ${i + 1}: bill line does not exist`, at);
  if (billId && src.documentId !== billId)
    throw errors.unprocessable('BILL_LINE_MISMATCH', `第 ${i + 1} 行：不属于所选进货单`, `Line ${i + 1}: not a line of the chosen bill`, at);
  if (src.status !== 'audited')
    throw errors.conflict('BILL_NOT_AUDITED', `第 ${i + 1} 行：进货单 ${src.number} 未审核，不能原单退回`, `Line ${i + 1}: bill ${src.number} is not audited`, {
      bill: src.number,
    });
  if (src.partnerId !== supplierId)
    throw errors.unprocessable(
      'BILL_SUPPLIER_MISMATCH',
      `第 ${i + 1} 行：进货单 ${src.number} 属于另一个供应商`,
      `Line ${i + 1}: bill ${src.number} is another supplier's`,
      at,
    );
  if (src.warehouseId !== warehouseId)
    throw errors.unprocessable('BILL_WAREHOUSE_MISMATCH', `第 ${i + 1} 行：应从原进货仓库退货`, `Line ${i + 1}: return from the bill's warehouse`, {
      field: 'warehouseId',
    });
  if (src.productId !== productId)
    throw errors.unprocessable('BILL_PRODUCT_MISMATCH', `第 ${i + 1} 行：商品与原单不一致`, `Line ${i + 1}: product differs from the bill line`, {
      field: `lines.${i}.productId`,
    });
}

/** Never return more than was received and not yet returned (P7). */
function checkReturnable(lines: { billLineId?: string | null; baseQty: unknown }[], billLines: Map<string, SourceLine>) {
  const wanted = new Map<string, Decimal>();
  for (const l of lines) if (l.billLineId) wanted.set(l.billLineId, (wanted.get(l.billLineId) ?? new Decimal(0)).plus(l.baseQty as string));
  for (const [id, qty] of wanted) {
    const src = billLines.get(id) as SourceLine;
    const room = new Decimal(src.baseQty).minus(src.returnedQty);
    if (qty.gt(room)) {
      throw errors.conflict(
        'RETURN_EXCEEDS_RECEIVED',
        `退货数量超过进货单 ${src.number} 可退数量：可退 ${room.toFixed()}，本单 ${qty.toFixed()}`,
        `Returns more than bill ${src.number} has left to return: ${room.toFixed()} returnable, ${qty.toFixed()} requested`,
        { bill: src.number, billLineId: id, returnable: room.toFixed(), requested: qty.toFixed() },
      );
    }
  }
}

export const purchaseReturnKind: DocumentKind = {
  kind: 'purchase_return',
  prefix: 'JT',
  resource: 'purchase-returns',
  zh: '进货退回单',
  en: 'Purchase return',
  partner: 'supplier',
  goods: true,
  createSchema: purchaseReturnSchema,

  async build(tx, ctx, body) {
    const b = purchaseReturnSchema.parse(body);
    await requireSupplier(tx, ctx, b.supplierId, false);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const billId = b.billId ?? null;
    if (billId && b.lines.some((l) => !l.billLineId)) {
      throw errors.unprocessable(
        'BILL_LINE_REQUIRED',
        '原单退回的每一行都要对应原进货单行',
        'Every line of an original-bill return must reference a bill line',
        { field: 'lines' },
      );
    }
    const billLines = await sourceLines(
      tx,
      ctx,
      b.lines.map((l) => l.billLineId).filter((x): x is string => !!x),
    );
    const inputs = b.lines.map((l, i) => {
      if (!l.billLineId) return { ...l, orderLineId: null };
      const src = billLines.get(l.billLineId);
      checkBillLine(i, src, b.supplierId, b.warehouseId, l.productId, billId);
      return {
        ...l,
        orderLineId: null,
        unitId: l.unitId === undefined ? src?.unitId : l.unitId,
        price: l.price ?? src?.price,
        taxRate: l.taxRate ?? src?.taxRate,
      };
    });
    const lines = await buildPurchaseLines(tx, ctx, b.supplierId, inputs);
    checkReturnable(lines, billLines);
    return {
      header: { partnerId: b.supplierId, warehouseId: b.warehouseId, employeeId, date: b.date, remark: b.remark ?? null, sourceId: billId, ...totalsOf(lines) },
      lines,
    };
  },

  async audit(tx, ctx, doc) {
    const billLineIds = doc.lines.map((l) => l.billLineId).filter((x): x is string => !!x);
    const billLines = await sourceLines(tx, ctx, billLineIds, true);
    doc.lines.forEach((l, i) => {
      if (l.billLineId)
        checkBillLine(i, billLines.get(l.billLineId), doc.header.partnerId as string, doc.header.warehouseId as string, l.productId as string, null);
    });
    checkReturnable(doc.lines, billLines);
    const goods = goodsDocument(doc);
    goods.lines = goods.lines.map((g, i) => {
      const billLineId = doc.lines[i].billLineId;
      const src = billLineId ? billLines.get(billLineId) : undefined;
      // 原单退回 goes out at what those goods cost when they came in.
      return src?.costAmount ? { ...g, returnCost: proportionalCost(new Decimal(src.costAmount), new Decimal(src.baseQty), g.baseQty) } : g;
    });
    // Returned quantities: on the bill lines, and on the PO lines those bills received.
    await applyReturned(tx, ctx, doc.lines, billLines, 1);
    // Posted last: the source lines are locked before the partner row, as every posting does.
    await postLast(tx, ctx.companyId, doc.header.id, purchaseReturnPosting(goods), postOptions(doc));
  },

  async unaudit(tx, ctx, doc) {
    await closeOpenItem(tx, ctx.companyId, doc.header.id, doc.header.number);
    // Stock, then the source lines, then the partner: the order every posting locks in.
    const reversal = await planReversal(tx, ctx.companyId, doc.header.id, doc.settings);
    const billLines = await sourceLines(
      tx,
      ctx,
      doc.lines.map((l) => l.billLineId).filter((x): x is string => !!x),
    );
    await applyReturned(tx, ctx, doc.lines, billLines, -1);
    await applyReversal(tx, ctx.companyId, doc.header.id, reversal);
  },

  async describe(db, ctx, doc) {
    const view = await settlementView(db, ctx, doc.header.id);
    let billNumber: string | null = null;
    if (doc.header.sourceId) {
      const [b] = await db
        .select({ number: documents.number })
        .from(documents)
        .where(and(eq(documents.companyId, ctx.companyId), eq(documents.id, doc.header.sourceId)));
      billNumber = b?.number ?? null;
    }
    return { ...view, billId: doc.header.sourceId, billNumber, returnKind: doc.header.sourceId ? 'original' : 'free' };
  },
};
