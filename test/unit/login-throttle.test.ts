import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  afterAccountFailure,
  afterAddressFailure,
  delaySeconds,
  LAST_ADMIN_MAX_DELAY_SECONDS,
  MAX_DELAY_SECONDS,
  MAX_FAILED_LOGINS,
} from '../../src/modules/auth/login-throttle.js';

describe('10.9 login throttle rules', () => {
  it('10.9 the delay doubles after the free failures and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => delaySeconds(n, 2, 900))).toEqual([0, 0, 1, 2, 4, 8]);
    expect(delaySeconds(100, 2, 900)).toBe(900);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 3600 }), (n, free, cap) => {
        const d = delaySeconds(n, free, cap);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(cap);
        // Never shorter after one more failure.
        expect(delaySeconds(n + 1, free, cap)).toBeGreaterThanOrEqual(d);
      }),
    );
  });

  it('10.9 an ordinary account is locked at the fifth wrong password, not before', () => {
    expect([1, 2, 3, 4].map((n) => afterAccountFailure(n, false).kind)).toEqual(['none', 'none', 'none', 'none']);
    expect(afterAccountFailure(MAX_FAILED_LOGINS, false).kind).toBe('lock');
    expect(afterAccountFailure(MAX_FAILED_LOGINS + 3, false).kind).toBe('lock');
  });

  it('10.9 the last active administrator is never locked, only slowed up to a short cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const v = afterAccountFailure(n, true);
        expect(v.kind).not.toBe('lock');
        if (v.kind === 'delay') expect(v.seconds).toBeLessThanOrEqual(LAST_ADMIN_MAX_DELAY_SECONDS);
      }),
    );
    expect(afterAccountFailure(ACCOUNT_FREE_FAILURES + 1, true)).toEqual({ kind: 'delay', seconds: 1 });
    expect(afterAccountFailure(1000, true)).toEqual({ kind: 'delay', seconds: LAST_ADMIN_MAX_DELAY_SECONDS });
  });

  it('10.9 an address is slowed only after many failures, up to the cap', () => {
    expect(afterAddressFailure(ADDRESS_FREE_FAILURES)).toBe(0);
    expect(afterAddressFailure(ADDRESS_FREE_FAILURES + 1)).toBe(1);
    expect(afterAddressFailure(ADDRESS_FREE_FAILURES + 1000)).toBe(MAX_DELAY_SECONDS);
  });
});
