// S9 客户投诉's routes: the order clerk logs what the customer reports; customer service
// sees a daily summary; the business manager confirms; then a replacement-part order
// (补件单) ships at zero price (or goes to production) or an exchange is made; tracked to closure.
import { createRoute, z } from '@hono/zod-openapi';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import * as service from './complaints.service.js';

const tag = '客户投诉 Complaints';
const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const anyJson = json(z.object({}).passthrough());
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export function complaintRoutes() {
  const app = newRouter();
  /** A step on one complaint: its permission, its body, and the service doing it. */
  const step = <B extends z.ZodType>(
    path: string,
    permission: Permission,
    summary: string,
    body: B,
    run: (ctx: RequestContext, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/complaints/{id}/${path}`,
        middleware: [requires(permission)] as const,
        tags: [tag],
        summary,
        request: { params: idParam, body: { ...json(body), required: true } },
        responses: { 200: anyJson, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, permission);
        // Validated by the route already; parsed here again for their types, which a route built for any body does not carry.
        const { id } = idParam.parse(c.req.param());
        return c.json((await run(ctx, id, body.parse(await c.req.json()))) as never, 200);
      },
    );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints',
      middleware: [requires('complaints:view')] as const,
      tags: [tag],
      request: { query: service.listQuery },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:view');
      return c.json((await service.listComplaints(ctx, c.req.valid('query'))) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/complaints',
      middleware: [requires('complaints:create')] as const,
      tags: [tag],
      request: { body: { ...json(service.complaintBody), required: true } },
      responses: { 201: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:create');
      return c.json((await service.logComplaint(ctx, c.req.valid('json'))) as never, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/complaints/{id}',
      middleware: [requires('complaints:view')] as const,
      tags: [tag],
      request: { params: idParam },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'complaints:view');
      return c.json((await service.viewComplaint(ctx.db.orm, ctx, c.req.valid('param').id)) as never, 200);
    },
  );

  step('confirmation', 'complaints:approve', '业务经理确认 The business manager confirms the complaint', service.confirmBody, service.confirmComplaint);
  step(
    'replacement',
    'sales-orders:create',
    '开补件单 A replacement-part order at zero price (or to production), after confirmation',
    service.replacementBody,
    service.makeReplacement,
  );
  step('close', 'complaints:edit', '结案 Close, with how it ended', service.closeBody, service.closeComplaint);
  return app;
}
