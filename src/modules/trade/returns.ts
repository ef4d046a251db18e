// Returns against source lines, on both sides of the trade: 进货退回 against the lines of
// audited purchase bills (P7) and 退货单 against the lines of audited deliveries (S7).
// Never more than the source line has left to return; back at what the goods cost on it
// (原单退回), or at the average cost when free (非原单退回).
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import type { Executor } from '../../db/database.js';
import { applyReversal, type Posting, planReversal, postLast } from '../../ledger/engine.js';
import { closeOpenItem } from '../../ledger/open-items.js';
import type { RequestContext } from '../auth/auth.service.js';
import { type LoadedDocument, type PostingDocument, postOptions } from '../documents/documents.types.js';
import { lineFigures, proportionalCost } from '../documents/lines.js';
import { goodsDocument } from './goods-document.js';
import { applyToOrders } from './order-lines.js';
import { completedFromSource, type SourceLine, sourceLines } from './source-lines.js';

/** What a return goes back to, in codes and words. */
export interface ReturnSource {
  /** The source document's kind. */
  kind: 'purchase_bill' | 'sales_delivery';
  /** Error codes start with it: BILL_… / DELIVERY_…. */
  code: 'BILL' | 'DELIVERY';
  /** The partner in codes: …_SUPPLIER_MISMATCH / …_CUSTOMER_MISMATCH. */
  partnerCode: 'SUPPLIER' | 'CUSTOMER';
  zh: '进货单' | '发货单';
  en: 'bill' | 'delivery';
  partnerZh: '供应商' | '客户';
  partnerEn: 'supplier' | 'customer';
  /** The body's field for a line's source line. */
  lineField: 'billLineId' | 'deliveryLineId';
  /** Refused when more is returned than is left. */
  exceedsCode: 'RETURN_EXCEEDS_RECEIVED' | 'RETURN_EXCEEDS_DELIVERED';
}

/** A return line's source line must be of an audited source of this partner, warehouse and product. */
function checkSourceLine(
  s: ReturnSource,
  i: number,
  src: SourceLine | undefined,
  partnerId: string,
  warehouseId: string,
  productId: string,
  sourceId: string | null,
) {
  const n = i + 1;
  const at = { field: `lines.${i}.${s.lineField}` };
  if (src?.kind !== s.kind) throw errors.unprocessable('REFERENCE_NOT_FOUND', `第 ${n} 行：原${s.zh}行不存在`, `Line ${n}: ${s.en} line does not exist`, at);
  if (sourceId && src.documentId !== sourceId)
    throw errors.unprocessable(`${s.code}_LINE_MISMATCH`, `第 ${n} 行：不属于所选${s.zh}`, `Line ${n}: not a line of the chosen ${s.en}`, at);
  if (src.status !== 'audited')
    throw errors.conflict(
      `${s.code}_NOT_AUDITED`,
      `第 ${n} 行：${s.zh} ${src.number} 未审核，不能原单退回`,
      `Line ${n}: ${s.en} ${src.number} is not audited`,
      {
        [s.en]: src.number,
      },
    );
  if (src.partnerId !== partnerId)
    throw errors.unprocessable(
      `${s.code}_${s.partnerCode}_MISMATCH`,
      `第 ${n} 行：${s.zh} ${src.number} 属于另一个${s.partnerZh}`,
      `Line ${n}: ${s.en} ${src.number} is another ${s.partnerEn}'s`,
      at,
    );
  if (src.warehouseId !== warehouseId)
    throw errors.unprocessable(`${s.code}_WAREHOUSE_MISMATCH`, `第 ${n} 行：仓库应与原${s.zh}一致`, `Line ${n}: the warehouse must be the ${s.en}'s`, {
      field: 'warehouseId',
    });
  if (src.productId !== productId)
    throw errors.unprocessable(`${s.code}_PRODUCT_MISMATCH`, `第 ${n} 行：商品与原${s.zh}不一致`, `Line ${n}: product differs from the ${s.en} line`, {
      field: `lines.${i}.productId`,
    });
}

interface ReturnLineBody {
  productId: string;
  unitId?: string | null;
  price?: string;
  taxRate?: string;
  discount?: string;
}

/**
 * A return's lines as the body gives them, each checked against its source line and
 * completed from it (unit, price, tax, discount), with the source lines themselves. A
 * return against one chosen source (`sourceId`) must reference a line of it on every line.
 */
export async function returnLineInputs<L extends ReturnLineBody>(
  s: ReturnSource,
  tx: Executor,
  ctx: RequestContext,
  body: { lines: L[]; warehouseId: string },
  partnerId: string,
  sourceId: string | null,
) {
  const ref = (l: L) => (l as unknown as Record<string, string | null | undefined>)[s.lineField];
  if (sourceId && body.lines.some((l) => !ref(l))) {
    throw errors.unprocessable(
      `${s.code}_LINE_REQUIRED`,
      `原单退回的每一行都要对应原${s.zh}行`,
      `Every line of a return against a ${s.en} must reference a ${s.en} line`,
      { field: 'lines' },
    );
  }
  const sources = await sourceLines(
    tx,
    ctx,
    body.lines.map(ref).filter((x): x is string => !!x),
  );
  const inputs = body.lines.map((l, i) => {
    const id = ref(l);
    if (!id) return { ...l, orderLineId: null };
    const src = sources.get(id);
    checkSourceLine(s, i, src, partnerId, body.warehouseId, l.productId, sourceId);
    return { ...completedFromSource(l, src), orderLineId: null };
  });
  return { inputs, sources };
}

type ReturnLine = { billLineId?: string | null; qty?: unknown; baseQty: unknown; total?: unknown; unitRatio?: unknown };

/**
 * Never return more than the source line has left to return (P7, S7), nor for more money
 * than the source line's price gives for that quantity: a return at 3,000 of goods bought
 * at 2,600 would take 400 the supplier never had. Compared as money, in any unit, with the
 * source's discount and tax, rounded as the return line is. A lower price (an allowance
 * agreed) is the clerk's call.
 */
export function checkReturnable(s: ReturnSource, lines: ReturnLine[], sources: Map<string, SourceLine>) {
  lines.forEach((l, i) => {
    const src = l.billLineId ? sources.get(l.billLineId) : undefined;
    if (!src) return;
    const unitRatio = new Decimal((l.unitRatio as string | undefined) ?? 1);
    const atSourcePrice = lineFigures({
      qty: new Decimal((l.qty as string | undefined) ?? (l.baseQty as string)),
      unitRatio,
      price: new Decimal(src.price).div(src.unitRatio).times(unitRatio),
      discount: new Decimal(src.discount),
      taxRate: new Decimal(src.taxRate),
    }).total;
    if (new Decimal(l.total as string).gt(atSourcePrice)) {
      const unitPrice = new Decimal(src.price)
        .div(src.unitRatio)
        .times((l.unitRatio as string | undefined) ?? 1)
        .toFixed(2);
      throw errors.unprocessable(
        'RETURN_PRICE_ABOVE_SOURCE',
        `第 ${i + 1} 行：退货金额 ${new Decimal(l.total as string).toFixed(2)} 高于按原${s.zh} ${src.number} 单价 ${unitPrice} 计算的 ${atSourcePrice.toFixed(2)}`,
        `Line ${i + 1}: the return's ${new Decimal(l.total as string).toFixed(2)} is above ${atSourcePrice.toFixed(2)} at ${s.en} ${src.number}'s price of ${unitPrice}`,
        { field: `lines.${i}.price`, [s.en]: src.number, price: unitPrice, limit: atSourcePrice.toFixed(2) },
      );
    }
  });
  const wanted = new Map<string, Decimal>();
  for (const l of lines) if (l.billLineId) wanted.set(l.billLineId, (wanted.get(l.billLineId) ?? new Decimal(0)).plus(l.baseQty as string));
  for (const [id, qty] of wanted) {
    const src = sources.get(id) as SourceLine;
    const room = new Decimal(src.baseQty).minus(src.returnedQty);
    if (qty.gt(room)) {
      throw errors.conflict(
        s.exceedsCode,
        `退货数量超过${s.zh} ${src.number} 可退数量：可退 ${room.toFixed()}，本单 ${qty.toFixed()}`,
        `Returns more than ${s.en} ${src.number} has left to return: ${room.toFixed()} returnable, ${qty.toFixed()} requested`,
        { [s.en]: src.number, [s.lineField]: id, returnable: room.toFixed(), requested: qty.toFixed() },
      );
    }
  }
}

/** The source lines a return's lines reference (locked when auditing). */
const sourcesOf = (tx: Executor, ctx: RequestContext, doc: LoadedDocument, lock = false) =>
  sourceLines(
    tx,
    ctx,
    doc.lines.map((l) => l.billLineId).filter((x): x is string => !!x),
    lock,
  );

/**
 * Audits a return: its lines checked again under lock, the goods back at what they cost
 * on their source line, the returned quantities raised on source and order lines, then
 * the posting — last, so the source lines are locked before the partner row, as every
 * posting does.
 */
export async function auditReturn(
  s: ReturnSource,
  tx: Executor,
  ctx: RequestContext,
  doc: PostingDocument,
  posting: (goods: ReturnType<typeof goodsDocument>) => Posting,
) {
  const sources = await sourcesOf(tx, ctx, doc, true);
  doc.lines.forEach((l, i) => {
    if (l.billLineId)
      checkSourceLine(s, i, sources.get(l.billLineId), doc.header.partnerId as string, doc.header.warehouseId as string, l.productId as string, null);
  });
  checkReturnable(s, doc.lines, sources);
  const goods = goodsDocument(doc);
  goods.lines = goods.lines.map((g, i) => {
    const src = doc.lines[i].billLineId ? sources.get(doc.lines[i].billLineId as string) : undefined;
    return src?.costAmount ? { ...g, returnCost: proportionalCost(new Decimal(src.costAmount), new Decimal(src.baseQty), g.baseQty) } : g;
  });
  await applyReturned(tx, ctx, doc.lines, sources, 1);
  await postLast(tx, ctx.companyId, doc.header.id, posting(goods), postOptions(doc));
}

/** Un-audits a return: stock, then the source lines, then the partner — the order every posting locks in. */
export async function unauditReturn(tx: Executor, ctx: RequestContext, doc: PostingDocument) {
  await closeOpenItem(tx, ctx.companyId, doc.header.id, doc.header.number);
  const reversal = await planReversal(tx, ctx.companyId, doc.header.id, doc.settings);
  await applyReturned(tx, ctx, doc.lines, await sourcesOf(tx, ctx, doc), -1);
  await applyReversal(tx, ctx.companyId, doc.header.id, reversal);
}
/**
 * A return's quantities (sign +1 on audit, −1 on un-audit): on the bill or delivery lines
 * it returns against, and on the order lines those received them.
 */
export async function applyReturned(
  tx: Executor,
  ctx: RequestContext,
  lines: { billLineId: string | null; baseQty: string }[],
  sources: Map<string, SourceLine>,
  sign: 1 | -1,
) {
  await applyToOrders(
    tx,
    ctx,
    lines.map((l) => ({ orderLineId: l.billLineId, baseQty: l.baseQty })),
    sign,
    'returnedQty',
  );
  await applyToOrders(
    tx,
    ctx,
    lines.filter((l) => l.billLineId).map((l) => ({ orderLineId: sources.get(l.billLineId as string)?.orderLineId ?? null, baseQty: l.baseQty })),
    sign,
    'returnedQty',
  );
}
