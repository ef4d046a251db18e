// S7 退货单: goods a customer sends back. Against delivery lines (never more than was
// delivered and not yet returned; back in at what they cost when they left) or free
// (at the average cost). Audit puts the stock back and lowers the receivable.
import { errors } from '../../core/errors.js';
import { ref } from '../../core/references.js';
import { text } from '../../core/text.js';
import { isApproved, lastApproval } from '../approvals/approvals.service.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { requireEmployee, requireWarehouse } from '../documents/kind-references.js';
import { settlementView } from '../trade/goods-document.js';
import { auditReturn, checkReturnable, type ReturnSource, returnLineInputs, unauditReturn } from '../trade/returns.js';
import { totalsOf } from '../trade/source-lines.js';
import { salesReturnPosting } from './sales.rules.js';
import { buildSalesLines, requireCustomer, salesDocumentSchema } from './sales-lines.js';

export const salesReturnSchema = salesDocumentSchema({ deliveryLineId: ref('salesDeliveryLine').nullable().optional() }).extend({
  deliveryId: ref('salesDelivery').nullable().optional(),
  /** S7 goods checked on arrival: condition noted by the warehouse. */
  inspection: text().trim().max(500).nullable().optional(),
});

const DELIVERY: ReturnSource = {
  kind: 'sales_delivery',
  code: 'DELIVERY',
  partnerCode: 'CUSTOMER',
  zh: '发货单',
  en: 'delivery',
  partnerZh: '客户',
  partnerEn: 'customer',
  lineField: 'deliveryLineId',
  exceedsCode: 'RETURN_EXCEEDS_DELIVERED',
};

export const salesReturnKind: DocumentKind = {
  kind: 'sales_return',
  prefix: 'XT',
  resource: 'sales-returns',
  zh: '销售退货单',
  en: 'Sales return',
  partner: 'customer',
  goods: true,
  createSchema: salesReturnSchema,
  // S7: an inspection that accepts fewer goods keeps the approval; more, or another customer, does not.
  approvalLapse: 'total-grows',

  async build(tx, ctx, body, existing) {
    const b = salesReturnSchema.parse(body);
    await requireCustomer(tx, ctx, b.customerId);
    await requireWarehouse(tx, ctx, b.warehouseId);
    const employeeId = await requireEmployee(tx, ctx, b.employeeId);
    const deliveryId = b.deliveryId ?? null;
    const { inputs, sources: deliveryLines } = await returnLineInputs(DELIVERY, tx, ctx, b, b.customerId, deliveryId);
    const lines = await buildSalesLines(tx, ctx, b.customerId, inputs);
    checkReturnable(DELIVERY, lines, deliveryLines);
    return {
      header: {
        partnerId: b.customerId,
        warehouseId: b.warehouseId,
        employeeId,
        date: b.date,
        remark: b.remark ?? null,
        sourceId: deliveryId,
        extra: { ...((existing?.header.extra ?? {}) as object), inspection: b.inspection ?? null },
        ...totalsOf(lines),
      },
      lines,
    };
  },

  async audit(tx, ctx, doc) {
    // S7: 退货申请 → 审批 → 验货 → 退货单. The goods come back only on an approved request.
    if (!(await isApproved(tx, ctx.companyId, doc.header.id))) {
      throw errors.conflict('RETURN_NOT_APPROVED', `退货单 ${doc.header.number} 尚未审批`, `Return ${doc.header.number} is not approved yet`);
    }
    await auditReturn(DELIVERY, tx, ctx, doc, salesReturnPosting);
  },

  dependants: { settledBy: ['receipt'] },
  unaudit: (tx, ctx, doc) => unauditReturn(tx, ctx, doc),

  async describe(db, ctx, doc) {
    const extra = (doc.header.extra ?? {}) as { inspection?: string | null };
    return {
      ...(await settlementView(db, ctx, doc.header.id)),
      deliveryId: doc.header.sourceId,
      returnKind: doc.header.sourceId ? 'original' : 'free',
      approval: await lastApproval(db, ctx.companyId, doc.header.id),
      inspection: extra.inspection ?? null,
    };
  },
};
