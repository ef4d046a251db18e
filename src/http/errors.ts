// Maps anything thrown while serving a request to the API's error body. Whatever the
// caller can fix is a 4xx with a stable code; only our own bugs are a 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { AppError, errors } from '../core/errors.js';
import { KIND_NAMES, kindsOf, largestOf } from '../core/limits.js';
import { violatedField } from '../core/references.js';
import { issuesOf } from '../core/validation.js';
import { pgError } from '../db/transaction.js';

/** `body`: the request's, to name the field of a foreign-key violation by its path. */
export function toAppError(err: unknown, body?: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return errors.validation(issuesOf(err));
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return errors.malformedJson();
    if (err.status === 413) return new AppError('PAYLOAD_TOO_LARGE', 413, '请求体过大', 'The request body is too large');
    if (err.status === 401) return errors.unauthenticated();
    if (err.status === 415)
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '请求体类型不支持（应为 application/json）', 'Unsupported content type (send application/json)');
    return new AppError('BAD_REQUEST', err.status === 404 ? 404 : 400, '请求无效', err.message || 'Bad request');
  }
  if (err instanceof SyntaxError) return errors.malformedJson();
  if (isDatabaseUnreachable(err)) return errors.databaseUnavailable();
  const pe = pgError(err);
  if (pe?.code) {
    switch (pe.code) {
      case '23505':
        return errors.duplicateCode(pe.constraint?.includes('code') ? 'code' : (pe.constraint ?? 'key'));
      case '23503':
        // The save path checks references first (core/references.ts); this is the
        // schema's foreign key catching what slipped past, named the same way.
        return errors.referenceNotFound(violatedField(pe.detail, body) ?? pe.constraint ?? 'reference');
      case '23514':
        return errors.unprocessable('CHECK_VIOLATION', '数据不符合规则', `A value breaks a rule (${pe.constraint ?? 'check'})`, { constraint: pe.constraint });
      case '23502':
        return errors.validation([{ path: pe.column ?? '', message: '必填', messageEn: 'is required' }]);
      case '22001':
        return errors.validation([{ path: '', message: '文本过长', messageEn: 'text is too long' }]);
      case '22003':
        return numberOutOfRange(pe);
      // text() refuses these at the schema; a path that escaped it still gets a 4xx
      case '22021':
      case '22P05':
        return errors.invalidText('');
      case '22P02':
      case '22007':
      case '22008':
        return errors.validation([{ path: '', message: '格式不正确', messageEn: 'invalid format' }]);
      case '40001':
      case '40P01':
      case '55P03':
        return errors.busy();
      case 'P0001':
        return new AppError('APPEND_ONLY', 409, '该记录只能追加，不能修改或删除', 'These records are append-only', {});
    }
  }
  return new AppError('INTERNAL', 500, '服务器内部错误', 'Internal server error');
}

/** Seconds a client should wait before retrying a 503 (Retry-After). */
const RETRY_AFTER: Record<string, string> = { DATABASE_UNAVAILABLE: '5', BUSY_RETRY: '1' };

/**
 * The database's numeric overflow (22003) that no check before it caught: a balance or
 * total that a posting would carry past its column. It says which limit, from
 * PostgreSQL's own detail ("precision 18, scale 2"), and is logged: a check is missing.
 */
function numberOutOfRange(pe: { message?: string; detail?: string }): AppError {
  console.warn('numeric overflow reached the database:', pe.message, pe.detail ?? '');
  const m = /precision (\d+), scale (\d+)/.exec(pe.detail ?? '');
  const limit = m ? largestOf(Number(m[1]), Number(m[2])) : undefined;
  const names = m ? kindsOf(Number(m[1]), Number(m[2])).map((k) => KIND_NAMES[k]) : [];
  const zhKind = names.map((n) => n.zh).join('、') || '数值';
  const enKind = names.map((n) => n.en).join(' / ') || 'figure';
  return errors.unprocessable(
    'AMOUNT_TOO_LARGE',
    limit
      ? `数值过大：某个合计或余额将超过${zhKind}可记录的上限 ${limit}，已拒绝，未保存任何内容`
      : '数值过大：某个合计或余额超出可记录的范围，已拒绝，未保存任何内容',
    limit
      ? `A figure is too large: a total or balance would exceed the largest ${enKind} recorded, ${limit}; nothing was saved`
      : 'A figure is too large: a total or balance is out of the range recorded; nothing was saved',
    limit ? { limit } : {},
  );
}

/** The request's validated JSON body, if it had one. */
function bodyOf(c: Context): unknown {
  try {
    return (c.req.valid as (target: 'json') => unknown)('json');
  } catch {
    return undefined;
  }
}

export function errorResponse(err: unknown, c: Context) {
  const appErr = toAppError(err, bodyOf(c));
  if (appErr.status >= 500 && appErr.code === 'INTERNAL') console.error(err);
  const retryAfter = RETRY_AFTER[appErr.code] ?? (typeof appErr.details?.retryAfterSeconds === 'number' ? String(appErr.details.retryAfterSeconds) : undefined);
  return c.json(appErr.toBody(), appErr.status, retryAfter ? { 'Retry-After': retryAfter } : {});
}

// SQLSTATE classes and driver errors that mean the server is gone or going, not that the
// request was wrong: 08 connection exception, 57P01–57P03 shut down / restarting.
const UNREACHABLE_STATES = /^(08...|57P0[123])$/;
const UNREACHABLE_SYSCALLS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Connection refused/i;

/** Whether an error says the database cannot be reached (then the request changed nothing). */
export function isDatabaseUnreachable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, message, errors: inner } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_STATES.test(code) || UNREACHABLE_SYSCALLS.has(code))) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
    // Node's AggregateError of a connect to every address of a host name.
    if (Array.isArray(inner) && inner.some(isDatabaseUnreachable)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
