import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import { decideApproval } from '#lambdas/app/decide-approval.js';
import { approvalView } from '../routes/approvals.js';
import { approvalDeps, type ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';
import { ApprovalViewSchema } from './schemas.js';

const ApprovalParamsSchema = z.object({ approvalId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) });
const ListQuerySchema = z.object({ state: z.enum(['pending', 'all']).default('pending') });
const DecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).default(''),
});

/**
 * Approvals of the token's project. A token decides as its own principal (`token:<id>`), under the
 * same rules as a person: editor or above, never its own request, two distinct approvers where two
 * are required.
 */
export function approvalOperations(deps: ApiV1Deps): AnyOperation[] {
  return [
    operation({
      method: 'get',
      path: '/approvals',
      operationId: 'listApprovals',
      summary: 'Pending approvals (escalated first, then oldest), or all of them (newest first)',
      tag: 'approvals',
      role: 'viewer',
      query: ListQuerySchema,
      response: z.object({ items: z.array(ApprovalViewSchema) }),
      handler: async ({ bearer, query }) => {
        const { projectId } = bearer.project;
        const items =
          query.state === 'all'
            ? await deps.approvals.listApprovals(projectId)
            : await deps.approvals.listPendingApprovals(projectId);
        return { items: items.map(approvalView) };
      },
    }),
    operation({
      method: 'get',
      path: '/approvals/{approvalId}',
      operationId: 'getApproval',
      summary: 'One approval',
      tag: 'approvals',
      role: 'viewer',
      params: ApprovalParamsSchema,
      response: ApprovalViewSchema,
      handler: async ({ bearer, params }) => {
        const approval = await deps.approvals.getApproval(bearer.project.projectId, params.approvalId);
        if (!approval) throw new NotFoundError(`No approval ${params.approvalId}`);
        return approvalView(approval);
      },
    }),
    operation({
      method: 'post',
      path: '/approvals/{approvalId}/decision',
      operationId: 'decideApproval',
      summary: 'Approves or rejects (409 when already decided, 410 when the wait is over)',
      tag: 'approvals',
      role: 'editor',
      params: ApprovalParamsSchema,
      body: DecisionSchema,
      examples: {
        valid: [{ decision: 'approve' }, { decision: 'reject', reason: 'Not now' }],
        invalid: [{}, { decision: 'maybe' }, { decision: 'approve', extra: true }],
      },
      response: z.object({ approval: ApprovalViewSchema }),
      errors: [409, 410],
      handler: async ({ bearer, params, body }) => {
        const approval = await decideApproval(
          {
            projectId: bearer.project.projectId,
            approvalId: params.approvalId,
            decision: body.decision,
            reason: body.reason,
            by: { userId: bearer.principal.userId, role: bearer.principal.role },
          },
          approvalDeps(deps),
        );
        return { approval: approvalView(approval) };
      },
    }),
  ];
}
