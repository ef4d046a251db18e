// The HTTP server: API under /api/v1, OpenAPI and docs, and the web app, on one port.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { config } from '../config.js';
import { AppError } from '../core/errors.js';
import type { BackupSettings } from '../db/backup/backup.js';
import { isChannelToken } from '../db/backup/server-channel.js';
import type { Database } from '../db/database.js';
import { approvalRoutes } from '../modules/approvals/approvals.routes.js';
import { auditLogRoutes } from '../modules/auth/audit-log.routes.js';
import { SESSION_COOKIE, sessionRoutes, userRoutes } from '../modules/auth/auth.routes.js';
import { resolveSession } from '../modules/auth/auth.service.js';
import { backupRoutes } from '../modules/backups/backups.routes.js';
import { documentRoutes } from '../modules/documents/documents.routes.js';
import { cashRoutes } from '../modules/finance/cash.routes.js';
import { masterdataRoutes } from '../modules/masterdata/masterdata.routes.js';
import { PURCHASING_KINDS } from '../modules/purchasing/kinds.js';
import { purchasingQueryRoutes } from '../modules/purchasing/purchasing.routes.js';
import { complaintRoutes } from '../modules/sales/complaints.routes.js';
import { SALES_KINDS } from '../modules/sales/kinds.js';
import { trackingRoutes } from '../modules/sales/order-tracking.routes.js';
import { salesRoutes } from '../modules/sales/sales.routes.js';
import { settingsRoutes } from '../modules/settings/settings.routes.js';
import { newRouter } from './context.js';
import { rejectCrossSite } from './csrf.js';
import { errorResponse, toAppError } from './errors.js';
import { securityHeaders } from './security-headers.js';
import { utf8JsonBody } from './utf8-body.js';
import { webAppFiles, webAppIndex } from './web-app.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = join(root, 'web/dist');
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;

export interface AppOptions {
  /** The built web app (default web/dist). */
  webDist?: string;
  /** Where POST /api/v1/backups writes (default: ERP_BACKUP_DIR, ERP_BACKUP_KEEP). */
  backups?: BackupSettings;
  /** The token `npm run backup` on this machine shows instead of a session (server-channel.ts). */
  localToken?: string;
}

export function createApp(db: Database, options: AppOptions = {}) {
  const dist = options.webDist ?? webDist;
  const backups = options.backups ?? { dir: config.backupDir, keep: config.backupKeep, pgBin: config.pgBin };
  const app = newRouter();
  app.onError(errorResponse);
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) {
      return errorResponse(new AppError('NOT_FOUND', 404, '接口不存在', `No such endpoint: ${c.req.method} ${c.req.path}`), c);
    }
    return c.text('Not found', 404);
  });

  app.use('*', securityHeaders());
  app.use('/api/*', rejectCrossSite());
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    await next();
  });
  const maxBody = 25 * 1024 * 1024;
  const tooLarge = (c: Context) => errorResponse(new AppError('PAYLOAD_TOO_LARGE', 413, '请求体过大', 'The request body is too large'), c);
  const limitStreamedBody = bodyLimit({ maxSize: maxBody, onError: tooLarge });
  app.use('/api/v1/*', (c, next) => {
    // A declared length is checked from the header alone: asking for the body, as the
    // stock middleware does first, builds a whole WHATWG Request for every call (a
    // bodiless audit included). Only a chunked body is counted as it streams.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > maxBody ? Promise.resolve(tooLarge(c)) : next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limitStreamedBody(c, next);
  });
  // A PATCH or PUT body is JSON; anything else (or none) is refused, not read as {}.
  app.use('/api/v1/*', async (c, next) => {
    if ((c.req.method === 'PATCH' || c.req.method === 'PUT') && !(c.req.header('content-type') ?? '').includes('application/json')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        '请求体应为 JSON（Content-Type: application/json）',
        'The body must be JSON (Content-Type: application/json)',
      );
    }
    await next();
  });
  // Every /api/v1 route except logging in needs a session; the route itself then checks
  // its permission.
  app.use('/api/v1/*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const ctx = token ? await resolveSession(db, token) : undefined;
    if (ctx && token) {
      c.set('ctx', ctx);
      c.set('sessionToken', token);
    } else if (c.req.path === '/api/v1/backups' && isChannelToken(c.req.header('authorization'), options.localToken)) {
      c.set('localOperator', true);
    } else if (!(c.req.path === '/api/v1/session' && (c.req.method === 'POST' || c.req.method === 'DELETE'))) {
      throw new AppError('UNAUTHENTICATED', 401, '请先登录', 'Please log in');
    }
    await next();
  });
  app.use('/api/v1/*', utf8JsonBody());

  // For a load balancer or a monitor: 200 when the database answers, 503 when it does not
  // (this process keeps running and serves again once it is back).
  app.get('/api/health', async (c) => {
    try {
      await db.orm.execute('SELECT 1');
    } catch (err) {
      const appErr = toAppError(err);
      return c.json({ status: 'unavailable', database: db.kind, reachable: false, code: appErr.code, version }, 503, { 'Retry-After': '5' });
    }
    return c.json({ status: 'ok', database: db.kind, reachable: true, version });
  });

  app.route('/api/v1', sessionRoutes());
  app.route('/api/v1', userRoutes());
  app.route('/api/v1', masterdataRoutes());
  app.route('/api/v1', auditLogRoutes());
  app.route('/api/v1', settingsRoutes());
  app.route('/api/v1', documentRoutes(PURCHASING_KINDS));
  app.route('/api/v1', purchasingQueryRoutes());
  app.route('/api/v1', documentRoutes(SALES_KINDS));
  app.route('/api/v1', salesRoutes());
  app.route('/api/v1', complaintRoutes());
  app.route('/api/v1', trackingRoutes());
  app.route('/api/v1', cashRoutes());
  app.route('/api/v1', backupRoutes(backups));
  app.route('/api/v1', approvalRoutes([...PURCHASING_KINDS, ...SALES_KINDS]));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '进销存 API',
      version,
      description:
        'Purchase–sales–inventory API. JSON in camelCase; decimals are strings; errors are `{error:{code,message,messageEn,details}}`. Log in with POST /api/v1/session; the session is an httpOnly cookie.',
    },
    servers: [{ url: '/' }],
  });

  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>进销存 API 文档</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`),
  );
  app.get('/api/docs/init.js', (c) =>
    // validatorUrl 'none': no badge fetched from the internet, whatever layout is used
    c.body("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger', withCredentials: true, validatorUrl: 'none' });", 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
    }),
  );
  app.use('/api/docs/assets/*', serveStatic({ root: swaggerDir, rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, '') }));

  // The web app: static files, and index.html for any other path (client-side routes).
  app.use('/*', webAppFiles(dist));
  const index = webAppIndex(dist);
  app.get('*', async (c) => {
    if (c.req.path.startsWith('/api/')) {
      return errorResponse(new AppError('NOT_FOUND', 404, '接口不存在', `No such endpoint: ${c.req.method} ${c.req.path}`), c);
    }
    return (await index(c)) ?? c.text('Web app not built: run `npm run build:web`', 404);
  });
  return app;
}
