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
