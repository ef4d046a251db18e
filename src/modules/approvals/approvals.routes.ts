// A2 审批: one API for every document kind, generated from the kinds list as the document
// routes are. The engine (approvals.service.ts) checks who may decide each step.
import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../core/errors.js';
import { text } from '../../core/text.js';
import { authorize, errorResponses, newRouter, requires } from '../../http/context.js';
import type { Permission } from '../auth/permissions.js';
import type { DocumentKind } from '../documents/documents.types.js';
import { approvalsView, decideStep, pendingApprovals, submitForApproval } from './approvals.service.js';

const json = <T extends z.ZodType>(schema: T) => ({ description: '成功 OK', content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const stepParam = idParam.extend({
  step: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .openapi({ param: { name: 'step', in: 'path' } }),
});

const stepView = z
  .object({
    id: z.uuid(),
    round: z.number(),
    step: z.number(),
    approverRole: text().nullable(),
    approverRoleName: text().nullable(),
    approverUserId: text().nullable(),
    approverUserName: text().nullable(),
    aboveTotal: text().nullable().openapi({ description: 'The step applies above this total (null without the price permission)' }),
    decision: z.enum(['pending', 'approved', 'rejected', 'void']),
    decisionName: text(),
    comment: text().nullable(),
    decidedBy: text().nullable(),
    decidedByName: text().nullable(),
    decidedAt: text().nullable(),
    submittedBy: text().nullable(),
    submittedByName: text().nullable(),
    submittedAt: text(),
  })
  .openapi('ApprovalStep');
const approvalsViewSchema = z
  .object({
    documentId: z.uuid(),
    number: text(),
    status: z.enum(['none', 'pending', 'approved', 'rejected']),
    statusName: text(),
    current: z.number().nullable(),
    requireBeforeAudit: z.boolean(),
    canDecide: z.boolean(),
    canSubmit: z.boolean(),
    steps: z.array(stepView),
    history: z.array(stepView),
  })
  .openapi('Approvals');
const pendingSchema = z
  .object({
    items: z.array(
      z.object({
        documentId: z.uuid(),
        resource: text(),
        kind: text(),
        kindName: text(),
        kindNameEn: text(),
        number: text(),
        date: text(),
        partnerName: text().nullable(),
        round: z.number(),
        step: z.number(),
        approverRole: text().nullable(),
        approverUserId: text().nullable(),
        submittedAt: text(),
        submittedByName: text().nullable(),
      }),
    ),
    total: z.number(),
  })
  .openapi('PendingApprovals');
const commentBody = (required: boolean) => z.object({ comment: required ? text().trim().min(2).max(300) : text().trim().max(300).nullable().optional() });

export function approvalRoutes(kinds: DocumentKind[]) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/approvals/pending',
      tags: ['审批 Approvals'],
      summary: '待审批 The steps due now that the caller may decide (not their own documents)',
      responses: { 200: json(pendingSchema), ...errorResponses },
    }),
    async (c) => {
      // Every signed-in user has a list (empty when they approve nothing).
      const ctx = c.get('ctx');
      if (!ctx) throw errors.unauthenticated();
      return c.json(await pendingApprovals(ctx, kinds), 200);
    },
  );

  for (const kind of kinds) {
    const base = `/${kind.resource}/{id}/approvals`;
    const tag = `${kind.zh} ${kind.en}`;
    const view = `${kind.resource}:view` as Permission;
    const edit = `${kind.resource}:edit` as Permission;
    app.openapi(
      createRoute({
        middleware: [requires(view)] as const,
        method: 'get',
        path: base,
        tags: [tag],
        summary: '审批 The approval steps: the live round and earlier ones',
        request: { params: idParam },
        responses: { 200: json(approvalsViewSchema), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, view);
        return c.json(await approvalsView(ctx.db.orm, ctx, kind, c.req.valid('param').id), 200);
      },
    );
    app.openapi(
      createRoute({
        middleware: [requires(edit)] as const,
        method: 'post',
        path: base,
        tags: [tag],
        summary: '提交审批 Submit for approval: the chain applying to the total (company settings)',
        request: { params: idParam },
        responses: { 200: json(approvalsViewSchema), ...errorResponses },
      }),
      async (c) => {
        const ctx = authorize(c, edit);
        return c.json(await submitForApproval(ctx, kind, c.req.valid('param').id), 200);
      },
    );
    for (const action of ['approve', 'reject'] as const) {
      app.openapi(
        createRoute({
          middleware: [requires(view)] as const,
          method: 'post',
          path: `${base}/{step}/${action}`,
          tags: [tag],
          summary:
            action === 'approve'
              ? '批准 Approve the step due (its role or user; not the maker or last editor)'
              : '驳回 Reject the step due, with a comment (ends the round; submit again after changes)',
          request: { params: stepParam, body: { ...json(commentBody(action === 'reject')), required: action === 'reject' } },
          responses: { 200: json(approvalsViewSchema), ...errorResponses },
        }),
        async (c) => {
          // Who may decide is the step's business (role, user, or <resource>:approve): the engine checks it.
          const ctx = authorize(c, view);
          const { id, step } = c.req.valid('param');
          const body = (c.req.valid('json') ?? {}) as { comment?: string | null };
          return c.json(await decideStep(ctx, kind, id, step, action === 'approve' ? 'approved' : 'rejected', body.comment || null), 200);
        },
      );
    }
  }
  return app;
}
