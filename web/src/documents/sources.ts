import { decCmp, decDiv, decMul, decSub, trimDecimal } from '../lib/decimal';
import type { DocLine, DocView } from './api';
import type { Line } from './lineCells';

/** The product a document line names, as a form line carries it (code, name, dimensions, base unit). */
export function productOf(
  l: DocLine,
): Pick<Line, 'productId' | 'productCode' | 'productName' | 'spec' | 'series' | 'colour' | 'size' | 'packagesPerUnit' | 'baseUnit'> {
  return {
    productId: l.productId ?? undefined,
    productCode: l.productCode,
    productName: l.productName,
    spec: l.spec,
    series: l.series ?? null,
    colour: l.colour,
    size: l.size,
    packagesPerUnit: l.packagesPerUnit ?? null,
    baseUnit: l.baseUnit,
  };
}

/**
 * A line pulled from an order (生成进货单 / 选择订单) or a bill (原单退回): what is still
 * open there, in the source line's unit when it divides exactly, else in the base unit
 * (3 件 open of a 50-件 box line becomes 3 件 at the per-件 price).
 */
function sourceLine(l: DocLine, openBase: string, number: string, ref: Pick<Line, 'orderLineId' | 'billLineId'>): Line {
  let unitId = l.unitId ?? '';
  let unitName = l.unitName ?? l.baseUnit;
  let ratio = l.unitRatio || '1';
  let price = l.price;
  let qty = decDiv(openBase, ratio, 4);
  if (qty === null || decCmp(decMul(qty, ratio), openBase) !== 0) {
    unitId = '';
    unitName = l.baseUnit;
    qty = openBase;
    price = decDiv(l.price, ratio, 4) ?? l.price;
    ratio = '1';
  }
  return {
    ...productOf(l),
    unitId,
    unitName,
    unitRatio: ratio,
    qty: trimDecimal(qty),
    price: trimDecimal(price, 2),
    taxRate: trimDecimal(l.taxRate),
    priceTyped: true,
    srcNumber: number,
    srcOpen: openBase,
    remark: '',
    orderLineId: null,
    billLineId: null,
    ...ref,
  };
}

/** P2: the open lines of an audited order, each defaulting to its open quantity. */
export function linesFromOrder(order: DocView): Line[] {
  const open = new Map((order.openLines ?? []).map((o) => [o.lineId, o.openQty]));
  return order.lines.flatMap((l) => {
    const openBase = open.get(l.id) ?? '0';
    return decCmp(openBase, '0') > 0 ? [sourceLine(l, openBase, order.number, { orderLineId: l.id })] : [];
  });
}

/** P7: the lines of an audited bill that can still go back (received − returned). */
export function linesFromBill(bill: DocView): Line[] {
  return bill.lines.flatMap((l) => {
    const returnable = decSub(l.baseQty, l.returnedQty);
    return decCmp(returnable, '0') > 0 ? [sourceLine(l, returnable, bill.number, { billLineId: l.id })] : [];
  });
}
