// Lines pulled from an order, on both sides of the trade: a purchase bill receives the
// lines of audited purchase orders (P3), a delivery ships the lines of audited sales
// orders (S5). Never from a closed or finished order, another partner's, or another
// product, and never more than the order has open (plus the company's tolerance).
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { SourceLine } from './purchase-lines.js';
import { orderLineReceivable } from './purchasing.rules.js';

/** What a document pulls its lines from, in codes and words. */
export interface OrderSource {
  kind: 'purchase_order' | 'sales_order';
  zh: '进货订单' | '销售订单';
  en: 'purchase order' | 'sales order';
  /** The partner in codes: ORDER_SUPPLIER_MISMATCH / ORDER_CUSTOMER_MISMATCH. */
  partnerCode: 'SUPPLIER' | 'CUSTOMER';
  partnerZh: '供应商' | '客户';
  partnerEn: 'supplier' | 'customer';
  /** An order with nothing left: 已全部入库 / 已全部发货. */
  doneZh: string;
  /** What is left to pull, and the word for pulling it: 未入库数量 / 可入, 未发数量 / 可发. */
  openZh: string;
  roomZh: string;
  /** The pulling document in English: bill / delivery. */
  docEn: 'bill' | 'delivery';
}

/** A line's order line must be of an open order of this partner, for the same product. */
export function checkOrderLine(s: OrderSource, i: number, src: SourceLine | undefined, partnerId: string, productId: string) {
  const n = i + 1;
  const at = { field: `lines.${i}.orderLineId` };
  if (src?.kind !== s.kind) throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${n} 行：订单行不存在`, `Line ${n}: order line does not exist`, at);
  if (src.status === 'closed')
    throw errors.conflict('ORDER_CLOSED', `第 ${n} 行：${s.zh} ${src.number} 已关闭`, `Line ${n}: ${s.en} ${src.number} is closed`, { order: src.number });
  if (!['audited', 'partial'].includes(src.status)) {
    throw errors.conflict(
      'ORDER_NOT_OPEN',
      `第 ${n} 行：${s.zh} ${src.number} ${src.status === 'completed' ? s.doneZh : '未审核'}`,
      `Line ${n}: ${s.en} ${src.number} is ${src.status}`,
      { order: src.number, status: src.status },
    );
  }
  if (src.partnerId !== partnerId)
    throw errors.unprocessable(
      `ORDER_${s.partnerCode}_MISMATCH`,
      `第 ${n} 行：订单 ${src.number} 属于另一个${s.partnerZh}`,
      `Line ${n}: order ${src.number} is another ${s.partnerEn}'s`,
      { ...at, order: src.number },
    );
  if (src.productId !== productId)
    throw errors.unprocessable('ORDER_PRODUCT_MISMATCH', `第 ${n} 行：商品与订单行不一致`, `Line ${n}: product differs from the order line`, {
      field: `lines.${i}.productId`,
    });
}

/** No order line gives more than it has open, plus the tolerance (P3 receiving, S5 delivering). */
export function checkOrderRoom(
  s: OrderSource,
  lines: { orderLineId?: string | null; baseQty: unknown }[],
  orderLines: Map<string, SourceLine>,
  tolerancePct: Decimal,
) {
  const wanted = new Map<string, Decimal>();
  for (const l of lines) if (l.orderLineId) wanted.set(l.orderLineId, (wanted.get(l.orderLineId) ?? new Decimal(0)).plus(l.baseQty as string));
  for (const [id, qty] of wanted) {
    const src = orderLines.get(id) as SourceLine;
    const room = orderLineReceivable(
      { baseQty: new Decimal(src.baseQty), receivedQty: new Decimal(src.receivedQty), returnedQty: new Decimal(src.returnedQty) },
      tolerancePct,
    );
    if (qty.gt(room)) {
      throw errors.conflict(
        'ORDER_QTY_EXCEEDED',
        `超过订单 ${src.number} ${s.openZh}：${s.roomZh} ${room.toFixed()}，本单 ${qty.toFixed()}`,
        `Exceeds the open quantity of order ${src.number}: ${room.toFixed()} open, ${qty.toFixed()} on this ${s.docEn}`,
        { order: src.number, orderLineId: id, open: room.toFixed(), requested: qty.toFixed() },
      );
    }
  }
}
