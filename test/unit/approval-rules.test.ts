import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainConfig,
  chainFor,
  type Decision,
  lapses,
  linesFingerprint,
  mayDecide,
  missingSteps,
  roundState,
} from '../../src/modules/approvals/approvals.rules.js';

const PO: ChainConfig = {
  requireBeforeAudit: true,
  steps: [{ role: 'purchasing_manager' }, { role: 'gm', aboveTotal: '50000.00' }],
};
const cents = fc.bigInt({ min: 0n, max: 10_000_000_00n }).map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);

describe('A2 chains and thresholds', () => {
  it('A2 a purchase order up to 50,000.00 needs the purchasing manager; above it the GM too', () => {
    expect(chainFor(PO, '50000.00').map((s) => s.role)).toEqual(['purchasing_manager']);
    expect(chainFor(PO, '50000.01').map((s) => [s.step, s.role])).toEqual([
      [1, 'purchasing_manager'],
      [2, 'gm'],
    ]);
    expect(chainFor({ requireBeforeAudit: false, steps: [] }, '1.00')).toEqual([]);
  });

  it('A2 (property) a step applies exactly when the total is above its threshold; steps keep their order', () => {
    fc.assert(
      fc.property(fc.array(fc.option(cents, { nil: null }), { maxLength: 5 }), cents, (thresholds, total) => {
        const chain = chainFor({ requireBeforeAudit: true, steps: thresholds.map((t, i) => ({ role: `r${i}`, aboveTotal: t })) }, total);
        const expected = thresholds.flatMap((t, i) => (t === null || Number(total) > Number(t) ? [`r${i}`] : []));
        expect(chain.map((s) => s.role)).toEqual(expected);
        expect(chain.map((s) => s.step)).toEqual(expected.map((_, i) => i + 1));
      }),
    );
  });
});

describe('A2 rounds', () => {
  const rows = (...d: Decision[]) => d.map((decision, i) => ({ step: i + 1, decision }));
  it('A2 a round is pending at its first undecided step, approved when all are, rejected when any is', () => {
    expect(roundState([])).toEqual({ status: 'none', current: null });
    expect(roundState(rows('pending', 'pending'))).toEqual({ status: 'pending', current: 1 });
    expect(roundState(rows('approved', 'pending'))).toEqual({ status: 'pending', current: 2 });
    expect(roundState(rows('approved', 'approved'))).toEqual({ status: 'approved', current: null });
    expect(roundState(rows('approved', 'rejected'))).toEqual({ status: 'rejected', current: null });
    expect(roundState(rows('void', 'void'))).toEqual({ status: 'none', current: null });
  });

  it('A2 audit needs every step of the chain applying to the total now', () => {
    const chain = chainFor(PO, '60000.00');
    const given = [
      { step: 1, decision: 'approved' as const, role: 'purchasing_manager', userId: null },
      { step: 2, decision: 'pending' as const, role: 'gm', userId: null },
    ];
    expect(missingSteps(chain, given).map((s) => s.role)).toEqual(['gm']);
    expect(missingSteps(chain, [given[0], { ...given[1], decision: 'approved' }])).toEqual([]);
    // a round approved for a smaller total does not cover the GM step the total now needs
    expect(missingSteps(chain, [given[0]]).map((s) => s.role)).toEqual(['gm']);
  });
});

describe('A2 segregation of duties', () => {
  const step = { role: 'gm', userId: null };
  const gm = { userId: 'u-gm', roleCodes: ['gm'], canApprove: true };
  it('A2 no one decides on what they made or last edited', () => {
    expect(mayDecide(gm, step, { createdBy: 'u-gm', updatedBy: 'x' })).toEqual({ ok: false, problem: 'SELF_APPROVAL' });
    expect(mayDecide(gm, step, { createdBy: 'x', updatedBy: 'u-gm' })).toEqual({ ok: false, problem: 'SELF_APPROVAL' });
    expect(mayDecide(gm, step, { createdBy: 'x', updatedBy: 'x' })).toEqual({ ok: true });
  });
  it('A2 a role step is for its holders, a user step for that user, an open step for approvers', () => {
    const doc = { createdBy: 'x', updatedBy: 'x' };
    expect(mayDecide({ ...gm, roleCodes: ['purchasing_manager'] }, step, doc)).toEqual({ ok: false, problem: 'NOT_APPROVER' });
    expect(mayDecide(gm, { role: null, userId: 'u-other' }, doc)).toEqual({ ok: false, problem: 'NOT_APPROVER' });
    expect(mayDecide(gm, { role: null, userId: 'u-gm' }, doc)).toEqual({ ok: true });
    expect(mayDecide({ ...gm, canApprove: false }, { role: null, userId: null }, doc)).toEqual({ ok: false, problem: 'NOT_APPROVER' });
  });
});

describe('A2 lapse after an edit', () => {
  const lines = linesFingerprint([{ productId: 'p', qty: '10', price: '5.5', total: '55' }]);
  const given = { total: '55.00', partnerId: 's1', lines };
  it('A2 the fingerprint ignores how decimals are written, not what they say', () => {
    expect(linesFingerprint([{ productId: 'p', qty: '10.0000', price: '5.5000', total: '55.00' }])).toBe(lines);
    expect(linesFingerprint([{ productId: 'p', qty: '11', price: '5.5', total: '55' }])).not.toBe(lines);
  });
  it('A2 any change of total, partner or lines voids an approval', () => {
    expect(lapses('any-change', given, { ...given })).toBe(false);
    expect(lapses('any-change', given, { ...given, total: '54.00' })).toBe(true);
    expect(lapses('any-change', given, { ...given, partnerId: 's2' })).toBe(true);
    expect(lapses('any-change', given, { ...given, lines: linesFingerprint([]) })).toBe(true);
  });
  it('A2 S5/S7 (property) a payment or return approval stands while the total does not grow and the partner stays', () => {
    fc.assert(
      fc.property(cents, cents, fc.boolean(), (a, b, samePartner) => {
        const now = { total: b, partnerId: samePartner ? 's1' : 's2', lines: 'other' };
        expect(lapses('total-grows', { ...given, total: a }, now)).toBe(!samePartner || Number(b) > Number(a));
      }),
    );
  });
});
