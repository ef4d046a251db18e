// Session (login/logout/switch company), users, and the permission catalogue.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { errors } from '../../core/errors.js';
import { XLSX_TYPE, xlsxAttachment } from '../../core/excel.js';
import { ref } from '../../core/references.js';
import { binary, text } from '../../core/text.js';
import { clientAddress } from '../../http/client-address.js';
import { type AppEnv, authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import { sessionCookieSecure } from '../../http/public-origin.js';
import { listQuerySchema } from '../masterdata/masterdata.routes.js';
import { login, logout, resolveSession, SESSION_HOURS, sessionInfo, switchCompany } from './auth.service.js';
import { ACTIONS, BUILTIN_ROLES, RESOURCES } from './permissions.js';
import { createUser, exportUsers, getUser, listUsers, updateUser } from './users.service.js';

export const SESSION_COOKIE = 'erp_session';
const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const sessionBody = z.object({
  username: text().trim().min(1).max(64),
  password: text().min(1).max(200),
  companyId: z.uuid().optional(),
});

const userCreate = z.object({
  username: text()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_.@-]+$/, { message: 'letters, digits and _ . @ - only' }),
  displayName: text().trim().min(1).max(100),
  password: text().min(8).max(200),
  employeeId: ref('employee').nullable().optional(),
  roleIds: z.array(ref('role')).max(50).optional(),
  active: z.boolean().optional(),
});
const userPatch = userCreate.partial().extend({ locked: z.literal(false).optional() });

const userRow = z
  .object({
    id: z.uuid(),
    username: text(),
    displayName: text(),
    employeeId: z.uuid().nullable(),
    roleIds: z.array(z.uuid()),
    roleNames: z.array(text()),
    active: z.boolean(),
    locked: z.boolean(),
    lastLoginAt: text().nullable(),
  })
  .openapi('User');

const sessionInfoSchema = z
  .object({
    user: z.object({ id: z.uuid(), username: text(), displayName: text(), employeeId: z.uuid().nullable(), employeeName: text().nullable() }),
    company: z.object({ id: z.uuid(), code: text(), name: text() }),
    companies: z.array(z.object({ id: z.uuid(), code: text(), name: text() })),
    permissions: z.array(text()),
    roles: z.array(z.object({ id: z.uuid(), code: text(), name: text() })),
  })
  .openapi('Session');

export function sessionRoutes() {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      tags: ['会话 Session'],
      summary: '登录 Log in (sets the httpOnly cookie erp_session)',
      request: { body: { ...json(sessionBody), required: true } },
      responses: {
        200: json(sessionInfoSchema),
        ...errorResponses,
        423: { description: 'Locked out (ACCOUNT_LOCKED)' },
        429: { description: 'Too many failed logins: wait Retry-After seconds (LOGIN_THROTTLED)' },
      },
    }),
    async (c) => {
      const db = c.get('db');
      const body = c.req.valid('json');
      const { token } = await login(db, body.username, body.password, body.companyId, clientAddress(c));
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: sessionCookieSecure(c),
        maxAge: SESSION_HOURS * 3600,
      });
      const ctx = await resolveSession(db, token);
      if (!ctx) throw errors.unauthenticated();
      return c.json((await sessionInfo(ctx)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['会话 Session'],
      summary: '当前会话 Current session',
      responses: { 200: json(sessionInfoSchema), ...errorResponses },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      if (!ctx) throw errors.unauthenticated();
      return c.json((await sessionInfo(ctx)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      tags: ['会话 Session'],
      summary: '退出 Log out',
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await logout(c.get('db'), token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: sessionCookieSecure(c) });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/session/company',
      tags: ['会话 Session'],
      summary: '切换账套 Switch company',
      request: { body: { ...json(z.object({ companyId: z.uuid() })), required: true } },
      responses: { 200: json(sessionInfoSchema), ...errorResponses },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      if (!ctx) throw errors.unauthenticated();
      const token = c.get('sessionToken');
      await switchCompany(ctx.db, token, ctx.userId, c.req.valid('json').companyId);
      const next = await resolveSession(ctx.db, token);
      if (!next) throw errors.unauthenticated();
      return c.json((await sessionInfo(next)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/meta',
      tags: ['会话 Session'],
      summary: '权限目录 Permission catalogue',
      responses: { 200: json(z.object({})), ...errorResponses },
    }),
    (c) => {
      if (!c.get('ctx')) throw errors.unauthenticated();
      return c.json(
        {
          resources: Object.entries(RESOURCES).map(([key, v]) => ({ key, ...v })),
          actions: ACTIONS,
          builtinRoles: BUILTIN_ROLES.map((r) => ({ code: r.code, name: r.name })),
        },
        200,
      );
    },
  );
  return app;
}

export function userRoutes() {
  const app = newRouter();
  const tag = '用户 Users';
  const activeOf = (a?: 'true' | 'false') => (a === undefined ? undefined : a === 'true');

  app.openapi(
    createRoute({
      middleware: [requires('users:view')] as const,
      method: 'get',
      path: '/users',
      tags: [tag],
      request: { query: listQuerySchema },
      responses: { 200: json(z.object({ items: z.array(userRow), total: z.number() })), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'users:view');
      const q = c.req.valid('query');
      return c.json((await listUsers(ctx, { ...q, active: activeOf(q.active) })) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('users:export')] as const,
      method: 'get',
      path: '/users/export',
      tags: [tag],
      request: { query: listQuerySchema },
      responses: { 200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } }, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'users:export');
      const q = c.req.valid('query');
      const buf = await exportUsers(ctx, { q: q.q, active: activeOf(q.active) });
      return c.body(new Uint8Array(buf), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': xlsxAttachment('users', '用户'),
      });
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('users:create')] as const,
      method: 'post',
      path: '/users',
      tags: [tag],
      request: { body: { ...json(userCreate), required: true } },
      responses: { 201: json(userRow), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'users:create');
      return c.json((await createUser(ctx, c.req.valid('json'))) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('users:view')] as const,
      method: 'get',
      path: '/users/{id}',
      tags: [tag],
      request: { params: idParam },
      responses: { 200: json(userRow), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'users:view');
      return c.json((await getUser(ctx, c.req.valid('param').id)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('users:edit')] as const,
      method: 'patch',
      path: '/users/{id}',
      tags: [tag],
      request: { params: idParam, body: { ...json(userPatch), required: true } },
      responses: { 200: json(userRow), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const ctx = authorize(c, 'users:edit');
      if (body.active === false) authorize(c, 'users:delete');
      return c.json((await updateUser(ctx, c.req.valid('param').id, body)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('users:delete')] as const,
      method: 'delete',
      path: '/users/{id}',
      tags: [tag],
      summary: '停用 Deactivate (the login stays for history)',
      request: { params: idParam },
      responses: { 200: json(userRow), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'users:delete');
      return c.json((await updateUser(ctx, c.req.valid('param').id, { active: false })) as never, 200);
    },
  );
  return app;
}

export type { AppEnv };
