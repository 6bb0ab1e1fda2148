import { z } from 'zod';
import { ApproverSchema, type Approval } from '#core/approval/approval.js';
import { ApprovalExpiredError } from '#core/approval/errors.js';
import { applyVote, describeOutcome } from '#core/approval/vote.js';
import { TaskTokenClosedError } from '#core/capability/errors.js';
import { NotFoundError, VersionConflictError } from '#core/errors.js';
import type { ApprovalStore, AuditLog, Clock, TaskStore, TaskTokens } from '#lambdas/ports.js';
import { grantOf } from './request-approval.js';

/** One person's decision on one approval. */
export const DecideApprovalInputSchema = z.object({
  projectId: z.string().min(1),
  approvalId: z.string().min(1),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(2000).default(''),
  by: ApproverSchema,
});
export type DecideApprovalInput = z.input<typeof DecideApprovalInputSchema>;

/** Ports of decideApproval. */
export interface DecideApprovalDeps {
  approvals: ApprovalStore;
  tasks: TaskStore;
  taskTokens: TaskTokens;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Records a person's approve/reject. When that completes the approval, the waiting execution is
 * answered (SendTaskSuccess / SendTaskFailure ApprovalRejected). A second click, a decision after the
 * wait expired, or by someone not allowed throws a domain error and changes nothing.
 */
export async function decideApproval(raw: DecideApprovalInput, deps: DecideApprovalDeps): Promise<Approval> {
  const input = DecideApprovalInputSchema.parse(raw);
  for (let attempt = 0; attempt < 5; attempt++) {
    const approval = await deps.approvals.getApproval(input.projectId, input.approvalId);
    if (!approval) throw new NotFoundError(`No approval ${input.approvalId}`);
    const at = deps.clock.now().toISOString();
    const next = applyVote(approval, { decision: input.decision, reason: input.reason, by: input.by, at });
    try {
      await deps.approvals.saveApproval(next, approval.version);
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    const saved = { ...next, version: approval.version + 1 };
    await record(saved, input, at, deps);
    if (saved.status !== 'pending') await answer(saved, deps);
    return saved;
  }
  throw new VersionConflictError(`approval ${input.approvalId} kept changing; try again`);
}

async function record(
  approval: Approval,
  input: z.output<typeof DecideApprovalInputSchema>,
  at: string,
  deps: DecideApprovalDeps,
) {
  const approvals = approval.votes.filter((v) => v.decision === 'approve').length;
  const verb = input.decision === 'approve' ? 'approved' : 'rejected';
  const progress = input.decision === 'approve' ? ` (${approvals} of ${approval.requiredApprovals})` : '';
  await deps.tasks.appendTimeline(approval.projectId, approval.taskId, [
    {
      at,
      source: 'user',
      kind: `approval.${verb}`,
      message: `${input.by.userId} (${input.by.role}) ${verb} ${approval.preview.summary}${progress}${input.reason ? `: ${input.reason}` : ''}`,
      ids: { actionId: approval.action.actionId, approvalId: approval.approvalId, userId: input.by.userId },
    },
  ]);
  await deps.audit.append({
    chain: approval.projectId,
    type: approval.status === 'pending' ? 'approval.vote' : 'approval.decided',
    at,
    actor: `user:${input.by.userId}`,
    subject: approval.approvalId,
    data: {
      decision: input.decision,
      reason: input.reason,
      role: input.by.role,
      status: approval.status,
      kind: approval.preview.kind,
      target: approval.preview.target,
    },
  });
}

/** Answers the waiting execution; a closed token means it is either coming back (re-entry) or gone (expired). */
async function answer(approval: Approval, deps: DecideApprovalDeps): Promise<void> {
  let current = approval;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (current.status === 'approved') await deps.taskTokens.succeed(current.taskToken, grantOf(current));
      else await deps.taskTokens.fail(current.taskToken, 'ApprovalRejected', describeOutcome(current));
      return;
    } catch (error) {
      if (!(error instanceof TaskTokenClosedError)) throw error;
      const reloaded = await deps.approvals.getApproval(approval.projectId, approval.approvalId);
      if (reloaded && reloaded.taskToken !== current.taskToken) {
        current = reloaded;
        continue;
      }
      // Not escalated yet: the Escalate step (or a restarted execution) finds the decision and proceeds.
      if (!current.escalated || Date.parse(deps.clock.now().toISOString()) < Date.parse(current.expiresAt))
        return;
      await expire(reloaded ?? current, deps);
      throw new ApprovalExpiredError(`Approval ${approval.approvalId} expired: its wait has ended`);
    }
  }
}

/** Marks an approval expired (its wait ended without a decision), audited. */
export async function expire(
  approval: Approval,
  deps: Pick<DecideApprovalDeps, 'approvals' | 'audit' | 'clock'>,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  try {
    await deps.approvals.saveApproval({ ...approval, status: 'expired', decidedAt: at }, approval.version);
  } catch (error) {
    if (error instanceof VersionConflictError) return;
    throw error;
  }
  await deps.audit.append({
    chain: approval.projectId,
    type: 'approval.expired',
    at,
    actor: 'function:approval',
    subject: approval.approvalId,
    data: { kind: approval.preview.kind, target: approval.preview.target, previous: approval.status },
  });
}
