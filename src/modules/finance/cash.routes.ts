// 资金余额 and 资金流水: GET /cash/balances, GET /cash/journal (+ /export).
import { createRoute, z } from '@hono/zod-openapi';
import { writeSheet, XLSX_TYPE, xlsxAttachment } from '../../core/excel.js';
import { binary, text } from '../../core/text.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import { accountBalances, cashJournal } from './cash-journal.service.js';

const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const journalQuery = z
  .object({ accountId: z.uuid(), from: z.iso.date().optional(), to: z.iso.date().optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from', params: { zh: '结束日期不能早于开始日期' } });
const tag = '资金 Cash and bank';

export function cashRoutes() {
  const app = newRouter();

  app.openapi(
    createRoute({
      middleware: [requires('accounts:view')] as const,
      method: 'get',
      path: '/cash/balances',
      tags: [tag],
      summary: '资金余额 Each settlement account with its balance now',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                code: text(),
                name: text(),
                type: text(),
                active: z.boolean(),
                openingBalance: text(),
                balance: text(),
              }),
            ),
            total: text().openapi({ description: 'the active accounts together' }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await accountBalances(authorize(c, 'accounts:view')), 200),
  );

  app.openapi(
    createRoute({
      middleware: [requires('accounts:view')] as const,
      method: 'get',
      path: '/cash/journal',
      tags: [tag],
      summary: '资金流水 An account’s payments and receipts with the balance after each',
      request: { query: journalQuery },
      responses: { 200: json(z.object({}).passthrough()), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json((await cashJournal(authorize(c, 'accounts:view'), q.accountId, q.from, q.to)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [requires('accounts:export')] as const,
      method: 'get',
      path: '/cash/journal/export',
      tags: [tag],
      request: { query: journalQuery },
      responses: { 200: { description: 'xlsx', content: { [XLSX_TYPE]: { schema: binary() } } }, ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const j = await cashJournal(authorize(c, 'accounts:export'), q.accountId, q.from, q.to);
      const rows = [
        { date: q.from ?? '', kindName: '期初余额', balance: j.opening },
        ...j.lines,
        { date: q.to ?? '', kindName: '本期合计', income: j.totals.income, expense: j.totals.expense, balance: j.closing },
      ];
      const buf = await writeSheet(
        `资金流水-${j.account.name}`,
        [
          { header: '日期', key: 'date' },
          { header: '单号', key: 'number', width: 20 },
          { header: '摘要', key: 'kindName', width: 16 },
          { header: '往来单位', key: 'partnerName', width: 24 },
          { header: '收入', key: 'income', numeric: true },
          { header: '支出', key: 'expense', numeric: true },
          { header: '余额', key: 'balance', numeric: true },
          { header: '备注', key: 'remark', width: 24 },
        ],
        rows as Record<string, unknown>[],
      );
      return c.body(new Uint8Array(buf), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': xlsxAttachment('cash-journal', `资金流水-${j.account.name}`),
      });
    },
  );

  return app;
}
