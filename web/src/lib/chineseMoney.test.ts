import { describe, expect, it } from 'vitest';
import { moneyInWords } from './chineseMoney';

describe('R6 人民币大写 on printed documents', () => {
  it.each([
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['100', '壹佰元整'],
    ['101', '壹佰零壹元整'],
    ['110', '壹佰壹拾元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1001', '壹仟零壹元整'],
    ['10000', '壹万元整'],
    ['10001', '壹万零壹元整'],
    ['100100', '壹拾万零壹佰元整'],
    ['1000000', '壹佰万元整'],
    ['100000001', '壹亿零壹元整'],
    ['100010000', '壹亿零壹万元整'],
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['4744.00', '肆仟柒佰肆拾肆元整'],
    ['2530.50', '贰仟伍佰叁拾元伍角'],
    ['1.05', '壹元零伍分'],
    ['0.05', '伍分'],
    ['0.5', '伍角'],
    ['0.56', '伍角陆分'],
    ['200000.00', '贰拾万元整'],
    ['1,234,567.89', '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    ['-786.00', '负柒佰捌拾陆元整'],
    ['-0.5', '负伍角'],
  ])('%s → %s', (amount, words) => {
    expect(moneyInWords(amount)).toBe(words);
  });

  it('rounds half up to fen exactly (no binary floats)', () => {
    expect(moneyInWords('1.005')).toBe('壹元零壹分');
    expect(moneyInWords('0.994')).toBe('玖角玖分');
    expect(moneyInWords('0.995')).toBe('壹元整');
  });

  it('gives nothing for text that is not an amount', () => {
    expect(moneyInWords('')).toBe('');
    expect(moneyInWords('abc')).toBe('');
    expect(moneyInWords(null)).toBe('');
  });
});
