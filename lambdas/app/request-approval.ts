import { z } from 'zod';
import { ActionSchema, type Action } from '#core/actions.js';
import type { Approval, ApprovalGranted } from '#core/approval/approval.js';
import { previewOf } from '#core/approval/preview.js';
import { describeOutcome } from '#core/approval/vote.js';
import { VersionConflictError } from '#core/errors.js';
import { PolicyDecisionSchema } from '#core/policy/decision.js';
import { CORE_LOOP_PRINCIPAL } from '#core/policy/request.js';
import type { TimelineEntry } from '#core/timeline.js';
import type { ApprovalStore, AuditLog, Clock, Notifier, TaskStore, TaskTokens } from '#lambdas/ports.js';

/** The Payload of the RequestApproval and Escalate states. */
export const ApprovalStepInputSchema = z.object({
  stage: z.enum(['request', 'escalate']),
  action: ActionSchema,
  evaluation: z.object({ decision: PolicyDecisionSchema }),
  taskToken: z.string().min(1),
  /** The state's TimeoutSeconds, so the approval knows when its wait ends. */
  timeoutSeconds: z.number().int().positive(),
});
export type ApprovalStepInput = z.infer<typeof ApprovalStepInputSchema>;

/** Ports of the approval step. */
export interface ApprovalStepDeps {
  approvals: ApprovalStore;
  tasks: TaskStore;
  taskTokens: TaskTokens;
  audit: AuditLog;
  notifier: Notifier;
  clock: Clock;
}

/** What SendTaskSuccess carries for an approved approval. */
export function grantOf(approval: Approval): ApprovalGranted {
  return { approvalId: approval.approvalId, approvedBy: (approval.decidedBy ?? []).map((a) => a.userId) };
}

/**
 * Starts (or re-enters) the wait for people. The first call stores the approval with the exact
 * effect preview and the wait's task token; a later call — the escalation, or a restarted execution
 * coming back — stores its new token on the same approval, and answers at once when people already
 * decided meanwhile.
 */
export async function requestApproval(
  input: ApprovalStepInput,
  deps: ApprovalStepDeps,
): Promise<{ status: string }> {
  const { action } = input;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString();
    const existing = await deps.approvals.getApproval(action.projectId, action.actionId);
    if (!existing) {
      const approval = newApproval(input, now.toISOString(), expiresAt);
      if (!(await deps.approvals.createApproval(approval))) continue;
      await announce(
        approval,
        deps,
        'approval.requested',
        `${approval.preview.summary}: needs ${approval.requiredApprovals} approval(s) (${approval.determiningPolicies.join(', ') || 'policy'})`,
      );
      return { status: 'pending' };
    }
    if (existing.status === 'approved') {
      await deps.taskTokens.succeed(input.taskToken, grantOf(existing));
      return { status: existing.status };
    }
    if (existing.status !== 'pending') {
      const error = existing.status === 'rejected' ? 'ApprovalRejected' : 'ApprovalExpired';
      await deps.taskTokens.fail(input.taskToken, error, describeOutcome(existing));
      return { status: existing.status };
    }
    const escalating = input.stage === 'escalate' && !existing.escalated;
    const next: Approval = {
      ...existing,
      taskToken: input.taskToken,
      expiresAt,
      ...(escalating ? { escalated: true, escalatedAt: now.toISOString() } : {}),
    };
    try {
      await deps.approvals.saveApproval(next, existing.version);
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    if (escalating) {
      await announce(
        next,
        deps,
        'approval.escalated',
        `Nobody decided in time: escalated (${next.preview.summary})`,
      );
      await deps.notifier.notify({
        projectId: next.projectId,
        subject: `Approval escalated: ${next.preview.summary}`,
        text: `Approval ${next.approvalId} has waited since ${next.requestedAt}; it is rejected at ${expiresAt} unless someone decides.`,
      });
    }
    return { status: 'pending' };
  }
  throw new VersionConflictError(`approval ${action.actionId} kept changing`);
}

function newApproval(input: ApprovalStepInput, now: string, expiresAt: string): Approval {
  const { action, evaluation } = input;
  const escalated = input.stage === 'escalate';
  return {
    approvalId: action.actionId,
    projectId: action.projectId,
    taskId: action.taskId,
    action: stripHeld(action),
    preview: previewOf(action.params),
    requiredApprovals: Math.min(2, Math.max(1, evaluation.decision.approvals)),
    determiningPolicies: evaluation.decision.determiningPolicies,
    policyVersion: evaluation.decision.policyVersion,
    requestedBy: action.requestedBy ?? CORE_LOOP_PRINCIPAL,
    requestedAt: now,
    status: 'pending',
    escalated,
    ...(escalated ? { escalatedAt: now } : {}),
    expiresAt,
    votes: [],
    taskToken: input.taskToken,
    version: 0,
  };
}

function stripHeld(action: Action): Action {
  const { heldReason: _held, ...rest } = action;
  return rest;
}

async function announce(
  approval: Approval,
  deps: ApprovalStepDeps,
  kind: 'approval.requested' | 'approval.escalated',
  message: string,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const entry: TimelineEntry = {
    at,
    source: 'autoflow',
    kind,
    message,
    ids: { actionId: approval.action.actionId, approvalId: approval.approvalId },
  };
  await deps.tasks.appendTimeline(approval.projectId, approval.taskId, [entry]);
  await deps.audit.append({
    chain: approval.projectId,
    type: kind,
    at,
    actor: `${approval.requestedBy.type.toLowerCase()}:${approval.requestedBy.id}`,
    subject: approval.approvalId,
    data: {
      taskId: approval.taskId,
      kind: approval.preview.kind,
      target: approval.preview.target,
      requiredApprovals: approval.requiredApprovals,
      determiningPolicies: approval.determiningPolicies,
      policyVersion: approval.policyVersion,
      expiresAt: approval.expiresAt,
    },
  });
}
