import { decAdd, decDiv, decMul, decRound, decSub, decSum, isNumeric } from '../lib/decimal';

/**
 * A line's figures exactly as the server computes them (purchase-lines.ts lineFigures):
 * baseQty = qty × ratio (4 places), amount = qty × price (2), tax = amount × rate / 100 (2),
 * total = amount + tax. Strings in, strings out; null while qty or price is not a number.
 */
export interface LineInput {
  qty?: unknown;
  price?: unknown;
  taxRate?: unknown;
  unitRatio?: unknown;
  /** percent off (sales): amount = qty × price × (100 − discount) / 100 */
  discount?: unknown;
}

export interface LineFigures {
  baseQty: string;
  amount: string;
  taxAmount: string;
  total: string;
}

const text = (v: unknown) => (v == null ? '' : String(v));

export function lineFigures(l: LineInput): LineFigures | null {
  const qty = text(l.qty);
  const price = text(l.price);
  if (!isNumeric(qty) || !isNumeric(price)) return null;
  const rate = isNumeric(text(l.taxRate)) ? text(l.taxRate) : '0';
  const ratio = isNumeric(text(l.unitRatio)) ? text(l.unitRatio) : '1';
  const disc = isNumeric(text(l.discount)) ? text(l.discount) : '0';
  const gross = decMul(qty, price);
  const amount = disc === '0' || /^0*(\.0*)?$/.test(disc) ? decRound(gross, 2) : (decDiv(decMul(gross, decSub('100', disc)), '100', 2) ?? '0.00');
  const taxAmount = decDiv(decMul(amount, rate), '100', 2) ?? '0.00';
  return { baseQty: decRound(decMul(qty, ratio), 4), amount, taxAmount, total: decAdd(amount, taxAmount) };
}

export interface DocTotals {
  totalQty: string;
  amount: string;
  taxAmount: string;
  total: string;
}

export function documentTotals(lines: LineInput[]): DocTotals {
  const figures = lines.map((l) => ({ qty: text(l.qty), f: lineFigures(l) }));
  return {
    totalQty: decSum(figures.map((x) => (isNumeric(x.qty) ? x.qty : '0'))),
    amount: decRound(decSum(figures.map((x) => x.f?.amount)), 2),
    taxAmount: decRound(decSum(figures.map((x) => x.f?.taxAmount)), 2),
    total: decRound(decSum(figures.map((x) => x.f?.total)), 2),
  };
}
