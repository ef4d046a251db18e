// A built document is checked against its own columns before it is written: whatever a
// kind worked out (a line's figures, a settlement's settled total, a header's totals)
// fits its NUMERIC column, or the refusal names the field (`total`, `lines.3.amount`)
// and the largest value it takes — PostgreSQL's overflow would name neither.
import { getTableColumns, type Table } from 'drizzle-orm';
import { Decimal } from '../../core/decimal.js';
import { errors } from '../../core/errors.js';
import { largestOf } from '../../core/limits.js';
import { documentLines, documents } from '../../db/schema.js';
import type { BuiltDocument } from './documents.types.js';

const LABELS: Record<string, { zh: string; en: string }> = {
  totalQty: { zh: '总数量', en: 'total quantity' },
  amount: { zh: '金额', en: 'amount' },
  taxAmount: { zh: '税额', en: 'tax' },
  total: { zh: '价税合计', en: 'total' },
  paymentTotal: { zh: '付款总额', en: 'payment total' },
  prepaymentUsed: { zh: '使用预付款', en: 'prepayment used' },
  unitRatio: { zh: '换算率', en: 'unit ratio' },
  qty: { zh: '数量', en: 'quantity' },
  baseQty: { zh: '基本单位数量', en: 'quantity in base units' },
  price: { zh: '单价', en: 'price' },
  taxRate: { zh: '税率', en: 'tax rate' },
  discount: { zh: '折扣', en: 'discount' },
  costAmount: { zh: '成本', en: 'cost' },
};

interface Numeric {
  precision: number;
  scale: number;
}

/** The NUMERIC columns of a table by property name, with their precision and scale. */
function numericColumns(table: Table): Map<string, Numeric> {
  const out = new Map<string, Numeric>();
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const c = col as unknown as { columnType: string; precision?: number; scale?: number };
    if (c.columnType === 'PgNumeric' && c.precision !== undefined) out.set(key, { precision: c.precision, scale: c.scale ?? 0 });
  }
  return out;
}

const HEADER = numericColumns(documents);
const LINE = numericColumns(documentLines);

export interface OutOfRange {
  field: string;
  key: string;
  value: string;
  limit: string;
  line?: number;
}

/** The first figure of the values that its column cannot hold, once rounded to its scale. */
function firstOutOfRange(columns: Map<string, Numeric>, values: Record<string, unknown>, prefix: string): OutOfRange | undefined {
  for (const [key, n] of columns) {
    const v = values[key];
    if (v === null || v === undefined || v === '') continue;
    const d = new Decimal(String(v)).toDecimalPlaces(n.scale, Decimal.ROUND_HALF_UP);
    if (d.abs().gte(new Decimal(10).pow(n.precision - n.scale)))
      return { field: `${prefix}${key}`, key, value: d.toFixed(), limit: largestOf(n.precision, n.scale) };
  }
  return undefined;
}

/** Pure: the first header or line figure of a built document that does not fit its column. */
export function documentOutOfRange(built: BuiltDocument): OutOfRange | undefined {
  const header = firstOutOfRange(HEADER, built.header as Record<string, unknown>, '');
  if (header) return header;
  for (const [i, l] of built.lines.entries()) {
    const line = firstOutOfRange(LINE, l as Record<string, unknown>, `lines.${i}.`);
    if (line) return { ...line, line: i + 1 };
  }
  return undefined;
}

/** Refuses a built document with a figure too large to record: AMOUNT_TOO_LARGE naming the field and the limit. */
export function assertFigures(built: BuiltDocument): void {
  const o = documentOutOfRange(built);
  if (!o) return;
  const label = LABELS[o.key] ?? { zh: o.key, en: o.key };
  const where = o.line ? { zh: `第 ${o.line} 行：`, en: `Line ${o.line}: ` } : { zh: '', en: '' };
  throw errors.unprocessable(
    'AMOUNT_TOO_LARGE',
    `${where.zh}${label.zh} ${o.value} 超出可记录的范围（最大 ${o.limit}）`,
    `${where.en}the ${label.en} ${o.value} is too large to record (at most ${o.limit})`,
    { field: o.field, limit: o.limit },
  );
}
