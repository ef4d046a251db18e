import { describe, expect, it } from 'vitest';
import { decAdd, decCmp, decDiv, decMul, decRound, decSub, decSum, fmtMoney, fmtPrice, fmtQty, isNumeric } from './decimal';

describe('X3 exact decimal strings in the browser', () => {
  it('adds and subtracts without binary floats', () => {
    expect(decAdd('0.1', '0.2')).toBe('0.3');
    expect(decSub('2530.00', '316.00')).toBe('2214.00');
    expect(decSub('1', '1.5')).toBe('-0.5');
    expect(decSum(['0.10', '0.20', '', null, '-0.30'])).toBe('0.00');
  });

  it('multiplies exactly and rounds half away from zero', () => {
    expect(decMul('3', '0.1')).toBe('0.3');
    expect(decRound(decMul('1.005', '1'), 2)).toBe('1.01');
    expect(decRound('2.345', 2)).toBe('2.35');
    expect(decRound('-2.345', 2)).toBe('-2.35');
    expect(decRound('7', 4)).toBe('7.0000');
    expect(decRound('-0.001', 2)).toBe('0.00');
  });

  it('divides to a scale, rounding half up', () => {
    expect(decDiv('1400', '50', 4)).toBe('28.0000');
    expect(decDiv('10', '3', 4)).toBe('3.3333');
    expect(decDiv('20', '3', 4)).toBe('6.6667');
    expect(decDiv('-20', '3', 2)).toBe('-6.67');
    expect(decDiv('1', '0', 2)).toBeNull();
    expect(decDiv('0.0000', '2.0000', 4)).toBe('0.0000');
  });

  it('compares by value', () => {
    expect(decCmp('12.50', '12.5')).toBe(0);
    expect(decCmp('-1', '0')).toBe(-1);
    expect(decCmp('100', '99.9999')).toBe(1);
  });

  it('accepts what clerks type and formats for display', () => {
    expect(isNumeric('１２。５')).toBe(true);
    expect(isNumeric('abc')).toBe(false);
    expect(fmtMoney('1234567.5')).toBe('1,234,567.50');
    expect(fmtQty('1500.0000')).toBe('1,500');
    expect(fmtPrice('1400.0000')).toBe('1,400.00');
    expect(fmtPrice('0.0850')).toBe('0.085');
  });
});

import { documentTotals, lineFigures } from '../documents/lineMath';

describe('X3 line figures match the server (purchase-lines.ts)', () => {
  it('amount, tax and total of a line, rounded like the server', () => {
    expect(lineFigures({ qty: '2', price: '1400.00', taxRate: '13', unitRatio: '50' })).toEqual({
      baseQty: '100.0000',
      amount: '2800.00',
      taxAmount: '364.00',
      total: '3164.00',
    });
    expect(lineFigures({ qty: '3', price: '0.0850', taxRate: '13' })).toEqual({ baseQty: '3.0000', amount: '0.26', taxAmount: '0.03', total: '0.29' });
    expect(lineFigures({ qty: '', price: '1' })).toBeNull();
  });

  it('document totals add the lines exactly', () => {
    const t = documentTotals([
      { qty: '1', price: '1400', taxRate: '13', unitRatio: '50' },
      { qty: '6', price: '158' },
      { qty: '', price: '' },
    ]);
    expect(t).toEqual({ totalQty: '7', amount: '2348.00', taxAmount: '182.00', total: '2530.00' });
  });
});
