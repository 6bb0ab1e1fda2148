import type { Approval, ApprovalVote, Approver } from './approval.js';
import { ApprovalAlreadyDecidedError, ApprovalExpiredError, ApprovalForbiddenError } from './errors.js';

const DECIDERS = new Set(['editor', 'admin']);

/** Everything a person says when deciding. */
export interface VoteInput {
  decision: 'approve' | 'reject';
  reason: string;
  by: Approver;
  at: string;
}

/**
 * Applies one person's decision to a pending approval. One rejection rejects; approvals count until
 * the required number. Role ≥ editor; when two are required they are two different people and
 * neither is the requester. Throws (changing nothing) when decided, expired or not allowed.
 */
export function applyVote(approval: Approval, input: VoteInput): Approval {
  if (approval.status !== 'pending')
    throw new ApprovalAlreadyDecidedError(
      `Approval ${approval.approvalId} is already ${approval.status}`,
      approval.status,
    );
  // Past the first wait the Escalate step is about to wait again, so a decision still counts; past the second it is too late.
  if (approval.escalated && Date.parse(input.at) >= Date.parse(approval.expiresAt))
    throw new ApprovalExpiredError(`Approval ${approval.approvalId} expired at ${approval.expiresAt}`);
  if (!DECIDERS.has(input.by.role))
    throw new ApprovalForbiddenError(`A ${input.by.role} may not decide approvals (editor or admin needed)`);
  const requester = approval.requestedBy.type === 'User' ? approval.requestedBy.id : undefined;
  if (approval.requiredApprovals >= 2 && requester === input.by.userId)
    throw new ApprovalForbiddenError(
      'The requester may not approve their own action when two approvals are required',
    );
  if (approval.votes.some((v) => v.userId === input.by.userId))
    throw new ApprovalAlreadyDecidedError(
      `${input.by.userId} has already decided this approval`,
      approval.status,
    );
  const vote: ApprovalVote = { ...input.by, decision: input.decision, reason: input.reason, at: input.at };
  const votes = [...approval.votes, vote];
  if (input.decision === 'reject')
    return finish({ ...approval, votes }, 'rejected', [input.by], input.reason, input.at);
  const approvers = votes.filter((v) => v.decision === 'approve');
  if (approvers.length < approval.requiredApprovals) return { ...approval, votes };
  return finish(
    { ...approval, votes },
    'approved',
    approvers.map(({ userId, role }) => ({ userId, role })),
    input.reason,
    input.at,
  );
}

function finish(
  approval: Approval,
  status: 'approved' | 'rejected',
  decidedBy: Approver[],
  reason: string,
  at: string,
): Approval {
  return { ...approval, status, decidedBy, reason, decidedAt: at };
}

/** "rejected by alice (editor): not now" — how a decision reads on the task's timeline. */
export function describeOutcome(approval: Approval): string {
  const who = (approval.decidedBy ?? []).map((a) => `${a.userId} (${a.role})`).join(' and ');
  switch (approval.status) {
    case 'approved':
      return `approved by ${who}${approval.reason ? `: ${approval.reason}` : ''}`;
    case 'rejected':
      return `rejected by ${who}${approval.reason ? `: ${approval.reason}` : ''}`;
    case 'expired':
      return 'approval expired without a decision (escalated, then timed out)';
    case 'pending':
      return 'waiting for approval';
  }
}
