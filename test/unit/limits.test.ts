// 10.7 The limits of every figure are stated once (src/core/limits.ts) and are the
// columns' own: a NUMERIC column of another shape, or a kind whose limit differs from its
// column, fails here before it can turn into a database overflow.
import { getTableColumns, getTableName, isTable, type Table } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDecimal, Decimal, fits } from '../../src/core/decimal.js';
import { kindsOf, largest, largestOf, NUMERIC_LIMITS, type NumericKind } from '../../src/core/limits.js';
import * as schema from '../../src/db/schema.js';
import type { BuiltDocument } from '../../src/modules/documents/documents.types.js';
import { documentOutOfRange } from '../../src/modules/documents/figure-limits.js';

type NumericColumn = { columnType: string; precision?: number; scale?: number; name: string };
const tables = (Object.values(schema) as unknown[]).filter((t): t is Table => isTable(t));
const numericColumns = tables.flatMap((t) =>
  Object.entries(getTableColumns(t))
    .map(([key, c]) => ({ table: getTableName(t), key, c: c as unknown as NumericColumn }))
    .filter((x) => x.c.columnType.startsWith('PgNumeric')),
);
const shape = (table: string, key: string) => {
  const c = numericColumns.find((x) => x.table === table && x.key === key)?.c;
  return c && { precision: c.precision, scale: c.scale };
};

describe('10.7 one place for the limits', () => {
  it('10.7 every NUMERIC column of the schema has the shape of a kind in limits.ts', () => {
    expect(numericColumns.length).toBeGreaterThan(40);
    const strays = numericColumns.filter((x) => x.c.precision === undefined || kindsOf(x.c.precision, x.c.scale ?? 0).length === 0);
    expect(strays.map((x) => `${x.table}.${x.key} numeric(${x.c.precision}, ${x.c.scale})`)).toEqual([]);
  });

  it('10.7 the kinds the API checks are the columns they land in', () => {
    const expected: [string, string, NumericKind][] = [
      ['documents', 'total', 'money'],
      ['documents', 'totalQty', 'qty'],
      ['document_lines', 'price', 'price'],
      ['document_lines', 'qty', 'qty'],
      ['document_lines', 'taxRate', 'percent'],
      ['document_lines', 'discount', 'percent'],
      ['product_units', 'ratio', 'ratio'],
      ['stock_balances', 'value', 'money'],
      ['stock_balances', 'avgCost', 'unitCost'],
      ['partner_balances', 'balance', 'money'],
      ['cash_balances', 'balance', 'money'],
    ];
    for (const [table, key, kind] of expected) expect(shape(table, key), `${table}.${key}`).toEqual(NUMERIC_LIMITS[kind]);
  });

  it('10.7 the largest value of a kind fits and one unit of its scale more does not; checkDecimal says the limit', () => {
    expect(largest('money')).toBe('9999999999999999.99');
    expect(largest('percent')).toBe('99.9999');
    expect(largestOf(20, 6)).toBe('99999999999999.999999');
    for (const kind of Object.keys(NUMERIC_LIMITS) as NumericKind[]) {
      const top = new Decimal(largest(kind));
      expect(fits(top, kind), kind).toBe(true);
      expect(fits(top.plus(new Decimal(10).pow(-NUMERIC_LIMITS[kind].scale)), kind), kind).toBe(false);
      expect(fits(top.negated(), kind)).toBe(true);
    }
    expect(checkDecimal('100', 'percent')).toMatchObject({ ok: false, en: 'is too large (at most 99.9999)' });
    expect(checkDecimal('99.9999', 'percent').ok).toBe(true);
  });
});

describe('10.7 a built document is checked against its columns', () => {
  const line = (over: Record<string, string> = {}) => ({ qty: '1', baseQty: '1', price: '1.0000', amount: '1.00', taxAmount: '0.00', total: '1.00', ...over });
  const doc = (header: Record<string, unknown>, lines: Record<string, unknown>[]) => ({ header, lines }) as unknown as BuiltDocument;

  it('10.7 names the header field or the line and field that does not fit, with the limit', () => {
    expect(documentOutOfRange(doc({ total: '1.00' }, [line(), line()]))).toBeUndefined();
    expect(documentOutOfRange(doc({ total: '10000000000000000.00' }, [line()]))).toMatchObject({ field: 'total', limit: largest('money') });
    expect(documentOutOfRange(doc({ paymentTotal: '-10000000000000000' }, []))).toMatchObject({ field: 'paymentTotal' });
    expect(documentOutOfRange(doc({}, [line(), line(), line({ amount: '10000000000000000' })]))).toMatchObject({ field: 'lines.2.amount', line: 3 });
    expect(documentOutOfRange(doc({}, [line({ taxRate: '100' })]))).toMatchObject({ field: 'lines.0.taxRate', limit: '99.9999' });
    // rounded to the column's scale first, as PostgreSQL does
    expect(documentOutOfRange(doc({ total: '9999999999999999.994' }, []))).toBeUndefined();
    expect(documentOutOfRange(doc({ total: '9999999999999999.995' }, []))).toMatchObject({ field: 'total' });
  });

  it('10.7 agrees with fits() for any money figure', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const v = `${whole}.${String(cents).padStart(2, '0')}`;
        expect(documentOutOfRange(doc({ total: v }, [])) === undefined).toBe(fits(new Decimal(v), 'money'));
      }),
    );
  });
});
