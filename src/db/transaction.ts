// Short transactions with a bounded retry on serialization failure and deadlock: the
// database picks a victim, we run the victim again from the start.
import { AppError, errors } from '../core/errors.js';
import { type Database, type Executor, holdWrites, type Orm, type Tx } from './database.js';

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

// Statements sent with the COMMIT, per open transaction (PostgreSQL only).
const commitQueues = new WeakMap<object, Promise<unknown>[]>();

/**
 * Sends a statement whose answer the transaction's own code does not need (the last
 * writes of a posting) so that it leaves with the COMMIT: one round trip fewer for every
 * audit. It must be the transaction's last statement, and `send` must hand it to the
 * driver at once (a defineStatement call with arguments already built). A statement the
 * driver refuses before writing it (it reports that on the next tick) throws here, so the
 * transaction rolls back; one the server refuses turns the COMMIT into a rollback, and
 * transaction() throws (and retries) that error. On PGlite, or outside transaction(), it
 * simply runs.
 */
export async function atCommit(tx: Executor, send: () => Promise<unknown>): Promise<void> {
  const queue = commitQueues.get(tx);
  if (!queue) {
    await send();
    return;
  }
  const release = holdWrites(tx);
  let refused: { error: unknown } | undefined;
  let sent: Promise<unknown>;
  try {
    sent = send();
  } catch (err) {
    release();
    throw err;
  }
  sent.catch((error: unknown) => {
    refused ??= { error };
  });
  await new Promise((resolve) => process.nextTick(resolve));
  if (refused) {
    release();
    throw refused.error;
  }
  queue.push(sent);
  // After this tick's promise callbacks, which issue the COMMIT behind it: one write.
  process.nextTick(release);
}

async function firstFailure(sent: Promise<unknown>[]): Promise<unknown> {
  for (const p of sent) {
    try {
      await p;
    } catch (err) {
      return err;
    }
  }
  return undefined;
}

export function transaction<T>(db: Database, fn: (tx: Tx) => Promise<T>, stats?: RetryStats): Promise<T> {
  return withRetry(
    async () => {
      const sentWithCommit: Promise<unknown>[] = [];
      let result: T;
      try {
        result = await db.orm.transaction((tx) => {
          // In a savepoint, the statements wait for the outer transaction's own COMMIT.
          if (db.kind === 'pg' && !savepoints.has(db)) commitQueues.set(tx, sentWithCommit);
          return fn(tx as Tx);
        });
      } catch (err) {
        // A statement after the one that failed only says the transaction was aborted.
        throw (await firstFailure(sentWithCommit)) ?? err;
      }
      // When one of them failed, the server answered the COMMIT by rolling back.
      const failed = await firstFailure(sentWithCommit);
      if (failed) throw failed;
      return result;
    },
    8,
    stats,
  );
}

/**
 * The database as seen from inside an open transaction: a service that opens its own
 * transaction (create a document, audit it) runs in a savepoint of this one, so it can be
 * one step of a bigger change that commits or rolls back as a whole.
 */
export function within(db: Database, tx: Tx): Database {
  const inner: Database = { kind: db.kind, orm: tx as unknown as Orm, close: async () => {} };
  savepoints.add(inner);
  return inner;
}

const savepoints = new WeakSet<Database>();
