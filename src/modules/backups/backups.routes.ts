// 数据备份: take a backup of the whole installation now, and list the backups kept.
// Administrators only (settings:edit, which only 系统管理员 holds among the built-in
// roles), or `npm run backup` on the server's machine with the server's local token.
// A backup is written on the server's disk and never sent over the API.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { text } from '../../core/text.js';
import { type BackupSettings, listBackups, writeBackup } from '../../db/backup/backup.js';
import { type AppEnv, authorize, errorResponses, newRouter } from '../../http/context.js';

const TAGS = ['数据备份 Backups'];

const backupRecord = z.object({
  name: text(),
  path: text(),
  format: z.enum(['pglite', 'pg']),
  bytes: z.number().int(),
  at: text(),
  ms: z.number().int(),
  trigger: z.enum(['command', 'daily', 'api']),
  by: text().optional(),
  pruned: z.array(text()),
});

const listing = z.object({
  dir: text(),
  keep: z.number().int(),
  items: z.array(z.object({ name: text(), format: z.enum(['pglite', 'pg']), at: text(), bytes: z.number().int() })),
});

/** Who is asking for the backup, after checking they may. */
function caller(c: Context<AppEnv>): { trigger: 'command' | 'api'; by?: string } {
  if (c.get('localOperator')) return { trigger: 'command' };
  return { trigger: 'api', by: authorize(c, 'settings:edit').username };
}

export function backupRoutes(settings: BackupSettings) {
  const app = newRouter();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/backups',
      tags: TAGS,
      summary: '立即备份整个数据库 Back up the whole database now (to the server’s backups folder)',
      responses: { 201: { description: '备份已写入 written', content: { 'application/json': { schema: backupRecord } } }, ...errorResponses },
    }),
    async (c) => {
      const who = caller(c);
      const record = await writeBackup(c.get('db'), settings, who);
      return c.json(record, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/backups',
      tags: TAGS,
      summary: '已保留的备份（新的在前） The backups kept, newest first',
      responses: { 200: { description: 'backups', content: { 'application/json': { schema: listing } } }, ...errorResponses },
    }),
    async (c) => {
      if (!c.get('localOperator')) authorize(c, 'settings:edit');
      return c.json({ dir: settings.dir, keep: settings.keep, items: listBackups(settings.dir) }, 200);
    },
  );
  return app;
}
