// The largest figures the system records, in one place: each kind of figure is a
// NUMERIC(precision, scale) column of src/db/schema.ts (a test checks every numeric
// column is one of these). Input is refused at the schema beyond them, computed figures
// (quantity × price, a document's total, a stock or partner balance) when they are
// worked out, and a database overflow that still slips through is answered as the
// same refusal (src/http/errors.ts), never as a misleading 500 or "body" error.
export const NUMERIC_LIMITS = {
  /** Amounts, totals, balances and costs. */
  money: { precision: 18, scale: 2 },
  /** Unit prices. */
  price: { precision: 18, scale: 4 },
  /** Quantities, in a line's unit or the base unit. */
  qty: { precision: 18, scale: 4 },
  /** A unit's ratio to the base unit (a qty column), and percents kept in JSON (deposit, tolerance). */
  ratio: { precision: 18, scale: 4 },
  /** A line's tax rate and discount, in percent: NUMERIC(6, 4) holds up to 99.9999. */
  percent: { precision: 6, scale: 4 },
  /** The moving average cost of a product in a warehouse. */
  unitCost: { precision: 20, scale: 6 },
} as const;

export type NumericKind = keyof typeof NUMERIC_LIMITS;

/** Digits before the point. */
export const integerDigits = (kind: NumericKind) => NUMERIC_LIMITS[kind].precision - NUMERIC_LIMITS[kind].scale;

/** The largest value of a NUMERIC(precision, scale), as text: 9999999999999999.99 for money. */
export function largestOf(precision: number, scale: number): string {
  const whole = '9'.repeat(Math.max(precision - scale, 0)) || '0';
  return scale > 0 ? `${whole}.${'9'.repeat(scale)}` : whole;
}

export const largest = (kind: NumericKind) => largestOf(NUMERIC_LIMITS[kind].precision, NUMERIC_LIMITS[kind].scale);

/** The kinds a column of this precision and scale may hold (price, qty and ratio share one shape). */
export function kindsOf(precision: number, scale: number): NumericKind[] {
  return (Object.keys(NUMERIC_LIMITS) as NumericKind[]).filter((k) => NUMERIC_LIMITS[k].precision === precision && NUMERIC_LIMITS[k].scale === scale);
}

/** Chinese and English names of each kind, for refusals. */
export const KIND_NAMES: Record<NumericKind, { zh: string; en: string }> = {
  money: { zh: '金额', en: 'amount' },
  price: { zh: '单价', en: 'price' },
  qty: { zh: '数量', en: 'quantity' },
  ratio: { zh: '比率', en: 'ratio' },
  percent: { zh: '百分比', en: 'percentage' },
  unitCost: { zh: '单位成本', en: 'unit cost' },
};
