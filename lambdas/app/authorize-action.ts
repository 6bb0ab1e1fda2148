import { z } from 'zod';
import { ActionSchema } from '#core/actions.js';
import { targetOf } from '#core/approval/preview.js';
import { claimsFor } from '#core/capability/claims.js';
import { EffectHeldError, UnauthorizedError } from '#core/errors.js';
import { PolicyDecisionSchema } from '#core/policy/decision.js';
import type {
  ApprovalStore,
  AuditLog,
  CapabilityTokens,
  Clock,
  Ids,
  KillSwitchStore,
} from '#lambdas/ports.js';
import { paramsDigest } from './params-digest.js';
import { activeKillSwitch } from '#core/kill-switch.js';

/** The input of the Authorize step. */
export const AuthorizeInputSchema = z.object({
  action: ActionSchema,
  evaluation: z.object({
    outcome: z.enum(['allow', 'approve', 'deny', 'hold']),
    decision: PolicyDecisionSchema,
  }),
});
export type AuthorizeInput = z.infer<typeof AuthorizeInputSchema>;

/** What Authorize hands Execute. */
export interface Capability {
  token: string;
  jti: string;
  expiresAt: string;
}

/** Ports of Authorize: the only step that can sign. */
export interface AuthorizeDeps {
  approvals: ApprovalStore;
  /** Read on every attempt: a switch turned on since Evaluate (an approval's wait, a retry) holds the action. */
  killSwitches: KillSwitchStore;
  tokens: CapabilityTokens;
  audit: AuditLog;
  clock: Clock;
  ids: Ids;
}

/**
 * Mints a capability token for exactly one action: allowed by policy, or approved by the people the
 * policy asked for (re-read from the store, not trusted from the execution's state). Each attempt
 * first reads the kill switches: one turned on after Evaluate (while an approval was awaited, between
 * retries of a failing effect) holds the action instead (EffectHeldError → RecordHeldLate).
 */
export async function authorizeAction(input: AuthorizeInput, deps: AuthorizeDeps): Promise<Capability> {
  const { action, evaluation } = input;
  const active = activeKillSwitch(await deps.killSwitches.isKilled(action.projectId));
  if (active) throw new EffectHeldError(`${active} kill switch is on (after policy allowed it)`);
  let approvalId: string | null = null;
  if (evaluation.outcome === 'approve') {
    const approval = await deps.approvals.getApproval(action.projectId, action.actionId);
    if (approval?.status !== 'approved')
      throw new UnauthorizedError(
        `Action ${action.actionId} needs an approved approval (it is ${approval?.status ?? 'missing'})`,
      );
    approvalId = approval.approvalId;
  } else if (evaluation.outcome !== 'allow') {
    throw new UnauthorizedError(`Action ${action.actionId} was not allowed (${evaluation.outcome})`);
  }
  const now = deps.clock.now();
  const claims = claimsFor(action, {
    paramsDigest: paramsDigest(action.params),
    approvalId,
    policyVersion: evaluation.decision.policyVersion,
    now,
    jti: deps.ids.newId(),
  });
  const token = await deps.tokens.mint(claims);
  const expiresAt = new Date(claims.exp * 1000).toISOString();
  await deps.audit.append({
    chain: action.projectId,
    type: 'token.minted',
    at: now.toISOString(),
    actor: 'function:authorize',
    subject: action.actionId,
    data: {
      jti: claims.jti,
      kind: action.params.kind,
      target: targetOf(action.params),
      approvalId,
      policyVersion: claims.policyVersion,
      expiresAt,
    },
  });
  return { token, jti: claims.jti, expiresAt };
}
