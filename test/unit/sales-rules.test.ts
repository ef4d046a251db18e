import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { allocate, amountDue, levelPrice, paymentRule } from '../../src/modules/sales/sales.rules.js';
import { confirmedReceived } from '../../src/modules/sales/tracking.rules.js';

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

describe('S6 代收金额 nets what was paid for the order', () => {
  const part = (p: string, received: string, shippedBefore = '0') => ({ part: d(p), received: d(received), shippedBefore: d(shippedBefore) });
  it('S6 the deposit comes off the first deliveries of its order, while the customer’s advance still holds it', () => {
    // 4000 delivered against an order with 1200 paid ahead: the driver collects 2800
    expect(amountDue(d(4000), [part('4000', '1200')], d(1200))).toEqual({ paidAhead: d(1200), amountDue: d(2800) });
    // a deposit above the delivery: this delivery is paid, the rest waits for the next
    expect(amountDue(d(2000), [part('2000', '2500')], d(2500))).toEqual({ paidAhead: d(2000), amountDue: d(0) });
    expect(amountDue(d(2000), [part('2000', '2500', '2000')], d(2500)).amountDue.toFixed(2)).toBe('1500.00');
    // a receipt already used the advance to settle this delivery: not counted twice
    expect(amountDue(d(2800), [part('4000', '1200')], d(0)).amountDue.toFixed(2)).toBe('2800.00');
    // no order, or a return (negative): nothing to collect beyond the open amount
    expect(amountDue(d(500), [], d(1000)).amountDue.toFixed(2)).toBe('500.00');
    expect(amountDue(d(-300), [part('-300', '100')], d(100)).amountDue.toFixed(2)).toBe('0.00');
    // returns left the order's earlier shipments below zero: no more is paid ahead than was received
    expect(amountDue(d('0.01'), [part('0.01', '0', '-0.01')], d('0.01')).paidAhead.toFixed(2)).toBe('0.00');
  });

  it('S6 property: never below 0 nor above the open amount; what is netted is never more than was paid, nor than the advance', () => {
    const money = fc.integer({ min: -100_000, max: 1_000_000 }).map((n) => d(n).div(100));
    fc.assert(
      fc.property(money, fc.array(fc.record({ part: money, received: money, shippedBefore: money }), { maxLength: 4 }), money, (open, parts, advance) => {
        const r = amountDue(open, parts, advance);
        expect(r.amountDue.gte(0)).toBe(true);
        expect(r.amountDue.lte(Decimal.max(open, 0))).toBe(true);
        expect(r.paidAhead.gte(0)).toBe(true);
        expect(r.paidAhead.lte(Decimal.max(advance, 0))).toBe(true);
        const paid = parts.reduce((s, p) => s.plus(Decimal.max(p.received, 0)), d(0));
        expect(r.paidAhead.lte(paid)).toBe(true);
        expect(r.amountDue.plus(r.paidAhead).gte(open)).toBe(true);
      }),
    );
  });

  it('S4 what finance confirmed in money: the deposit, or the full payment less what the driver collects; older records count nothing', () => {
    const at = { by: 'x', at: 't' };
    expect(confirmedReceived(undefined).toFixed(2)).toBe('0.00');
    expect(confirmedReceived({ depositConfirmed: { ...at, amount: '600' } }).toFixed(2)).toBe('0.00');
    expect(confirmedReceived({ depositConfirmed: { ...at, amount: '600', received: '600' } }).toFixed(2)).toBe('600.00');
    const both = {
      depositConfirmed: { ...at, amount: '1200', received: '1200' },
      paymentConfirmed: { ...at, amount: '4000', received: '1200', onDelivery: '2800' },
    };
    expect(confirmedReceived(both).toFixed(2)).toBe('1200.00');
    expect(confirmedReceived({ ...both, paymentConfirmed: { ...at, amount: '4000', received: '4000' } }).toFixed(2)).toBe('4000.00');
  });
});
