// What counts as money in an answer of this API, for the tests that check who sees it
// (test/api/price-leak.test.ts): a JSON field by its name and value, an Excel column by its
// header.
export type Family = 'money' | 'cost';

// Money is always a decimal string in this API (DESIGN: NUMERIC in JSON as strings), so a
// field is money when its value is one and a word of its name is a money word, and no word
// makes it a quantity, a rate or a count (totalQty, openQty, taxRate, creditDays…). Counts
// are JSON numbers (a page's `total`, a complaint summary's `received`) and are left alone.
const MONEY_WORDS = new Set([
  'price',
  'cost',
  'amount',
  'total',
  'balance',
  'payable',
  'receivable',
  'prepaid',
  'prepayment',
  'advance',
  'net',
  'open',
  'settled',
  'value',
  'margin',
  'profit',
  'held',
  'income',
  'expense',
  'opening',
  'closing',
  'increase',
  'decrease',
  'deposit',
  'paid',
  'pay',
  'due',
  'limit',
  'collect',
  'collected',
  'received',
  'payment',
]);
const NOT_MONEY_WORDS = new Set(['qty', 'quantity', 'days', 'pct', 'rate', 'ratio', 'count', 'id', 'ids', 'no', 'index', 'version', 'packages']);
/** Cost is what the goods cost us (stock value, cost of goods sold, margins derived from it). */
const COST_WORDS = new Set(['cost', 'profit', 'margin', 'value']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The money family of a JSON field, or null when it is not money. */
export function moneyFamily(key: string, value: unknown): Family | null {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return null;
  const w = words(key);
  if (w.some((x) => NOT_MONEY_WORDS.has(x)) || !w.some((x) => MONEY_WORDS.has(x))) return null;
  return w.some((x) => COST_WORDS.has(x)) ? 'cost' : 'money';
}

/** Every money field in an answer, with its JSON path. */
export function moneyFields(value: unknown, path = '$', out: { path: string; value: string; family: Family }[] = []) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) moneyFields(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const family = moneyFamily(k, v);
      if (family) out.push({ path: `${path}.${k}`, value: v as string, family });
      else moneyFields(v, `${path}.${k}`, out);
    }
  }
  return out;
}

// Excel: the header cells name the columns (进货价, 金额, 未结金额, 成本单价, 信用额度, 余额, 增加应付…).
// 价格等级 (a customer's price level) names a list, not a price.
const MONEY_HEADER = /价(?!格等级)|金额|额|成本|毛利|利润|应付|应收|预付|预收|收入|支出|合计/;
const COST_HEADER = /成本|毛利|利润|库存金额|结存金额/;
export const headerFamily = (h: string): Family | null => (MONEY_HEADER.test(h) ? (COST_HEADER.test(h) ? 'cost' : 'money') : null);
