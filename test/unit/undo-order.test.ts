import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type UndoNode, undoOrder } from '../../src/modules/documents/undo-order.js';

const node = (id: string, auditedAt: number | null = 0): UndoNode => ({ id, number: id, auditedAt });

/** A random graph of documents 0..n-1 where only a later document may block an earlier one (as audits go). */
const dag = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // (earlier, later): the later one blocks the earlier
    edges: fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const),
      { maxLength: 30 },
    ),
    times: fc.array(fc.option(fc.nat(1000), { nil: null }), { minLength: n, maxLength: n }),
  }),
);

describe('9.4 the order to undo what blocks a document', () => {
  it('9.4 lists everything reachable once, each after everything that blocks it', () => {
    fc.assert(
      fc.property(dag, ({ edges, times }) => {
        const blockedBy = new Map<string, UndoNode[]>();
        for (const [a, b] of edges.filter(([x, y]) => x < y)) blockedBy.set(String(a), [...(blockedBy.get(String(a)) ?? []), node(String(b), times[b])]);
        const order = undoOrder('0', blockedBy);
        // reachable from the root, the root left out
        const reach = new Set<string>();
        const walk = (id: string) => {
          for (const b of blockedBy.get(id) ?? []) {
            if (reach.has(b.id)) continue;
            reach.add(b.id);
            walk(b.id);
          }
        };
        walk('0');
        expect([...order].sort()).toEqual([...reach].sort());
        expect(new Set(order).size).toBe(order.length);
        for (const id of order) for (const b of blockedBy.get(id) ?? []) expect(order.indexOf(b.id)).toBeLessThan(order.indexOf(id));
      }),
    );
  });

  it('9.4 a settlement that also settles the return comes before the return, whatever the times say', () => {
    const blockedBy = new Map([
      ['bill', [node('return', 2), node('settlement', 1)]],
      ['return', [node('settlement', 1)]],
    ]);
    expect(undoOrder('bill', blockedBy)).toEqual(['settlement', 'return']);
  });

  it('9.4 independent blockers: unaudited (to delete) first, then newest-audited first, then the later number', () => {
    const blockedBy = new Map([['order', [node('JH-1', 10), node('JH-3', null), node('JH-2', 30), node('JH-4', 30)]]]);
    expect(undoOrder('order', blockedBy)).toEqual(['JH-3', 'JH-4', 'JH-2', 'JH-1']);
  });

  it('9.4 a cycle (no posting makes one) ends: each listed once', () => {
    const blockedBy = new Map([
      ['a', [node('b')]],
      ['b', [node('c')]],
      ['c', [node('a'), node('b')]],
    ]);
    expect(undoOrder('a', blockedBy)).toEqual(['c', 'b']);
  });
});
