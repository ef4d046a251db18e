// 操作日志: who changed what and when, read-only.
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { officeDayBounds } from '../../core/office-day.js';
import { text } from '../../core/text.js';
import { auditLog, users } from '../../db/schema.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';

const query = z.object({
  entity: text().max(64).optional(),
  entityId: text().max(64).optional(),
  userId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

export function auditLogRoutes() {
  const app = newRouter();
  app.openapi(
    createRoute({
      middleware: [requires('audit-log:view')] as const,
      method: 'get',
      path: '/audit-log',
      tags: ['操作日志 Audit log'],
      summary: '谁在何时改了什么 Who changed what, when (newest first)',
      request: { query },
      responses: { 200: { description: 'entries', content: { 'application/json': { schema: z.object({}) } } }, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'audit-log:view');
      const q = c.req.valid('query');
      const conds: SQL[] = [eq(auditLog.companyId, ctx.companyId)];
      if (q.entity) conds.push(eq(auditLog.entity, q.entity));
      if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
      if (q.userId) conds.push(eq(auditLog.userId, q.userId));
      if (q.from) conds.push(gte(auditLog.at, officeDayBounds(q.from).start));
      if (q.to) conds.push(lt(auditLog.at, officeDayBounds(q.to).end));
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const where = and(...conds);
      const [{ total }] = await ctx.db.orm.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
      const items = await ctx.db.orm
        .select({
          id: auditLog.id,
          at: auditLog.at,
          userId: auditLog.userId,
          username: users.username,
          action: auditLog.action,
          entity: auditLog.entity,
          entityId: auditLog.entityId,
          before: auditLog.before,
          after: auditLog.after,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return c.json({ items, total: Number(total), page, pageSize } as never, 200);
    },
  );
  return app;
}
