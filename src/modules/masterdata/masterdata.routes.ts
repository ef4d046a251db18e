// One set of routes per master-data resource: list, create, get, patch, delete
// (= deactivate), Excel export, template and import.
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, errors } from '../../core/errors.js';
import { XLSX_TYPE, xlsxAttachment } from '../../core/excel.js';
import { binary, text } from '../../core/text.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import { idempotencyKeyHeader, idempotent } from '../../http/idempotency.js';
import { createSchema, filterQuerySchema, patchSchema } from './fields.js';
import * as service from './masterdata.service.js';
import { unitInputSchema } from './product-units.js';
import { MASTER_RESOURCES, type MasterResource } from './resources.js';

export const listQuerySchema = z.object({
  q: text().max(200).optional().openapi({
    description:
      '搜索（编码、名称等包含此文本）；未指定 sort 时编码或条码完全相同者排在最前。Search text; without sort, an exact code or barcode match comes first.',
  }),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  sort: text().max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
});

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const xlsx = { content: { [XLSX_TYPE]: { schema: binary() } } };
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

function queryOf(res: MasterResource, query: z.infer<typeof listQuerySchema> & Record<string, unknown>): service.ListQuery {
  const filters: Record<string, string> = {};
  for (const f of res.fields) if (f.filterable && typeof query[f.key] === 'string') filters[f.key] = query[f.key] as string;
  return {
    q: query.q,
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    active: query.active === undefined ? undefined : query.active === 'true',
    filters,
  };
}

function rowSchema(res: MasterResource) {
  const shape: Record<string, z.ZodType> = { id: z.uuid() };
  for (const f of res.fields) {
    shape[f.key] = z.unknown();
    if (f.ref) shape[f.ref.nameKey] = text().nullable();
  }
  if (res.name === 'products') shape.units = z.array(unitInputSchema);
  shape.active = z.boolean();
  shape.createdAt = text();
  shape.updatedAt = text();
  return z.object(shape).openapi(`${res.en.replace(/\s/g, '')}`);
}

// The plain filename must be ASCII (a header); filename* carries the Chinese name.
const fileName = (res: MasterResource, suffix: string, suffixZh = suffix) => xlsxAttachment(`${res.name}${suffix}`, `${res.zh}${suffixZh}`);

export function masterdataRoutes() {
  const app = newRouter();
  for (const res of MASTER_RESOURCES) {
    const base = `/${res.name}`;
    const tag = `${res.zh} ${res.en}`;
    const extra: Record<string, z.ZodType> = res.name === 'products' ? { units: z.array(unitInputSchema).max(20).optional() } : {};
    const createBody = createSchema(res.fields, extra);
    const patchBody = patchSchema(res.fields, extra);
    const row = rowSchema(res);
    const listQuery = listQuerySchema.extend(filterQuerySchema(res.fields));

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:view`)] as const,
        method: 'get',
        path: base,
        tags: [tag],
        summary: `列表 List ${res.en}`,
        request: { query: listQuery },
        responses: {
          200: json(z.object({ items: z.array(row), total: z.number(), page: z.number(), pageSize: z.number() })),
          ...errorResponses,
        },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:view`);
        return c.json(await service.list(ctx, res, queryOf(res, c.req.valid('query'))), 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:export`)] as const,
        method: 'get',
        path: `${base}/export`,
        tags: [tag],
        summary: `导出 Excel export`,
        request: { query: listQuery },
        responses: { 200: { description: 'xlsx', ...xlsx }, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:export`);
        const buf = await service.exportSheet(ctx, res, queryOf(res, c.req.valid('query')));
        return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': fileName(res, '') });
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:import`)] as const,
        method: 'get',
        path: `${base}/import-template`,
        tags: [tag],
        summary: '导入模板 Import template',
        responses: { 200: { description: 'xlsx', ...xlsx }, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:import`);
        const buf = await service.importTemplate(ctx, res);
        return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': fileName(res, '-template', '-模板') });
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:import`)] as const,
        method: 'post',
        path: `${base}/import`,
        tags: [tag],
        summary: '导入 Excel import (all rows or none)',
        request: { body: { ...xlsx, required: true } },
        responses: {
          200: json(z.object({ imported: z.number(), created: z.number(), updated: z.number() })),
          ...errorResponses,
        },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:import`);
        const length = Number(c.req.header('content-length') ?? 0);
        if (length > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 413, '文件过大（最大 20MB）', 'File too large (max 20 MB)');
        const body = await c.req.arrayBuffer();
        if (body.byteLength === 0) throw errors.unprocessable('IMPORT_EMPTY', '没有上传文件', 'No file was uploaded');
        if (body.byteLength > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 413, '文件过大（最大 20MB）', 'File too large (max 20 MB)');
        return c.json(await service.importSheet(ctx, res, body), 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:create`)] as const,
        method: 'post',
        path: base,
        tags: [tag],
        summary: `新增 Create ${res.en}`,
        request: { headers: idempotencyKeyHeader, body: { ...json(createBody), required: true } },
        responses: { 201: json(row), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:create`);
        const body = c.req.valid('json') as service.Row;
        // A clerk's retry after a lost answer replays it instead of meeting its own code (409).
        return idempotent(c, ctx, body, async (work) => ({ status: 201, body: await service.create(work, res, body) }));
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:view`)] as const,
        method: 'get',
        path: `${base}/{id}`,
        tags: [tag],
        summary: `查看 Get ${res.en}`,
        request: { params: idParam },
        responses: { 200: json(row), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:view`);
        return c.json(await service.get(ctx, res, c.req.valid('param').id), 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:edit`)] as const,
        method: 'patch',
        path: `${base}/{id}`,
        tags: [tag],
        summary: `修改 Edit ${res.en}`,
        request: { params: idParam, body: { ...json(patchBody), required: true } },
        responses: { 200: json(row), ...errorResponses },
      }),
      async (c) => {
        const body = c.req.valid('json') as service.Row;
        const ctx = authorize(c, `${res.name}:edit`);
        // Re-activating is an edit; deactivating is the delete permission.
        if (body.active === false) authorize(c, `${res.name}:delete`);
        return c.json(await service.update(ctx, res, c.req.valid('param').id, body), 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${res.name}:delete`)] as const,
        method: 'delete',
        path: `${base}/{id}`,
        tags: [tag],
        summary: `停用 Deactivate ${res.en} (never deleted: documents reference it)`,
        request: { params: idParam },
        responses: { 200: json(row), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${res.name}:delete`);
        return c.json(await service.deactivate(ctx, res, c.req.valid('param').id), 200);
      },
    );
  }
  return app;
}
