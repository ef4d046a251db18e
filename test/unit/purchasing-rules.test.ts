import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { settlementStatus } from '../../src/modules/documents/document-status.js';
import { lineFigures } from '../../src/modules/documents/lines.js';
import { purchaseBillPosting, purchaseReturnPosting } from '../../src/modules/purchasing/purchasing.rules.js';
import {
  advancePosting,
  COLLECTING,
  type OpenItem,
  openOf,
  orderAdvanceRoom,
  orderLineOpen,
  orderLineReceivable,
  orderStatus,
  PAYING,
  planSettlement,
} from '../../src/modules/trade/trade.rules.js';

const d = (v: string | number) => new Decimal(v);
const item = (documentId: string, amount: string, settled = '0'): [string, OpenItem] => [documentId, { documentId, amount: d(amount), settled: d(settled) }];

describe('line figures', () => {
  it('X2 X3 a box of 12 at 30.00 with 13% tax', () => {
    const f = lineFigures({ qty: d(3), unitRatio: d(12), price: d('30.00'), taxRate: d(13) });
    expect(f.baseQty.toFixed()).toBe('36');
    expect(f.amount.toFixed(2)).toBe('90.00');
    expect(f.taxAmount.toFixed(2)).toBe('11.70');
    expect(f.total.toFixed(2)).toBe('101.70');
  });
});

describe('what purchasing documents post', () => {
  const doc = {
    partnerId: 's',
    warehouseId: 'w',
    date: '2026-11-26',
    total: d('113.00'),
    lines: [{ id: 'l1', productId: 'p', baseQty: d(10), amount: d('100.00'), total: d('113.00') }],
  };

  it('P3 an audited bill raises stock at the amount before tax and payable by the total', () => {
    const p = purchaseBillPosting(doc);
    expect(p.stock).toEqual([{ lineId: 'l1', productId: 'p', warehouseId: 'w', qty: d(10), cost: d('100.00') }]);
    expect(p.partner).toEqual([{ partnerId: 's', account: 'payable', amount: d('113.00') }]);
    expect(p.cash).toEqual([]);
    // P8: what the settlement will list, due after the supplier's payment days
    expect(p.openItems).toEqual([{ partnerId: 's', account: 'payable', amount: d('113.00'), date: '2026-11-26', dueDaysFrom: 'supplier' }]);
  });

  it('P7 an audited return lowers stock (at the original cost when known) and payable', () => {
    const p = purchaseReturnPosting({ ...doc, lines: [{ ...doc.lines[0], returnCost: d('99.00') }] });
    expect(p.stock[0].qty.toFixed()).toBe('-10');
    expect(p.stock[0].cost?.toFixed(2)).toBe('99.00');
    expect(p.partner[0].amount.toFixed(2)).toBe('-113.00');
    expect(p.openItems?.map((o) => o.amount.toFixed(2))).toEqual(['-113.00']);
  });

  it('P9 a prepayment moves money from the account to prepaid, negative too', () => {
    const p = advancePosting(PAYING, 's', 'a', d('-50.00'));
    expect(p.partner[0]).toEqual({ partnerId: 's', account: 'prepaid', amount: d('-50.00') });
    expect(p.cash[0].amount.toFixed(2)).toBe('50.00');
  });

  it('S8 an advance receipt moves money into the account and to the advance balance', () => {
    const p = advancePosting(COLLECTING, 'c', 'a', d('300.00'));
    expect(p.partner[0]).toEqual({ partnerId: 'c', account: 'advance', amount: d('300.00') });
    expect(p.cash[0].amount.toFixed(2)).toBe('300.00');
    expect(p.stock).toEqual([]);
  });
});

describe('P8 P9 settlement allocation', () => {
  const items = new Map([item('b1', '1000.00'), item('b2', '500.00', '200.00'), item('r1', '-120.00')]);

  it('P8 settles bills, returns count negative; P9 the rest of the payment becomes prepayment', () => {
    const r = planSettlement(
      's',
      'a',
      {
        paymentTotal: d('1500.00'),
        prepaymentUsed: d(0),
        allocations: [
          { documentId: 'b1', amount: d('1000') },
          { documentId: 'b2', amount: d('300') },
          { documentId: 'r1', amount: d('120') },
        ],
      },
      items,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.settled.toFixed(2)).toBe('1180.00');
    expect(r.plan.surplus.toFixed(2)).toBe('320.00');
    expect(r.plan.itemChanges.map((c) => c.change.toFixed(2))).toEqual(['1000.00', '300.00', '-120.00']);
    const payable = r.plan.posting.partner.filter((p) => p.account === 'payable').reduce((s, p) => s.plus(p.amount), d(0));
    const prepaid = r.plan.posting.partner.filter((p) => p.account === 'prepaid').reduce((s, p) => s.plus(p.amount), d(0));
    expect(payable.toFixed(2)).toBe('-1180.00');
    expect(prepaid.toFixed(2)).toBe('320.00');
    expect(r.plan.posting.cash[0].amount.toFixed(2)).toBe('-1500.00');
  });

  it('P9 prepayment can offset payable', () => {
    const r = planSettlement(
      's',
      'a',
      { paymentTotal: d('600.00'), prepaymentUsed: d('400.00'), allocations: [{ documentId: 'b1', amount: d('1000') }] },
      items,
    );
    expect(r.ok && r.plan.surplus.toFixed(2)).toBe('0.00');
    expect(r.ok && r.plan.posting.partner.find((p) => p.account === 'prepaid')?.amount.toFixed(2)).toBe('-400.00');
  });

  it('P8 refuses a settlement with nothing paid and nothing settled; a bare payment is a prepayment', () => {
    const empty = planSettlement('s', 'a', { paymentTotal: d('0'), prepaymentUsed: d(0), allocations: [] }, items);
    expect(!empty.ok && empty.problem.code).toBe('SETTLEMENT_EMPTY');
    // prepaid used with nothing to settle would go straight back to prepaid
    const roundTrip = planSettlement('s', 'a', { paymentTotal: d('0'), prepaymentUsed: d('50'), allocations: [] }, items);
    expect(!roundTrip.ok && roundTrip.problem.code).toBe('SETTLEMENT_EMPTY');
    const bare = planSettlement('s', 'a', { paymentTotal: d('50'), prepaymentUsed: d(0), allocations: [] }, items);
    expect(bare.ok && bare.plan.surplus.toFixed(2)).toBe('50.00');
  });

  it('P8 refuses more than an item’s open amount, unknown items, duplicates, and more than is paid', () => {
    const over = planSettlement('s', 'a', { paymentTotal: d('9999'), prepaymentUsed: d(0), allocations: [{ documentId: 'b2', amount: d('300.01') }] }, items);
    expect(!over.ok && over.problem.code).toBe('ALLOCATION_EXCEEDS_OPEN');
    const unknown = planSettlement('s', 'a', { paymentTotal: d('1'), prepaymentUsed: d(0), allocations: [{ documentId: 'x', amount: d('1') }] }, items);
    expect(!unknown.ok && unknown.problem.code).toBe('ALLOCATION_NOT_OPEN');
    const dup = planSettlement(
      's',
      'a',
      {
        paymentTotal: d('9999'),
        prepaymentUsed: d(0),
        allocations: [
          { documentId: 'b1', amount: d('1') },
          { documentId: 'b1', amount: d('1') },
        ],
      },
      items,
    );
    expect(!dup.ok && dup.problem.code).toBe('ALLOCATION_DUPLICATE');
    const short = planSettlement('s', 'a', { paymentTotal: d('100'), prepaymentUsed: d(0), allocations: [{ documentId: 'b1', amount: d('101') }] }, items);
    expect(!short.ok && short.problem.code).toBe('SETTLEMENT_EXCEEDS_PAYMENT');
  });

  it('P8 P9 money is conserved: cash out = payable down + prepaid up (property)', () => {
    const arb = fc.record({
      items: fc.array(
        fc.tuple(
          fc.integer({ min: -100_000, max: 1_000_000 }).filter((n) => n !== 0),
          fc.integer({ min: 0, max: 100 }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
      pick: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 8 }),
      pay: fc.integer({ min: 0, max: 5_000_000 }),
      used: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(arb, ({ items: raw, pick, pay, used }) => {
        const map = new Map<string, OpenItem>();
        raw.forEach(([cents, pct], i) => {
          const amount = d(cents).div(100);
          map.set(`d${i}`, { documentId: `d${i}`, amount, settled: amount.times(pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN) });
        });
        const allocations = pick
          .slice(0, map.size)
          .map((pct, i) => ({
            documentId: `d${i}`,
            amount: openOf(map.get(`d${i}`) as OpenItem)
              .abs()
              .times(pct)
              .div(100)
              .toDecimalPlaces(2, Decimal.ROUND_DOWN),
          }))
          .filter((a) => a.amount.gt(0));
        const r = planSettlement('s', 'a', { paymentTotal: d(pay).div(100), prepaymentUsed: d(used).div(100), allocations }, map);
        if (!r.ok) {
          // nothing paid and nothing allocated is refused as empty; anything else only when the
          // allocations take more than the payment brings
          const empty = pay === 0 && allocations.length === 0;
          expect(r.problem.code).toBe(empty ? 'SETTLEMENT_EMPTY' : 'SETTLEMENT_EXCEEDS_PAYMENT');
          return;
        }
        const sum = (acc: string) => r.plan.posting.partner.filter((p) => p.account === acc).reduce((s, p) => s.plus(p.amount), d(0));
        const cash = r.plan.posting.cash.reduce((s, c) => s.plus(c.amount), d(0));
        expect(cash.negated().eq(sum('payable').negated().plus(sum('prepaid')))).toBe(true);
        expect(r.plan.surplus.gte(0)).toBe(true);
        for (const c of r.plan.itemChanges) {
          const it = map.get(c.documentId) as OpenItem;
          expect(it.settled.plus(c.change).abs().lte(it.amount.abs())).toBe(true);
        }
      }),
    );
  });

  it('P8 settlement status of a bill: 未结 / 部分结算 / 已结清', () => {
    expect(settlementStatus({ amount: d(100), settled: d(0) })).toBe('unsettled');
    expect(settlementStatus({ amount: d(100), settled: d(40) })).toBe('partial');
    expect(settlementStatus({ amount: d(100), settled: d(100) })).toBe('settled');
    expect(settlementStatus({ amount: d(-30), settled: d(-30) })).toBe('settled');
  });
});

describe('P1 P2 order lines', () => {
  const line = { baseQty: d(100), receivedQty: d(60), returnedQty: d(10) };
  it('P1 open qty counts returned goods as not kept', () => {
    expect(orderLineOpen(line).toFixed()).toBe('50');
  });
  it('P2 a tolerance lets a bill receive a little more than is open', () => {
    expect(orderLineReceivable(line, d(0)).toFixed()).toBe('50');
    expect(orderLineReceivable(line, d(5)).toFixed()).toBe('55');
  });
  it('P1 status: audited → partial → completed', () => {
    expect(orderStatus([{ baseQty: d(5), receivedQty: d(0), returnedQty: d(0) }])).toBe('audited');
    expect(
      orderStatus([
        { baseQty: d(5), receivedQty: d(2), returnedQty: d(0) },
        { baseQty: d(1), receivedQty: d(1), returnedQty: d(0) },
      ]),
    ).toBe('partial');
    expect(orderStatus([{ baseQty: d(5), receivedQty: d(5), returnedQty: d(0) }])).toBe('completed');
    expect(orderStatus([{ baseQty: d(5), receivedQty: d(5), returnedQty: d(1) }])).toBe('partial');
  });
});

describe('P9 S4 订金 against an order', () => {
  const order = (total: string, received: string, confirmed = '0') => ({ total: d(total), received: d(received), confirmed: d(confirmed) });
  it('P9 S4 what an order was paid ahead stays between what finance confirmed and its total', () => {
    expect(orderAdvanceRoom(order('1000', '0'), d(1000))).toEqual({ ok: true, after: d(1000) });
    expect(orderAdvanceRoom(order('1000', '400'), d('600.01'))).toMatchObject({ ok: false, problem: { code: 'ADVANCE_EXCEEDS_ORDER' } });
    expect(orderAdvanceRoom(order('1000', '400'), d(-400))).toEqual({ ok: true, after: d(0) });
    expect(orderAdvanceRoom(order('1000', '400'), d('-400.01'))).toMatchObject({ ok: false, problem: { code: 'REFUND_EXCEEDS_RECEIVED' } });
    expect(orderAdvanceRoom(order('1000', '400', '300'), d('-100.01'))).toMatchObject({ ok: false, problem: { code: 'ADVANCE_BELOW_CONFIRMED' } });
    // a change back towards the range is always allowed (an order edited down, an old confirmation)
    expect(orderAdvanceRoom(order('100', '400'), d(-100)).ok).toBe(true);
    expect(orderAdvanceRoom(order('1000', '100', '300'), d(50)).ok).toBe(true);
  });

  it('P9 property: starting inside the range, an allowed change stays inside it', () => {
    const cents = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(cents, cents, cents, fc.integer({ min: -1_000_000, max: 1_000_000 }), (a, b, c, change) => {
        const [confirmed, received, total] = [a, b, c].sort((x, y) => x - y).map((n) => d(n).div(100));
        const r = orderAdvanceRoom({ total, received, confirmed }, d(change).div(100));
        if (r.ok) {
          expect(r.after.gte(confirmed) && r.after.gte(0) && r.after.lte(total)).toBe(true);
        }
      }),
    );
  });
});
