/**
 * Decimals travel as strings ("12.50") end to end: the UI validates their shape
 * and never turns them into JS numbers (X3: no binary floats for money).
 */
export function isDecimalString(s: string, scale = 6, signed = false): boolean {
  const re = new RegExp(`^${signed ? '-?' : ''}\\d+(\\.\\d{1,${scale}})?$`);
  return re.test(s);
}

/** Accepts what clerks type: spaces, a full-width point or digits, a leading "." */
export function normalizeDecimalInput(s: string): string {
  let v = s.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  v = v.replace(/[。．]/g, '.').replace(/,/g, '');
  if (v.startsWith('.')) v = `0${v}`;
  if (v.startsWith('-.')) v = `-0${v.slice(1)}`;
  return v;
}

export function isIntString(s: string, signed = false): boolean {
  return (signed ? /^-?\d+$/ : /^\d+$/).test(s);
}

/**
 * For display: drop trailing zeros the database pads with ("1500.0000" → "1500.00"
 * with minScale 2, "3.0000" → "3" with 0). Pure string work, no floats.
 */
export function trimDecimal(s: string, minScale = 0): string {
  const m = /^(-?\d+)\.(\d+)$/.exec(s);
  if (!m) return s;
  let frac = m[2] ?? '';
  while (frac.length > minScale && frac.endsWith('0')) frac = frac.slice(0, -1);
  return frac ? `${m[1]}.${frac}` : (m[1] ?? s);
}

/** Canonical form for comparisons: "12.500" ≡ "12.5", "-0.00" ≡ "0". */
export function canonicalDecimal(s: string): string {
  const v = normalizeDecimalInput(s);
  if (!/^-?\d+(\.\d+)?$/.test(v)) return v;
  let [int = '0', frac = ''] = v.replace(/^-/, '').split('.');
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const neg = v.startsWith('-') && (int !== '0' || frac !== '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Thousands separators for list cells ("1234567.50" → "1,234,567.50"). */
export function groupThousands(s: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return `${m[1]}${(m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

// ---- Exact arithmetic ------------------------------------------------------------
// Scaled BigInts: "12.50" is 1250n at scale 2. Inputs are decimal strings (what the API
// sends and what clerks type); outputs are plain decimal strings. Rounding is half up
// (away from zero), the same as the server's Decimal.ROUND_HALF_UP.

interface Scaled {
  n: bigint;
  s: number;
}

const TEN = 10n;
const pow10 = (k: number) => TEN ** BigInt(k);

/** A decimal string as a scaled integer; null when it is not a number ("", "abc", "1.2.3"). */
function parse(v: string | null | undefined): Scaled | null {
  if (v == null) return null;
  const t = normalizeDecimalInput(String(v));
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(`${m[2]}${frac}` || '0');
  return { n: m[1] ? -n : n, s: frac.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.n * pow10(s - a.s), b.n * pow10(s - b.s), s];
}

function format({ n, s }: Scaled): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (s > 0) {
    digits = digits.padStart(s + 1, '0');
    digits = `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  }
  return neg && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** Rounds half away from zero to `scale` places. */
function roundScaled(a: Scaled, scale: number): Scaled {
  if (a.s <= scale) return { n: a.n * pow10(scale - a.s), s: scale };
  const div = pow10(a.s - scale);
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return { n: neg ? -q : q, s: scale };
}

/** True when the text is a number we can compute with. */
export function isNumeric(v: string | null | undefined): boolean {
  return parse(v) !== null;
}

/** Empty or invalid text counts as zero. */
const orZero = (v: string | null | undefined): Scaled => parse(v) ?? { n: 0n, s: 0 };

export function decAdd(a: string | null | undefined, b: string | null | undefined): string {
  const [x, y, s] = align(orZero(a), orZero(b));
  return format({ n: x + y, s });
}

export function decSub(a: string | null | undefined, b: string | null | undefined): string {
  const [x, y, s] = align(orZero(a), orZero(b));
  return format({ n: x - y, s });
}

/** Exact product (scale = sum of scales). */
export function decMul(a: string | null | undefined, b: string | null | undefined): string {
  const x = orZero(a);
  const y = orZero(b);
  return format({ n: x.n * y.n, s: x.s + y.s });
}

/** a ÷ b rounded half up to `scale` places; null when b is zero. */
export function decDiv(a: string | null | undefined, b: string | null | undefined, scale: number): string | null {
  const x = orZero(a);
  const y = orZero(b);
  if (y.n === 0n) return null;
  // a/b = (x.n / 10^x.s) / (y.n / 10^y.s); compute at scale+1 extra digits, then round.
  const extra = scale + 1;
  const num = x.n * pow10(y.s + extra);
  const den = y.n * pow10(x.s);
  const q = num / den; // truncated toward zero at scale+1 places
  // Exact remainder matters only at the rounding digit: half-up on the (scale+1)th digit.
  return format(roundScaled({ n: q, s: extra }, scale));
}

/** Half-up rounding to exactly `scale` places ("2.345", 2 → "2.35"; "7", 2 → "7.00"). */
export function decRound(a: string | null | undefined, scale: number): string {
  return format(roundScaled(orZero(a), scale));
}

export function decCmp(a: string | null | undefined, b: string | null | undefined): -1 | 0 | 1 {
  const [x, y] = align(orZero(a), orZero(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export const decIsZero = (a: string | null | undefined) => orZero(a).n === 0n;
export const decIsNeg = (a: string | null | undefined) => orZero(a).n < 0n;
export const decNeg = (a: string | null | undefined) => decSub('0', a);
export const decAbs = (a: string | null | undefined) => (decIsNeg(a) ? decNeg(a) : format(orZero(a)));
export const decMin = (a: string, b: string) => (decCmp(a, b) <= 0 ? a : b);
export const decMax = (a: string, b: string) => (decCmp(a, b) >= 0 ? a : b);

export function decSum(values: (string | null | undefined)[]): string {
  return values.reduce<string>((t, v) => decAdd(t, v), '0');
}

/** Money for display: 2 places, thousands grouped ("1234.5" → "1,234.50"). */
export function fmtMoney(v: string | null | undefined): string {
  if (v == null || v === '' || !isNumeric(v)) return '';
  return groupThousands(decRound(v, 2));
}

/** Quantity for display: padding zeros trimmed, thousands grouped ("1500.0000" → "1,500"). */
export function fmtQty(v: string | null | undefined): string {
  if (v == null || v === '' || !isNumeric(v)) return '';
  return groupThousands(trimDecimal(decRound(v, 4)));
}

/** Unit price for display: at least 2 places, at most 4. */
export function fmtPrice(v: string | null | undefined): string {
  if (v == null || v === '' || !isNumeric(v)) return '';
  return groupThousands(trimDecimal(decRound(v, 4), 2));
}
