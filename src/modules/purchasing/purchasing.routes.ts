// Purchasing queries beside the document routes: stock, the stock ledger, a supplier's
// balance, open items and statement, and the default purchase price (P4).
import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../core/errors.js';
import { xlsxAttachment as attachment, writeSheet, XLSX_TYPE } from '../../core/excel.js';
import { binary, text } from '../../core/text.js';
import { authorize, errorResponses, newRouter, requires, requiresAny } from '../../http/context.js';
import { seesStockCost, stockMoves, stockOnHand } from '../inventory/stock.service.js';
import { ACCOUNT_VIEWERS, supplierBalance, supplierOpenItems, supplierStatement } from '../trade/partner-accounts.service.js';
import { defaultPurchasePrice } from './purchase-lines.js';

const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const anyJson = json(z.object({}).passthrough());
const xlsx = { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } };
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const page = {
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
};
const stockQuery = z.object({
  productId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  q: text().max(100).optional(),
  nonZero: z.enum(['true', 'false']).optional(),
  ...page,
});
const movesQuery = z.object({
  productId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...page,
});
const rangeQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

export function purchasingQueryRoutes() {
  const app = newRouter();
  const stockTag = '库存 Stock';
  const supplierTag = '供应商往来 Supplier account';

  app.openapi(
    createRoute({
      middleware: [requires('stock:view')] as const,
      method: 'get',
      path: '/stock',
      tags: [stockTag],
      summary: '库存 Stock on hand per product and warehouse',
      request: { query: stockQuery },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'stock:view');
      const q = c.req.valid('query');
      return c.json((await stockOnHand(ctx, { ...q, nonZero: q.nonZero === 'true' })) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('stock:export')] as const,
      method: 'get',
      path: '/stock/export',
      tags: [stockTag],
      request: { query: stockQuery },
      responses: { 200: xlsx, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'stock:export');
      const q = c.req.valid('query');
      const { items } = await stockOnHand(ctx, { ...q, nonZero: q.nonZero === 'true' }, true);
      const buf = await writeSheet(
        '库存',
        [
          { header: '商品编码', key: 'productCode', width: 16 },
          { header: '商品名称', key: 'productName', width: 24 },
          { header: '规格型号', key: 'spec' },
          { header: '颜色', key: 'colour' },
          { header: '尺码', key: 'size' },
          { header: '仓库', key: 'warehouseName' },
          { header: '数量', key: 'qty', numeric: true },
          { header: '单位', key: 'baseUnit' },
          // X4 without stock:price the cost columns are left out, not sent blank
          ...(seesStockCost(ctx)
            ? [
                { header: '成本单价', key: 'avgCost', numeric: true },
                { header: '库存金额', key: 'value', numeric: true },
              ]
            : []),
        ],
        items as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('stock', '库存') });
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('stock:view')] as const,
      method: 'get',
      path: '/stock/moves',
      tags: [stockTag],
      summary: '库存流水 Stock ledger with running balance',
      request: { query: movesQuery },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'stock:view');
      return c.json((await stockMoves(ctx, c.req.valid('query'))) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('stock:export')] as const,
      method: 'get',
      path: '/stock/moves/export',
      tags: [stockTag],
      request: { query: movesQuery },
      responses: { 200: xlsx, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'stock:export');
      const { items } = await stockMoves(ctx, c.req.valid('query'), true);
      const buf = await writeSheet(
        '库存流水',
        [
          { header: '日期', key: 'date' },
          { header: '单号', key: 'number', width: 20 },
          { header: '单据类型', key: 'kindName', width: 16 },
          { header: '商品编码', key: 'productCode', width: 16 },
          { header: '商品名称', key: 'productName', width: 24 },
          { header: '仓库', key: 'warehouseName' },
          { header: '入库数量', key: 'inQty', numeric: true },
          { header: '出库数量', key: 'outQty', numeric: true },
          ...(seesStockCost(ctx) ? [{ header: '成本金额', key: 'cost', numeric: true }] : []),
          { header: '结存数量', key: 'balanceQty', numeric: true },
          ...(seesStockCost(ctx) ? [{ header: '结存金额', key: 'balanceValue', numeric: true }] : []),
        ],
        items as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('stock-moves', '库存流水') });
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('suppliers:view'), requiresAny(ACCOUNT_VIEWERS.supplier)] as const,
      method: 'get',
      path: '/suppliers/{id}/balance',
      tags: [supplierTag],
      summary: '供应商余额 {payable, prepaid}',
      request: { params: idParam },
      responses: { 200: json(z.object({ payable: text(), prepaid: text(), net: text() })), ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'suppliers:view');
      return c.json(await supplierBalance(ctx, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('suppliers:view'), requiresAny(ACCOUNT_VIEWERS.supplier)] as const,
      method: 'get',
      path: '/suppliers/{id}/open-items',
      tags: [supplierTag],
      summary: '待结算单据 Open bills and returns',
      request: { params: idParam },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'suppliers:view');
      return c.json({ items: await supplierOpenItems(ctx, c.req.valid('param').id) } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('suppliers:view'), requiresAny(ACCOUNT_VIEWERS.supplier)] as const,
      method: 'get',
      path: '/suppliers/{id}/statement',
      tags: [supplierTag],
      summary: '对账单 Statement with running balance',
      request: { params: idParam, query: rangeQuery },
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'suppliers:view');
      const { from, to } = c.req.valid('query');
      return c.json((await supplierStatement(ctx, c.req.valid('param').id, from, to)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('suppliers:export'), requiresAny(ACCOUNT_VIEWERS.supplier)] as const,
      method: 'get',
      path: '/suppliers/{id}/statement/export',
      tags: [supplierTag],
      request: { params: idParam, query: rangeQuery },
      responses: { 200: xlsx, ...errorResponses },
    }),
    async (c) => {
      const ctx = authorize(c, 'suppliers:export');
      const { from, to } = c.req.valid('query');
      const st = await supplierStatement(ctx, c.req.valid('param').id, from, to);
      const rows = [
        { date: from ?? '', kindName: '期初余额', balance: st.opening.balance },
        ...st.lines,
        { date: to ?? '', kindName: '期末余额', balance: st.closing.balance },
      ];
      const buf = await writeSheet(
        `对账单-${st.supplier.name}`,
        [
          { header: '日期', key: 'date' },
          { header: '单号', key: 'number', width: 20 },
          { header: '摘要', key: 'kindName', width: 18 },
          { header: '增加应付', key: 'increase', numeric: true },
          { header: '减少应付', key: 'decrease', numeric: true },
          { header: '余额', key: 'balance', numeric: true },
          { header: '备注', key: 'remark', width: 30 },
        ],
        rows as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('statement', `对账单-${st.supplier.name}`) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/purchase-prices/default',
      tags: ['进货单 Purchase bill'],
      summary: '默认进价 Default unit price of a new bill line (P4)',
      request: { query: z.object({ productId: z.uuid(), supplierId: z.uuid().optional() }) },
      responses: { 200: json(z.object({ price: text().nullable(), source: text().nullable() })), ...errorResponses },
    }),
    async (c) => {
      // Anyone who enters purchase orders or bills may ask for the default price.
      const ctx = c.get('ctx');
      if (!ctx) throw errors.unauthenticated();
      if (!ctx.permissions.has('purchase-bills:view') && !ctx.permissions.has('purchase-orders:view')) throw errors.forbidden('purchase-bills:view');
      // X4 it is a purchase price: who may not see purchase prices gets it as null, like a bill's
      if (!ctx.permissions.has('purchase-bills:price') && !ctx.permissions.has('purchase-orders:price')) return c.json({ price: null, source: null }, 200);
      const q = c.req.valid('query');
      const d = await defaultPurchasePrice(ctx.db.orm, ctx, q.supplierId ?? null, q.productId);
      return c.json({ price: d.price ? d.price.toDecimalPlaces(4).toFixed(4) : null, source: d.source }, 200);
    },
  );
  return app;
}
