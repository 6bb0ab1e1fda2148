import type { Action, EffectResult } from '#core/actions.js';
import { targetOf } from '#core/approval/preview.js';
import { claimProblems, type CapabilityClaims } from '#core/capability/claims.js';
import { CapabilityRefusedError } from '#core/capability/errors.js';
import type {
  AuditLog,
  CapabilityTokens,
  Clock,
  Integrations,
  OnceOptions,
  UsedTokens,
} from '#lambdas/ports.js';
import { paramsDigest } from './params-digest.js';
import { notify, postSigned, type WebhookEffectDeps } from './webhook-effects.js';

/** Ports of Execute: the only step holding integration tokens, and it acts only with a capability. */
export interface ExecuteDeps extends WebhookEffectDeps {
  integrations: Integrations;
  tokens: CapabilityTokens;
  usedTokens: UsedTokens;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Performs one effect once its capability token checks out: signature by a known key, unexpired,
 * claims matching this very action, and never used before. A refusal is audited and thrown
 * (CapabilityRefusedError), and the effect does not happen.
 */
export async function executeAction(
  action: Action,
  token: string | undefined,
  deps: ExecuteDeps,
): Promise<EffectResult> {
  await checkCapability(action, token, deps);
  return performEffect(action, deps);
}

async function checkCapability(
  action: Action,
  token: string | undefined,
  deps: ExecuteDeps,
): Promise<CapabilityClaims> {
  const now = deps.clock.now();
  let claims: CapabilityClaims | undefined;
  const refuse = async (reason: string): Promise<never> => {
    await deps.audit.append({
      chain: action.projectId,
      type: 'token.refused',
      at: now.toISOString(),
      actor: 'function:execute',
      subject: action.actionId,
      data: {
        reason,
        kind: action.params.kind,
        target: targetOf(action.params),
        ...(claims ? { jti: claims.jti, claimedAction: claims.sub } : {}),
      },
    });
    throw new CapabilityRefusedError(`Capability refused: ${reason}`);
  };
  if (!token) return refuse('no capability token');
  try {
    claims = await deps.tokens.verify(token);
  } catch (error) {
    if (error instanceof CapabilityRefusedError) return refuse(error.message);
    throw error;
  }
  const problems = claimProblems(claims, action, paramsDigest(action.params), now);
  if (problems.length > 0) return refuse(problems.join('; '));
  // Last, so a token refused for another reason is not burnt; conditional, so two racing uses cannot both pass.
  if (!(await deps.usedTokens.markUsed(claims.jti, new Date(claims.exp * 1000))))
    return refuse(`token ${claims.jti} was already used (replay)`);
  return claims;
}

/** How far GitHub's or Asana's clock may be behind ours when a comment's time is compared. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * A retried comment (a lost answer, the state machine's or the reconciler's retry) is posted once:
 * keyed on the action, looked for among comments since the action was created.
 */
function onceFor(action: Action): OnceOptions {
  return {
    key: action.actionId,
    since: new Date(Date.parse(action.createdAt) - CLOCK_SKEW_MS).toISOString(),
  };
}

/**
 * Performs one effect against GitHub, Asana or an outside webhook. Integration errors propagate with
 * their domain names (TransientIntegrationError is retried by the state machine; anything else is recorded).
 */
export async function performEffect(
  action: Action,
  deps: WebhookEffectDeps & { integrations: Integrations },
): Promise<EffectResult> {
  const { integrations } = deps;
  const p = action.params;
  switch (p.kind) {
    case 'github.create_issue': {
      const issues = await integrations.issueTracker(action.projectId);
      // A retry after a lost response must not open a second issue: look for our marker first.
      const existing = await issues.findIssueByMarker(p.repo, p.marker);
      const issue =
        existing ??
        (await issues.createIssue({ repo: p.repo, title: p.title, body: p.body, labels: p.labels }));
      return { issueNumber: issue.number, url: issue.url };
    }
    case 'github.comment':
      await (
        await integrations.issueTracker(action.projectId)
      ).comment(p.repo, p.issueNumber, p.body, onceFor(action));
      return {};
    case 'github.label':
      await (
        await integrations.issueTracker(action.projectId)
      ).setLabels(p.repo, p.issueNumber, { add: p.add, remove: p.remove });
      return {};
    case 'github.close_issue':
      await (await integrations.issueTracker(action.projectId)).closeIssue(p.repo, p.issueNumber, p.reason);
      return {};
    case 'asana.complete_task':
      await (await integrations.workTracker(action.projectId)).completeTask(p.asanaGid);
      return {};
    case 'asana.reopen_task':
      await (await integrations.workTracker(action.projectId)).reopenTask(p.asanaGid);
      return {};
    case 'asana.comment':
      await (await integrations.workTracker(action.projectId)).comment(p.asanaGid, p.text, onceFor(action));
      return {};
    case 'github.workflow_dispatch':
      await (
        await integrations.workflowRuns(action.projectId)
      ).dispatch({ repo: p.repo, workflow: p.workflow, ref: p.ref, inputs: p.inputs });
      return {};
    case 'github.approve_workflow_run':
      await (await integrations.workflowRuns(action.projectId)).approveRun(p.repo, p.runId);
      return {};
    case 'http.post':
      return postSigned(action, p, deps);
    case 'notify':
      return notify(action, p, deps);
  }
}
