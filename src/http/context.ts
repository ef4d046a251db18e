// What every authenticated handler gets: the database and the caller's context.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { errors } from '../core/errors.js';
import { issuesOf } from '../core/validation.js';
import type { Database } from '../db/database.js';
import type { RequestContext } from '../modules/auth/auth.service.js';
import type { Permission } from '../modules/auth/permissions.js';

export interface AppEnv {
  Variables: {
    db: Database;
    ctx: RequestContext;
    sessionToken: string;
    /** A command on this machine that showed the server's local token (npm run backup). */
    localOperator: boolean;
  };
}

export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw errors.validation(issuesOf(result.error));
    },
  });
}

/**
 * Route middleware checking a permission before the body is validated, so a caller
 * without the right gets 403 whatever it sent.
 */
export const requires =
  (permission: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    authorize(c, permission);
    await next();
  };

/** Route middleware: the caller holds at least one of these permissions. */
export const requiresAny =
  (permissions: readonly Permission[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    authorizeAny(c, permissions);
    await next();
  };

/** The caller's context when it holds at least one of these permissions; throws 401/403. */
export function authorizeAny(c: Context<AppEnv>, permissions: readonly Permission[]): RequestContext {
  const ctx = c.get('ctx');
  if (!ctx) throw errors.unauthenticated();
  if (!permissions.some((p) => ctx.permissions.has(p))) throw errors.forbidden(permissions.join(' | '));
  return ctx;
}

/** The caller's context after checking one permission; throws 401/403. */
export function authorize(c: Context<AppEnv>, permission: Permission): RequestContext {
  const ctx = c.get('ctx');
  if (!ctx) throw errors.unauthenticated();
  if (!ctx.permissions.has(permission)) throw errors.forbidden(permission);
  return ctx;
}

export const errorBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object' as const,
        properties: {
          error: {
            type: 'object' as const,
            properties: {
              code: { type: 'string' as const },
              message: { type: 'string' as const },
              messageEn: { type: 'string' as const },
              details: { type: 'object' as const },
            },
          },
        },
      },
    },
  },
};

export const errorResponses = {
  400: { description: '输入有误 Invalid input', ...errorBody },
  401: { description: '未登录 Not logged in', ...errorBody },
  403: { description: '无权限 Forbidden', ...errorBody },
  404: { description: '不存在 Not found', ...errorBody },
  409: { description: '冲突 Conflict', ...errorBody },
  422: { description: '无法处理 Unprocessable', ...errorBody },
};
