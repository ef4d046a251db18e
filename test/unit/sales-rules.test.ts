import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { allocate, levelPrice, paymentRule } from '../../src/modules/sales/sales.rules.js';

const d = (v: string | number) => new Decimal(v);

describe('S5 payment rule', () => {
  it('S5 a cash customer must have paid in full; a credit customer stays within its limit', () => {
    expect(paymentRule({ paymentTerm: 'cash', creditLimit: d(0), receivable: d(0), advance: d(500) }, d(500)).ok).toBe(true);
    expect(paymentRule({ paymentTerm: 'cash', creditLimit: d(0), receivable: d(0), advance: d(499.99) }, d(500))).toMatchObject({
      ok: false,
      code: 'CASH_NOT_PAID',
    });
    expect(paymentRule({ paymentTerm: 'credit', creditLimit: d(1000), receivable: d(600), advance: d(0) }, d(400)).ok).toBe(true);
    expect(paymentRule({ paymentTerm: 'credit', creditLimit: d(1000), receivable: d(600), advance: d(0) }, d(400.01))).toMatchObject({
      ok: false,
      code: 'CREDIT_LIMIT_EXCEEDED',
    });
  });
});

describe('S1 S2 price levels', () => {
  it('S2 a customer gets its level’s price, else the wholesale price', () => {
    const p = { retailPrice: '10', wholesalePrice: '8', price1: '7', price2: null, price3: null };
    expect(levelPrice(p, 'price1')?.toFixed()).toBe('7');
    expect(levelPrice(p, 'price2')?.toFixed()).toBe('8');
    expect(levelPrice(p, 'retail')?.toFixed()).toBe('10');
  });
});

describe('S3 allocation of scarce stock', () => {
  it('S3 key customers first, then the earlier order', () => {
    const r = allocate(d(10), [
      { lineId: 'c-early', grade: 'C', orderDate: '2026-11-01', orderNumber: 'XD1', open: d(6) },
      { lineId: 'a-late', grade: 'A', orderDate: '2026-11-20', orderNumber: 'XD3', open: d(7) },
      { lineId: 'c-late', grade: 'C', orderDate: '2026-11-10', orderNumber: 'XD2', open: d(5) },
    ]);
    expect(Object.fromEntries(r.map((x) => [x.lineId, x.reserved.toFixed()]))).toEqual({ 'a-late': '7', 'c-early': '3', 'c-late': '0' });
  });

  it('S3 reservations never exceed stock nor what a line still needs (property)', () => {
    const line = fc.record({ grade: fc.constantFrom('A', 'B', 'C', 'D'), day: fc.integer({ min: 1, max: 28 }), open: fc.integer({ min: -5, max: 100 }) });
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 500 }), fc.array(line, { maxLength: 20 }), (stock, raw) => {
        const lines = raw.map((l, i) => ({
          lineId: `l${i}`,
          grade: l.grade,
          orderDate: `2026-11-${String(l.day).padStart(2, '0')}`,
          orderNumber: `XD${i}`,
          open: d(l.open),
        }));
        const r = allocate(d(stock), lines);
        const total = r.reduce((s, x) => s.plus(x.reserved), d(0));
        expect(total.lte(Decimal.max(d(stock), 0))).toBe(true);
        for (const x of r) {
          const l = lines.find((y) => y.lineId === x.lineId) as (typeof lines)[number];
          expect(x.reserved.gte(0)).toBe(true);
          expect(x.reserved.lte(Decimal.max(l.open, 0))).toBe(true);
        }
        // Nothing is left on the shelf while someone still waits.
        const needed = lines.reduce((s, l) => s.plus(Decimal.max(l.open, 0)), d(0));
        expect(total.eq(Decimal.min(needed, Decimal.max(d(stock), 0)))).toBe(true);
      }),
    );
  });
});
