import { and, eq } from 'drizzle-orm';
import { ref } from '../../core/references.js';
import { documents } from '../../db/schema.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { requireEmployee, requireSupplier, requireWarehouse } from '../documents/kind-references.js';
import { settlementView } from '../trade/goods-document.js';
import { auditReturn, checkReturnable, type ReturnSource, returnLineInputs, unauditReturn } from '../trade/returns.js';
import { totalsOf } from '../trade/source-lines.js';
import { buildPurchaseLines, purchaseDocumentSchema } from './purchase-lines.js';
import { purchaseReturnPosting } from './purchasing.rules.js';

export const purchaseReturnSchema = purchaseDocumentSchema({ billLineId: ref('purchaseBillLine').nullable().optional() }).extend({
  billId: ref('purchaseBill').nullable().optional(),
});

const BILL: ReturnSource = {
  kind: 'purchase_bill',
  code: 'BILL',
  partnerCode: 'SUPPLIER',
  zh: '进货单',
  en: 'bill',
  partnerZh: '供应商',
  partnerEn: 'supplier',
  lineField: 'billLineId',
  exceedsCode: 'RETURN_EXCEEDS_RECEIVED',
};

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
    const { inputs, sources: billLines } = await returnLineInputs(BILL, tx, ctx, b, b.supplierId, billId);
    const lines = await buildPurchaseLines(tx, ctx, b.supplierId, inputs);
    checkReturnable(BILL, lines, billLines);
    return {
      header: { partnerId: b.supplierId, warehouseId: b.warehouseId, employeeId, date: b.date, remark: b.remark ?? null, sourceId: billId, ...totalsOf(lines) },
      lines,
    };
  },

  audit: (tx, ctx, doc) => auditReturn(BILL, tx, ctx, doc, purchaseReturnPosting),
  dependants: { settledBy: ['purchase_settlement'] },
  unaudit: (tx, ctx, doc) => unauditReturn(tx, ctx, doc),

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
