// Short transactions with a bounded retry on serialization failure and deadlock: the
// database picks a victim, we run the victim again from the start.
import { AppError, errors } from '../core/errors.js';
import type { Database, Tx } from './database.js';

const RETRYABLE = new Set(['40001', '40P01']);

export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  // drizzle wraps driver errors in DrizzleQueryError with the original as cause.
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The driver error under drizzle's wrapper, for its constraint / detail fields. */
export function pgError(err: unknown): { code?: string; constraint?: string; detail?: string; message?: string; column?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as never;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface RetryStats {
  retries: number;
}

/** Retries in this process since start (the bench reports it). */
export const retryCounter: RetryStats = { retries: 0 };

export async function withRetry<T>(fn: () => Promise<T>, attempts = 8, stats?: RetryStats): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = pgErrorCode(err);
      if (!code || !RETRYABLE.has(code)) throw err;
      if (attempt >= attempts) throw errors.busy();
      if (stats) stats.retries++;
      retryCounter.retries++;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>, stats?: RetryStats): Promise<T> {
  return withRetry(() => db.orm.transaction((tx) => fn(tx as Tx)), 8, stats);
}
