import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { issue, receive, reverse, type StockState } from '../../src/ledger/costing.js';

const d = (v: string | number) => new Decimal(v);
const empty = (): StockState => ({ qty: d(0), value: d(0), avgCost: d(0) });

describe('moving weighted-average costing', () => {
  it('P3 receipts average by value: 10 @ 5.00 then 30 @ 7.00 → 6.50', () => {
    const a = receive(empty(), d(10), d('50.00'));
    const b = receive(a.after, d(30), d('210.00'));
    expect(b.after.qty.toFixed()).toBe('40');
    expect(b.after.value.toFixed(2)).toBe('260.00');
    expect(b.after.avgCost.toFixed(6)).toBe('6.500000');
  });

  it('issues at the average, rounded to cents; the last unit takes what value is left', () => {
    let s = receive(empty(), d(3), d('10.00')).after; // 3.333333 each
    const one = issue(s, d(1));
    expect(one.cost.toFixed(2)).toBe('-3.33');
    s = one.after;
    // The average is recomputed after each move: 6.67 / 2 = 3.335 → 3.34.
    const two = issue(s, d(1));
    expect(two.cost.toFixed(2)).toBe('-3.34');
    const last = issue(two.after, d(1));
    expect(last.cost.toFixed(2)).toBe('-3.33');
    expect(last.after.qty.isZero()).toBe(true);
    expect(last.after.value.isZero()).toBe(true);
  });

  it('P7 an original-bill return goes out at the given original cost', () => {
    const s = receive(receive(empty(), d(10), d('100.00')).after, d(10), d('200.00')).after; // avg 15
    const r = issue(s, d(2), d('20.00'));
    expect(r.cost.toFixed(2)).toBe('-20.00');
    expect(r.after.value.toFixed(2)).toBe('280.00');
    expect(r.after.avgCost.toFixed(6)).toBe('15.555556');
  });

  it('negative stock (when allowed) keeps costing at the last average', () => {
    const s = receive(empty(), d(2), d('20.00')).after;
    const out = issue(s, d(5));
    expect(out.after.qty.toFixed()).toBe('-3');
    expect(out.cost.toFixed(2)).toBe('-50.00');
    expect(out.after.avgCost.toFixed(6)).toBe('10.000000');
    const back = receive(out.after, d(3), d('36.00'));
    expect(back.after.qty.isZero()).toBe(true);
    expect(back.after.value.toFixed(2)).toBe('6.00');
  });

  it('P6 a reversal undoes a move exactly', () => {
    const s = receive(empty(), d(4), d('10.00')).after;
    const r = reverse(s, d(4), d('10.00'));
    expect(r.after.qty.isZero()).toBe(true);
    expect(r.after.value.isZero()).toBe(true);
    expect(r.cost.toFixed(2)).toBe('-10.00');
  });

  it('the balance is always the sum of its moves, whatever happens (property)', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('in' as const), qty: fc.integer({ min: 1, max: 1000 }), cents: fc.integer({ min: 0, max: 10_000_000 }) }),
      fc.record({
        t: fc.constant('out' as const),
        qty: fc.integer({ min: 1, max: 1000 }),
        fixed: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let s = empty();
        let qty = d(0);
        let value = d(0);
        const moves: { qty: Decimal; cost: Decimal }[] = [];
        for (const o of ops) {
          const res = o.t === 'in' ? receive(s, d(o.qty), d(o.cents).div(100)) : issue(s, d(o.qty), o.fixed === undefined ? undefined : d(o.fixed).div(100));
          const q = o.t === 'in' ? d(o.qty) : d(-o.qty);
          moves.push({ qty: q, cost: res.cost });
          qty = qty.plus(q);
          value = value.plus(res.cost);
          s = res.after;
          expect(s.qty.eq(qty)).toBe(true);
          expect(s.value.eq(value)).toBe(true);
          expect(res.cost.decimalPlaces()).toBeLessThanOrEqual(2);
          if (s.qty.isZero() && o.t === 'out') expect(s.value.isZero()).toBe(true);
        }
        // Reversing every move, newest first, brings the balance back to nothing.
        for (const m of moves.reverse()) s = reverse(s, m.qty, m.cost).after;
        expect(s.qty.isZero()).toBe(true);
        expect(s.value.isZero()).toBe(true);
      }),
    );
  });
});
