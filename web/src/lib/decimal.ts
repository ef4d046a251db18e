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
