// 跟单's routes: what happens to a sales order between the fax and the truck (S4), and to
// a delivery between the truck and the cashier (S6).
//
// S4 made to order: 订金 confirmed by finance → 下达生产 (a production request to PMC) →
// stages (备料 裁剪 缝制 包装 完工, configurable) with the planned ship date against the
// contract date → 催余款 (request the balance) → finance confirms full payment → ship.
// Finance's two confirmations are money: audited advance receipts naming the order
// (order-money.ts). Any order with a deposit can have it confirmed, made to order or not.
// S6 company vehicle with cash on delivery: 待发车 → 已送达 → 已安装 → 已收款 → 已交款; handing
// the money to the cashier creates the receipt.
import { createRoute, z } from '@hono/zod-openapi';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import type { RequestContext } from '../auth/auth.service.js';
import type { Permission } from '../auth/permissions.js';
import * as service from './order-tracking.service.js';

const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const anyJson = json(z.object({}).passthrough());
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const orderTag = '销售订单 Sales order';
const deliveryTag = '发货单 Delivery note';

/** One tracked step: its path, who may take it, its body and the service taking it. */
interface TrackedStep<B extends z.ZodType> {
  path: string;
  permission: Permission;
  summary: string;
  body: B;
  tag: string;
  /** A further permission the body asks for (the cashier takes the money in). */
  also?(body: z.infer<B>): Permission | undefined;
  run(ctx: RequestContext, id: string, body: z.infer<B>): Promise<unknown>;
}
const tracked = <B extends z.ZodType>(s: TrackedStep<B>) => s;

const STEPS = [
  tracked({
    path: '/sales-orders/{id}/deposit-confirmation',
    permission: 'receipts:audit',
    summary: '财务确认订金 S4 finance confirms the deposit: audited advance receipts naming the order, or one received now',
    body: service.depositBody,
    tag: orderTag,
    run: service.confirmDeposit,
  }),
  tracked({
    path: '/sales-orders/{id}/production',
    permission: 'sales-orders:edit',
    summary: '下达生产 S4 release the order to production planning',
    body: service.productionBody,
    tag: orderTag,
    run: service.releaseToProduction,
  }),
  tracked({
    path: '/sales-orders/{id}/stage',
    permission: 'sales-orders:edit',
    summary: '生产进度 S4 the stage the order has reached',
    body: service.stageBody,
    tag: orderTag,
    run: service.reachStage,
  }),
  tracked({
    path: '/sales-orders/{id}/balance-request',
    permission: 'sales-orders:edit',
    summary: '催余款 S4 ask the customer for the balance',
    body: service.balanceBody,
    tag: orderTag,
    run: service.requestBalance,
  }),
  tracked({
    path: '/sales-orders/{id}/payment-confirmation',
    permission: 'receipts:audit',
    summary: '财务确认全款 S4 finance confirms full payment (received, received now, or collected on delivery): the order may ship',
    body: service.paymentBody,
    tag: orderTag,
    run: service.confirmPayment,
  }),
  tracked({
    path: '/sales-deliveries/{id}/cod',
    permission: 'sales-deliveries:edit',
    summary: '派车代收 S6 assign a company vehicle and driver, with the amount to collect',
    body: service.codBody,
    tag: deliveryTag,
    run: service.assignCod,
  }),
  tracked({
    path: '/sales-deliveries/{id}/cod/status',
    permission: 'sales-deliveries:view',
    summary: '代收进度 S6 已送达 → 已安装 → 已收款 → 已交款 (handing in creates the receipt)',
    body: service.codStatusBody,
    tag: deliveryTag,
    // The driver records delivery, installation and collection; only the cashier takes the money in.
    also: (b) => (b.status === 'handed_in' ? 'receipts:create' : undefined),
    run: service.advanceCod,
  }),
];

export function trackingRoutes() {
  const app = newRouter();
  for (const s of STEPS as TrackedStep<z.ZodType>[]) {
    app.openapi(
      createRoute({
        method: 'post',
        path: s.path,
        middleware: [requires(s.permission)] as const,
        tags: [s.tag],
        summary: s.summary,
        request: { params: idParam, body: { ...json(s.body), required: true } },
        responses: { 200: anyJson, ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, s.permission);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const also = s.also?.(body);
        if (also) authorize(c, also);
        return c.json((await s.run(ctx, id, body)) as never, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cod/outstanding',
      middleware: [requires('sales-deliveries:view')] as const,
      tags: [deliveryTag],
      summary: '司机未交款 S6 money still held by drivers',
      responses: { 200: anyJson, ...errorResponses },
    }),
    async (c) => c.json((await service.outstandingCod(authorize(c, 'sales-deliveries:view'))) as never, 200),
  );
  return app;
}
