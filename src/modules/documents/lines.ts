// Line arithmetic shared by every goods document: base quantity, amount, tax, total.
// Prices are before tax; the tax rate is a percentage ("13" = 13%).
import { Decimal, SCALE } from '../../core/decimal.js';

export interface PricedLine {
  qty: Decimal;
  unitRatio: Decimal;
  price: Decimal;
  taxRate: Decimal;
  /** Percent off (sales); absent: none. */
  discount?: Decimal;
}

export interface LineFigures {
  baseQty: Decimal;
  amount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
}

export function lineFigures(l: PricedLine): LineFigures {
  const baseQty = l.qty.times(l.unitRatio).toDecimalPlaces(SCALE.qty, Decimal.ROUND_HALF_UP);
  const gross = l.qty.times(l.price);
  const amount = (l.discount && !l.discount.isZero() ? gross.times(new Decimal(100).minus(l.discount)).div(100) : gross).toDecimalPlaces(
    SCALE.money,
    Decimal.ROUND_HALF_UP,
  );
  const taxAmount = amount.times(l.taxRate).div(100).toDecimalPlaces(SCALE.money, Decimal.ROUND_HALF_UP);
  return { baseQty, amount, taxAmount, total: amount.plus(taxAmount) };
}

export interface DocumentTotals {
  totalQty: Decimal;
  amount: Decimal;
  taxAmount: Decimal;
  total: Decimal;
}

export function documentTotals(lines: (LineFigures & { qty: Decimal })[]): DocumentTotals {
  const zero = new Decimal(0);
  return lines.reduce<DocumentTotals>(
    (t, l) => ({
      totalQty: t.totalQty.plus(l.qty),
      amount: t.amount.plus(l.amount),
      taxAmount: t.taxAmount.plus(l.taxAmount),
      total: t.total.plus(l.total),
    }),
    { totalQty: zero, amount: zero, taxAmount: zero, total: zero },
  );
}

/** Cost of returning `qty` of a received line that cost `lineCost` for `lineQty`. */
export function proportionalCost(lineCost: Decimal, lineQty: Decimal, qty: Decimal): Decimal {
  if (lineQty.isZero()) return new Decimal(0);
  return lineCost.times(qty).div(lineQty).toDecimalPlaces(SCALE.money, Decimal.ROUND_HALF_UP);
}
