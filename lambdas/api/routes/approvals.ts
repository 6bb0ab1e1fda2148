import { Hono } from 'hono';
import { z } from 'zod';
import type { Approval, Role } from '#core/approval/approval.js';
import {
  ApprovalAlreadyDecidedError,
  ApprovalExpiredError,
  ApprovalForbiddenError,
} from '#core/approval/errors.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { parseOrThrow } from '#core/validation.js';
import { decideApproval, type DecideApprovalDeps } from '#lambdas/app/decide-approval.js';

/** What the approvals routes read from the context: the authenticated principal and the project of the URL. */
export interface ApprovalsVariables {
  principal: { userId: string; role: Role };
  project: Pick<ProjectConfig, 'projectId' | 'slug'>;
}
/** The Hono env of the approvals sub-app (mount it behind the middleware that sets both variables). */
export type ApprovalsEnv = { Variables: ApprovalsVariables };

const DecisionBodySchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).default(''),
});

/** An approval as the API shows it: everything but the task token. */
export function approvalView({ taskToken: _token, ...approval }: Approval) {
  return approval;
}

/**
 * `GET /` — pending approvals of the project, escalated first, then oldest first.
 * `POST /:approvalId/decision` — `{ decision: 'approve' | 'reject', reason }` as the principal (editor or admin).
 * A second click answers 409 `already_decided`, a decision after the wait 410 `expired`, a viewer 403.
 */
export function createApprovalsRoutes(deps: DecideApprovalDeps): Hono<ApprovalsEnv> {
  const app = new Hono<ApprovalsEnv>();

  app.get('/', async (c) => {
    const approvals = await deps.approvals.listPendingApprovals(c.get('project').projectId);
    return c.json({ items: approvals.map(approvalView) });
  });

  app.post('/:approvalId/decision', async (c) => {
    const body = parseOrThrow(DecisionBodySchema, await c.req.json().catch(() => undefined), 'decision');
    const approval = await decideApproval(
      {
        projectId: c.get('project').projectId,
        approvalId: c.req.param('approvalId'),
        decision: body.decision,
        reason: body.reason,
        by: c.get('principal'),
      },
      deps,
    );
    return c.json({ approval: approvalView(approval) });
  });

  app.onError((error, c) => {
    if (error instanceof ApprovalAlreadyDecidedError)
      return c.json(
        { error: { code: 'already_decided', message: error.message, status: error.status } },
        409,
      );
    if (error instanceof ApprovalExpiredError)
      return c.json({ error: { code: 'expired', message: error.message } }, 410);
    if (error instanceof ApprovalForbiddenError)
      return c.json({ error: { code: 'forbidden', message: error.message } }, 403);
    if (error instanceof NotFoundError)
      return c.json({ error: { code: 'not_found', message: error.message } }, 404);
    if (error instanceof ValidationError)
      return c.json(
        { error: { code: 'invalid_request', message: error.message, issues: error.issues } },
        400,
      );
    throw error;
  });
  return app;
}
