// The routes every document kind has: list, create, get, edit, delete (unaudited only),
// audit, un-audit, Excel export; orders also close.
import { createRoute, z } from '@hono/zod-openapi';
import { writeSheet, XLSX_TYPE, xlsxAttachment } from '../../core/excel.js';
import { binary, text } from '../../core/text.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import { idempotencyKeyHeader, idempotent } from '../../http/idempotency.js';
import * as views from './document-views.js';
import * as service from './documents.service.js';
import type { DocumentKind } from './documents.types.js';
import { seesMoney } from './money-visibility.js';

export const documentListQuery = z.object({
  q: text().max(200).optional(),
  status: text().max(100).optional(),
  supplierId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  settlementStatus: z.enum(['unsettled', 'partial', 'settled']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  sort: text().max(32).optional(),
});

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
/** The document's version the caller edited (its `version` field), e.g. `If-Match: 3` or `"3"`. */
const ifMatch = z.object({
  'if-match': text()
    .superRefine((v, ctx) => {
      // a strong match on the version only: a weak tag (W/"3") never matches for an edit
      if (!/^(\d+|"\d+")$/.test(v.trim()))
        ctx.addIssue({ code: 'custom', message: 'must be the version of the document, e.g. 3', params: { zh: '须为单据的版本号 (version)，如 3' } });
    })
    .optional()
    // The name stays the key: Hono hands header validators lower-case names, and a
    // param name that differs from its key (If-Match) breaks the OpenAPI generator.
    // Header names are case-insensitive, so clients may still send If-Match.
    .openapi({ param: { in: 'header' }, example: '3', description: 'The version edited (`If-Match: 3`); otherwise 412 DOCUMENT_CHANGED' }),
});
const changedSince = { 412: { ...errorResponses[409], description: '已被他人修改 Changed since that version (If-Match)' } };
const versionOf = (header: string | undefined) => (header === undefined ? undefined : Number(header.replace(/\D/g, '')));
const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const documentView = z.object({}).passthrough().openapi('Document');
const idempotencyHeader = idempotencyKeyHeader.extend({
  prefer: text().max(100).optional().openapi({ description: '`return=minimal`: answer with {id, number, status, auditedAt…} instead of the whole document' }),
});
const wantsMinimal = (prefer: string | undefined) => /return=minimal/i.test(prefer ?? '');

/** One document to undo first (blockers.ts `Blocker`). */
const unauditBlocker = z
  .object({
    id: z.uuid(),
    kind: text().openapi({ example: 'purchase_settlement' }),
    kindName: text().openapi({ example: '进货结算单' }),
    kindNameEn: text().openapi({ example: 'Purchase settlement' }),
    number: text().openapi({ example: 'JJ-20261126-0001' }),
    date: z.iso.date(),
    status: text().openapi({ example: 'audited' }),
    steps: z
      .array(z.enum(['unaudit', 'delete']))
      .openapi({ description: 'What to do with it, in order: un-audit it; a bill pulled from the order being un-audited is deleted as well' }),
    blocks: z.array(text()).openapi({ description: 'The numbers of the documents it blocks directly, in undo order' }),
    resource: text().nullable().openapi({ example: 'purchase-settlements' }),
    path: text().nullable().openapi({ example: '/api/v1/purchase-settlements/0b6c…', description: "The document's path in this API" }),
  })
  .openapi('UnauditBlocker');

/** A refused 反审核: the codes stay what they always were; details name every blocker (issue 9.4). */
const unauditRefused = {
  409: {
    description:
      '冲突 Conflict. DOCUMENT_HAS_DEPENDANTS / DOCUMENT_SETTLED: details.blockers lists every document in the way, in the order to undo them (a settlement that also settles a return before the return); NOT_AUDITED, STOCK_INSUFFICIENT… carry their own details',
    content: {
      'application/json': {
        schema: z
          .object({
            error: z.object({
              code: text().openapi({ example: 'DOCUMENT_HAS_DEPENDANTS' }),
              message: text(),
              messageEn: text(),
              details: z
                .object({
                  blockers: z.array(unauditBlocker).optional(),
                  blockedBy: z.array(text()).optional().openapi({ description: 'The blockers’ numbers, in the same order' }),
                  settled: text().optional().openapi({ description: 'DOCUMENT_SETTLED: the amount settled on the document' }),
                  truncated: z.boolean().optional().openapi({ description: 'More blockers than listed' }),
                })
                .catchall(z.unknown())
                .optional(),
            }),
          })
          .openapi('UnauditRefusal'),
      },
    },
  },
};

export function documentRoutes(kinds: DocumentKind[]) {
  const app = newRouter();
  for (const kind of kinds) {
    const base = `/${kind.resource}`;
    const tag = `${kind.zh} ${kind.en}`;
    const listQuery = (q: z.infer<typeof documentListQuery>) => ({ ...q, partnerId: q.supplierId ?? q.customerId });

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:view`)] as const,
        method: 'get',
        path: base,
        tags: [tag],
        summary: `列表 List (filters: status, supplier, warehouse, date range, number)`,
        request: { query: documentListQuery },
        responses: { 200: json(z.object({ items: z.array(documentView), total: z.number() })), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:view`);
        return c.json((await views.listDocuments(ctx, kind, listQuery(c.req.valid('query')))) as never, 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:export`)] as const,
        method: 'get',
        path: `${base}/export`,
        tags: [tag],
        summary: '导出 Excel export of the list',
        request: { query: documentListQuery },
        responses: { 200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } }, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:export`);
        const { items } = await views.listDocuments(ctx, kind, listQuery(c.req.valid('query')), true);
        const money = ['prepayment', 'purchase_settlement', 'receipt', 'advance_receipt'].includes(kind.kind);
        const settles = ['purchase_bill', 'purchase_return', 'sales_delivery', 'sales_return'].includes(kind.kind);
        // X4 without <resource>:price the money columns are left out, not sent blank
        const priced = seesMoney(ctx, kind);
        const buf = await writeSheet(
          kind.zh,
          [
            { header: '单号', key: 'number', width: 20 },
            { header: '日期', key: 'date', width: 12 },
            { header: kind.partner === 'supplier' ? '供应商' : '客户', key: 'partnerName', width: 30 },
            ...(money ? [{ header: '结算账户', key: 'accountName', width: 16 }] : [{ header: '仓库', key: 'warehouseName', width: 12 }]),
            ...(money ? [] : [{ header: '数量', key: 'totalQty', numeric: true }]),
            ...(kind.kind === 'purchase_settlement' ? [{ header: '付款总额', key: 'paymentTotal', numeric: true }] : []),
            ...(kind.kind === 'receipt' ? [{ header: '收款总额', key: 'paymentTotal', numeric: true }] : []),
            ...(priced ? [{ header: '金额', key: 'total', numeric: true, width: 14 }] : []),
            // what an audited bill, return or delivery still has to be paid or collected
            ...(settles && priced ? [{ header: '未结金额', key: 'openAmount', numeric: true, width: 14 }] : []),
            ...(settles ? [{ header: '结算状态', key: 'settlementStatusName' }] : []),
            { header: '状态', key: 'statusName' },
            { header: '备注', key: 'remark', width: 30 },
          ],
          items as Record<string, unknown>[],
        );
        return c.body(new Uint8Array(buf), 200, {
          'Content-Type': XLSX_TYPE,
          'Content-Disposition': xlsxAttachment(kind.resource, kind.zh),
        });
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:create`)] as const,
        method: 'post',
        path: base,
        tags: [tag],
        summary: `新增 Create (saved, unaudited: posts nothing)`,
        request: { headers: idempotencyHeader, body: { ...json(kind.createSchema), required: true } },
        responses: { 201: json(documentView), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:create`);
        const body = c.req.valid('json') as Record<string, unknown>;
        return idempotent(c, ctx, body, async (work) => ({ status: 201, body: await service.createDocument(work, kind, body) }));
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:view`)] as const,
        method: 'get',
        path: `${base}/{id}`,
        tags: [tag],
        request: { params: idParam },
        responses: { 200: json(documentView), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:view`);
        return c.json((await views.viewDocument(ctx.db.orm, ctx, kind, c.req.valid('param').id)) as never, 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:edit`)] as const,
        method: 'patch',
        path: `${base}/{id}`,
        tags: [tag],
        summary: '修改 Edit (only while unaudited; the body replaces header and lines; If-Match: the version edited, else 412 DOCUMENT_CHANGED)',
        request: { params: idParam, headers: ifMatch, body: { ...json(kind.createSchema), required: true } },
        responses: { 200: json(documentView), ...errorResponses, ...changedSince },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:edit`);
        const body = c.req.valid('json') as Record<string, unknown>;
        return c.json((await service.updateDocument(ctx, kind, c.req.valid('param').id, body, versionOf(c.req.header('if-match')))) as never, 200);
      },
    );

    app.openapi(
      createRoute({
        middleware: [requires(`${kind.resource}:delete`)] as const,
        method: 'delete',
        path: `${base}/{id}`,
        tags: [tag],
        summary: '删除 Delete (only while unaudited; kept as 已删除 so its number stays accounted for; If-Match as for edit)',
        request: { params: idParam, headers: ifMatch },
        responses: { 200: json(z.object({ id: z.uuid(), number: text(), deleted: z.boolean() })), ...errorResponses, ...changedSince },
      }),
      async (c) => {
        const ctx = authorize(c, `${kind.resource}:delete`);
        return c.json(await service.deleteDocument(ctx, kind, c.req.valid('param').id, versionOf(c.req.header('if-match'))), 200);
      },
    );

    const statusChanges = [
      {
        action: 'audit',
        summary: '审核 Audit (posts; a second audit is refused, nothing posts twice; If-Match: the version audited, else 412)',
        run: service.auditDocument,
      },
      {
        action: 'unaudit',
        summary: '反审核 Un-audit (reversal entries; refused when later documents depend on it; If-Match as for audit)',
        run: service.unauditDocument,
      },
    ] as const;
    for (const change of statusChanges) {
      app.openapi(
        createRoute({
          middleware: [requires(`${kind.resource}:audit`)] as const,
          method: 'post',
          path: `${base}/{id}/${change.action}`,
          tags: [tag],
          summary: change.summary,
          request: { params: idParam, headers: idempotencyHeader.extend(ifMatch.shape) },
          responses: { 200: json(documentView), ...errorResponses, ...changedSince, ...(change.action === 'unaudit' ? unauditRefused : {}) },
        }),
        async (c) => {
          const ctx = authorize(c, `${kind.resource}:audit`);
          const { id } = c.req.valid('param');
          const minimal = wantsMinimal(c.req.header('prefer'));
          const version = versionOf(c.req.header('if-match'));
          return idempotent(c, ctx, { id, action: change.action, minimal, version }, async (work) => ({
            status: 200,
            body: await change.run(work, kind, id, minimal, version),
          }));
        },
      );
    }

    if (kind.isOrder) {
      app.openapi(
        createRoute({
          middleware: [requires(`${kind.resource}:edit`)] as const,
          method: 'post',
          path: `${base}/{id}/close`,
          tags: [tag],
          summary: '关闭 Close by hand',
          request: { params: idParam },
          responses: { 200: json(documentView), ...errorResponses },
        }),
        async (c) => {
          const ctx = authorize(c, `${kind.resource}:edit`);
          return c.json((await service.closeDocument(ctx, kind, c.req.valid('param').id)) as never, 200);
        },
      );
    }
  }
  return app;
}
