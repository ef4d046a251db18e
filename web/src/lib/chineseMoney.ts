import { decRound, isNumeric } from './decimal';

/**
 * 人民币大写 — an amount in Chinese capital numerals as written on bills and cheques:
 * "1234.56" → "壹仟贰佰叁拾肆元伍角陆分", "10000" → "壹万元整", "-0.5" → "负伍角".
 * Exact (string arithmetic, rounded half up to fen). Up to 9999万亿.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL = ['', '拾', '佰', '仟'];
const BIG = ['', '万', '亿', '万亿'];

function integerWords(int: string): string {
  let out = '';
  let pendingZero = false;
  let groupHasDigit = false;
  const len = int.length;
  for (let i = 0; i < len; i++) {
    const d = int.charCodeAt(i) - 48;
    const p = len - 1 - i;
    const inGroup = p % 4;
    const group = Math.floor(p / 4);
    if (d === 0) {
      pendingZero = out !== '';
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += (DIGITS[d] ?? '') + (SMALL[inGroup] ?? '');
      groupHasDigit = true;
    }
    if (inGroup === 0 && group > 0) {
      if (groupHasDigit) out += BIG[group] ?? '';
      groupHasDigit = false;
    }
  }
  return out;
}

export function moneyInWords(amount: string | null | undefined): string {
  if (amount == null || !isNumeric(amount)) return '';
  const fixed = decRound(amount, 2);
  const neg = fixed.startsWith('-');
  const [intRaw = '0', frac = '00'] = fixed.replace('-', '').split('.');
  const int = intRaw.replace(/^0+(?=\d)/, '');
  if (int.length > 16) return '';
  const jiao = frac.charCodeAt(0) - 48;
  const fen = frac.charCodeAt(1) - 48;
  const intWords = int === '0' ? '' : `${integerWords(int)}元`;
  let out = intWords;
  if (jiao === 0 && fen === 0) {
    out = intWords ? `${intWords}整` : '零元整';
  } else {
    if (jiao > 0) out += `${DIGITS[jiao]}角`;
    else if (intWords) out += '零';
    if (fen > 0) out += `${DIGITS[fen]}分`;
  }
  return neg && out !== '零元整' ? `负${out}` : out;
}
