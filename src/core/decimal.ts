// Exact decimals for money, prices and quantities. Values travel as strings in JSON
// and as NUMERIC in SQL; in code they are Decimal. A JS number never holds money.
import DecimalJs from 'decimal.js';
import { integerDigits, largest, NUMERIC_LIMITS, type NumericKind } from './limits.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalKind = NumericKind;
/** Scale (digits after the point) of each kind, from the limits of the NUMERIC columns. */
export const SCALE = Object.fromEntries(Object.entries(NUMERIC_LIMITS).map(([k, v]) => [k, v.scale])) as {
  [K in DecimalKind]: (typeof NUMERIC_LIMITS)[K]['scale'];
};
/** Digits before the point its column allows. */
export const INTEGER_DIGITS = integerDigits;

const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/;

/** Parses a decimal string exactly; undefined when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
  const t = text.trim();
  if (!DECIMAL_TEXT.test(t)) return undefined;
  return new Decimal(t);
}

export interface DecimalCheck {
  ok: boolean;
  zh?: string;
  en?: string;
}

/** Checks a decimal string against a kind's precision: digits before and after the point. */
export function checkDecimal(text: string, kind: DecimalKind): DecimalCheck {
  const d = parseDecimal(text);
  if (!d) return { ok: false, zh: '不是有效的数字', en: 'is not a valid decimal number' };
  if (d.decimalPlaces() > SCALE[kind]) {
    return { ok: false, zh: `最多 ${SCALE[kind]} 位小数`, en: `allows at most ${SCALE[kind]} decimal places` };
  }
  if (!fits(d, kind)) return { ok: false, zh: `数值过大（最大 ${largest(kind)}）`, en: `is too large (at most ${largest(kind)})` };
  return { ok: true };
}

/** Whether a figure fits its column (NUMERIC(precision, scale)) once rounded to the kind's scale. */
export function fits(d: Decimal, kind: DecimalKind): boolean {
  return d.abs().toDecimalPlaces(SCALE[kind]).trunc().toFixed(0).replace(/^0$/, '').length <= INTEGER_DIGITS(kind);
}

export function dec(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Rounds to the kind's scale and formats with exactly that many decimals. */
export function fmt(value: Decimal | string, kind: DecimalKind): string {
  return new Decimal(value).toDecimalPlaces(SCALE[kind], Decimal.ROUND_HALF_UP).toFixed(SCALE[kind]);
}

export function sum(values: (Decimal | string)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => acc.plus(v), new Decimal(0));
}

/** amount = qty × price, rounded half-up to cents. */
export function lineAmount(qty: Decimal | string, price: Decimal | string): Decimal {
  return new Decimal(qty).times(price).toDecimalPlaces(SCALE.money, Decimal.ROUND_HALF_UP);
}
