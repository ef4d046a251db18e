// The random commands of the trade models, shared by the purchasing and sales model tests
// (in process, one client) and the soak (test/soak: 8 clients over a real server): create a
// bill (or delivery), audit or un-audit one, return against one, prepay (or receive in
// advance), settle, un-audit a settlement. Indexes pick among what exists, modulo its count.
import fc from 'fast-check';

export type TradeCmd =
  | { t: 'bill'; supplier: number; lines: { product: number; qty: number; cents: number }[] }
  | { t: 'auditBill'; pick: number }
  | { t: 'unauditBill'; pick: number }
  | { t: 'return'; pick: number; pct: number }
  | { t: 'auditReturn'; pick: number }
  | { t: 'unauditReturn'; pick: number }
  | { t: 'prepay'; supplier: number; cents: number }
  | { t: 'settle'; supplier: number; pct: number; extraCents: number }
  | { t: 'unauditSettlement'; pick: number };

export const lineArb = fc.record({ product: fc.integer({ min: 0, max: 2 }), qty: fc.integer({ min: 1, max: 20 }), cents: fc.integer({ min: 1, max: 50_000 }) });

export const tradeCommandArb: fc.Arbitrary<TradeCmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('bill' as const),
      supplier: fc.integer({ min: 0, max: 1 }),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('auditBill' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unauditBill' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('return' as const), pick: fc.nat(), pct: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('auditReturn' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unauditReturn' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('prepay' as const),
      supplier: fc.integer({ min: 0, max: 1 }),
      cents: fc.integer({ min: -50_000, max: 100_000 }).filter((c) => c !== 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('settle' as const),
      supplier: fc.integer({ min: 0, max: 1 }),
      pct: fc.integer({ min: 1, max: 100 }),
      extraCents: fc.integer({ min: 0, max: 20_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unauditSettlement' as const), pick: fc.nat() }) },
);

/** The n-th of a list, modulo its length; undefined when it is empty. */
export const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
