// Idempotency-Key on POSTs that create or post documents: the same key with the same
// request replays the first answer, so a client retrying after a lost reply never posts
// twice; the same key with another request is a 409.
//
// The key's record is written in the same transaction as the work it guards, so it exists
// exactly when the work does: a server killed mid-request leaves neither behind, and the
// retry runs the request once. A second request with the same key while the first is
// still running waits on the key's row (PostgreSQL) or the single connection (PGlite),
// then replays the first one's answer.
import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { type AppError, errors } from '../core/errors.js';
import { text } from '../core/text.js';
import type { Tx } from '../db/database.js';
import { idempotencyKeys } from '../db/schema.js';
import { transaction, within } from '../db/transaction.js';
import type { RequestContext } from '../modules/auth/auth.service.js';
import type { AppEnv } from './context.js';
import { toAppError } from './errors.js';

export interface Outcome {
  status: 200 | 201;
  body: unknown;
}

/** The request header of every route that takes a key (documents, master data). */
export const idempotencyKeyHeader = z.object({
  'idempotency-key': text().max(200).optional().openapi({ description: 'Same key + same body → the first result; another body → 409' }),
});

type Answer = { status: number; body: unknown; replayed: boolean; refusal?: AppError };

export async function idempotent(c: Context<AppEnv>, ctx: RequestContext, request: unknown, run: (ctx: RequestContext) => Promise<Outcome>): Promise<never> {
  const key = c.req.header('Idempotency-Key');
  if (!key) {
    const out = await run(ctx);
    return c.json(out.body as never, out.status) as never;
  }
  if (key.length > 200) throw errors.validation([{ path: 'Idempotency-Key', message: '过长（最多 200 字符）', messageEn: 'is too long (max 200)' }]);
  const hash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${JSON.stringify(request ?? null)}`)
    .digest('hex');
  const answer = await transaction(ctx.db, (tx) => guarded(tx, ctx, key, hash, run, request));
  if (answer.refusal) throw answer.refusal;
  return c.json(answer.body as never, answer.status as never, answer.replayed ? { 'Idempotency-Replayed': 'true' } : {}) as never;
}

async function guarded(
  tx: Tx,
  ctx: RequestContext,
  key: string,
  hash: string,
  run: (ctx: RequestContext) => Promise<Outcome>,
  request: unknown,
): Promise<Answer> {
  const where = and(eq(idempotencyKeys.companyId, ctx.companyId), eq(idempotencyKeys.userId, ctx.userId), eq(idempotencyKeys.key, key));
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ companyId: ctx.companyId, userId: ctx.userId, key, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [prior] = await tx.select().from(idempotencyKeys).where(where);
    if (prior && prior.requestHash !== hash) {
      throw errors.conflict('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request', { key });
    }
    // Rows of an older version could have been left unfinished by a crash; none are now.
    if (!prior || prior.status === null) {
      throw errors.conflict('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理中，请稍后重试', 'The same request is still being processed; retry shortly', { key });
    }
    return { status: prior.status, body: prior.response, replayed: true };
  }
  let answer: Answer;
  try {
    // A savepoint: a refusal rolls back what the work wrote, and the refusal is kept.
    const out = await tx.transaction((work) => run({ ...ctx, db: within(ctx.db, work as unknown as Tx) }));
    answer = { status: out.status, body: out.body, replayed: false };
  } catch (err) {
    const appErr = toAppError(err, request);
    // Anything else (a bug, the database gone) rolls the key back with the work.
    if (appErr.status >= 500) throw err;
    answer = { status: appErr.status, body: appErr.toBody(), replayed: false, refusal: appErr };
  }
  await tx
    .update(idempotencyKeys)
    .set({ status: answer.status, response: answer.body as object })
    .where(where);
  return answer;
}
