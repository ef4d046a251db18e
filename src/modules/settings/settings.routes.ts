import { createRoute } from '@hono/zod-openapi';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import { getSettings, settingsSchema, updateSettings } from './settings.service.js';

const json = { description: '成功 OK', content: { 'application/json': { schema: settingsSchema } } };

export function settingsRoutes() {
  const app = newRouter();
  app.openapi(
    createRoute({
      middleware: [requires('settings:view')] as const,
      method: 'get',
      path: '/settings',
      tags: ['账套参数 Settings'],
      responses: { 200: json, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'settings:view');
      return c.json(await getSettings(ctx.db.orm, ctx.companyId), 200);
    },
  );
  app.openapi(
    createRoute({
      middleware: [requires('settings:edit')] as const,
      method: 'patch',
      path: '/settings',
      tags: ['账套参数 Settings'],
      request: { body: { content: { 'application/json': { schema: settingsSchema.partial() } }, required: true } },
      responses: { 200: json, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'settings:edit');
      return c.json(await updateSettings(ctx, c.req.valid('json')), 200);
    },
  );
  return app;
}
