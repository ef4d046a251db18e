// Idempotency-Key on POSTs that create or post documents: the same key with the same
// request replays the first answer, so a client retrying after a lost reply never posts
// twice; the same key with another request is a 409.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { AppError, errors } from '../core/errors.js';
import { idempotencyKeys } from '../db/schema.js';
import type { RequestContext } from '../modules/auth/auth.service.js';
import type { AppEnv } from './context.js';
import { toAppError } from './errors.js';

export interface Outcome {
  status: 200 | 201;
  body: unknown;
}

export async function idempotent(c: Context<AppEnv>, ctx: RequestContext, request: unknown, run: () => Promise<Outcome>): Promise<never> {
  const key = c.req.header('Idempotency-Key');
  if (!key) {
    const out = await run();
    return c.json(out.body as never, out.status) as never;
  }
  if (key.length > 200) throw errors.validation([{ path: 'Idempotency-Key', message: '过长（最多 200 字符）', messageEn: 'is too long (max 200)' }]);
  const hash = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n${JSON.stringify(request ?? null)}`)
    .digest('hex');
  const db = ctx.db.orm;
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ companyId: ctx.companyId, key, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(eq(idempotencyKeys.companyId, ctx.companyId), eq(idempotencyKeys.key, key));
  if (claimed.length === 0) {
    const [prior] = await db.select().from(idempotencyKeys).where(where);
    if (prior && prior.requestHash !== hash) {
      throw errors.conflict('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request', { key });
    }
    if (!prior || prior.status === null) {
      throw errors.conflict('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理中，请稍后重试', 'The same request is still being processed; retry shortly', { key });
    }
    return c.json(prior.response as never, prior.status as never, { 'Idempotency-Replayed': 'true' }) as never;
  }
  try {
    const out = await run();
    await db
      .update(idempotencyKeys)
      .set({ status: out.status, response: out.body as object })
      .where(where);
    return c.json(out.body as never, out.status) as never;
  } catch (err) {
    const appErr = toAppError(err);
    if (appErr instanceof AppError && appErr.status < 500) {
      // A refusal is an answer too: the retry gets the same one.
      await db.update(idempotencyKeys).set({ status: appErr.status, response: appErr.toBody() }).where(where);
    } else {
      // The request did not complete: free the key so a retry can run it.
      await db.delete(idempotencyKeys).where(where);
    }
    throw err;
  }
}
