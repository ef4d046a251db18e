// How long a login must wait after failures (登录限速). Five wrong passwords used to lock
// any account for 15 minutes, the administrator's included, so anyone who knew a user
// name could lock the firm out. Now failures slow down the account and, separately, the
// client address they come from, with a delay that doubles; an ordinary account is still
// locked after MAX_FAILED_LOGINS until it times out or an administrator unlocks it, but
// the last active administrator is never locked, only slowed (a short cap), so someone
// can always get in to unlock the others.

/** Consecutive wrong passwords that lock an ordinary account. */
export const MAX_FAILED_LOGINS = 5;
/** How long such a lock lasts unless an administrator lifts it first. */
export const LOCK_MINUTES = 15;
/** Failures an account may make before any delay (the next one locks an ordinary account). */
export const ACCOUNT_FREE_FAILURES = MAX_FAILED_LOGINS - 1;
/** Failures an address may make (over every user name) before any delay. */
export const ADDRESS_FREE_FAILURES = 10;
/** An address's failures are forgotten after this long without one. */
export const ADDRESS_WINDOW_MINUTES = 15;
/** The longest delay: of an address, or of an account short of the lock. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** The longest delay of the last active administrator's account. */
export const LAST_ADMIN_MAX_DELAY_SECONDS = 30;

/** Doubling delay after `free` failures: 1 s, 2 s, 4 s … up to `cap`. */
export function delaySeconds(failures: number, free: number, cap: number): number {
  if (failures <= free) return 0;
  return Math.min(cap, 2 ** Math.min(30, failures - free - 1));
}

export type AccountVerdict = { kind: 'none' } | { kind: 'delay'; seconds: number } | { kind: 'lock'; minutes: number };

/** What an account's `failures`-th consecutive wrong password leads to. */
export function afterAccountFailure(failures: number, lastActiveAdmin: boolean): AccountVerdict {
  if (failures >= MAX_FAILED_LOGINS && !lastActiveAdmin) return { kind: 'lock', minutes: LOCK_MINUTES };
  const seconds = delaySeconds(failures, ACCOUNT_FREE_FAILURES, lastActiveAdmin ? LAST_ADMIN_MAX_DELAY_SECONDS : MAX_DELAY_SECONDS);
  return seconds > 0 ? { kind: 'delay', seconds } : { kind: 'none' };
}

/** The delay of an address after its `failures`-th failure within the window. */
export function afterAddressFailure(failures: number): number {
  return delaySeconds(failures, ADDRESS_FREE_FAILURES, MAX_DELAY_SECONDS);
}
