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
