import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDecimal, dec, fmt, lineAmount, parseDecimal, sum } from '../../src/core/decimal.js';

describe('X3 exact decimals', () => {
  it('X3 adds money exactly where binary floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum(['0.10', '0.20']).toFixed(2)).toBe('0.30');
    expect(lineAmount('3', '0.1').toFixed(2)).toBe('0.30');
    expect(lineAmount('1.005', '1').toFixed(2)).toBe('1.01');
  });

  it('X3 rounds half up to the kind’s scale', () => {
    expect(fmt('2.345', 'money')).toBe('2.35');
    expect(fmt('-2.345', 'money')).toBe('-2.35');
    expect(fmt('1.23456', 'price')).toBe('1.2346');
    expect(fmt('7', 'qty')).toBe('7.0000');
  });

  it('X3 accepts only decimal text within the column’s precision', () => {
    expect(checkDecimal('12.50', 'money').ok).toBe(true);
    expect(checkDecimal('12.505', 'money').ok).toBe(false);
    expect(checkDecimal('1e5', 'money').ok).toBe(false);
    expect(checkDecimal('NaN', 'money').ok).toBe(false);
    expect(checkDecimal('', 'money').ok).toBe(false);
    expect(checkDecimal('0x10', 'qty').ok).toBe(false);
    expect(checkDecimal('9999999999999999.99', 'money').ok).toBe(true);
    expect(checkDecimal('99999999999999999.99', 'money').ok).toBe(false);
    expect(checkDecimal('99999999999999.9999', 'price').ok).toBe(true);
    expect(checkDecimal('999999999999999.9999', 'price').ok).toBe(false);
    expect(checkDecimal('-3.25', 'money').ok).toBe(true);
  });

  it('X3 parses every in-range decimal string without loss (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 2 }), (units, scale) => {
        const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        const text = units < 0n ? `-${body}` : body;
        const d = parseDecimal(text);
        expect(d).toBeDefined();
        expect(d?.times(10 ** scale).toFixed(0)).toBe(units.toString());
      }),
    );
  });

  it('X3 sums of cents are exact and order-independent (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 50 }), (cents) => {
        const texts = cents.map((c) => dec(c).div(100).toFixed(2));
        const forward = sum(texts).toFixed(2);
        const backward = sum([...texts].reverse()).toFixed(2);
        const expected = dec(cents.reduce((a, b) => a + b, 0))
          .div(100)
          .toFixed(2);
        expect(forward).toBe(expected);
        expect(backward).toBe(expected);
      }),
    );
  });
});
