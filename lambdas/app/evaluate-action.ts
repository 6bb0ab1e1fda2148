import { z } from 'zod';
import type { Action } from '#core/actions.js';
import { targetOf } from '#core/approval/preview.js';
import { NotFoundError } from '#core/errors.js';
import { describeDecision, PolicyDecisionSchema } from '#core/policy/decision.js';
import { buildPolicyRequest, type Budgets } from '#core/policy/request.js';
import type { AuditLog, Clock, KillSwitchStore, PolicyDecisionPoint, ProjectStore } from '#lambdas/ports.js';
import { activeKillSwitch } from '#core/kill-switch.js';

/** The outcome of Evaluate: which branch of the action state machine runs next, and why. */
export const EvaluationSchema = z.object({
  outcome: z.enum(['allow', 'deny', 'hold', 'approve']),
  reason: z.string(),
  /** The PDP's answer (determining policies, approvals, policy version). */
  decision: PolicyDecisionSchema,
  at: z.string(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** Ports Evaluate needs. */
export interface EvaluateDeps {
  killSwitches: KillSwitchStore;
  projects: ProjectStore;
  pdp: PolicyDecisionPoint;
  audit: AuditLog;
  clock: Clock;
  /** Today's counters of the project, as policy context. @default zeros */
  budgets?: (projectId: string, now: Date) => Promise<Budgets>;
}

/**
 * Asks the PDP whether an action may run now, and records the answer in the audit log. A kill
 * switch holds the action instead of denying it: it stays in the outbox and runs once released.
 */
export async function evaluateAction(action: Action, deps: EvaluateDeps): Promise<Evaluation> {
  const now = deps.clock.now();
  const [kill, project, budgets] = await Promise.all([
    deps.killSwitches.isKilled(action.projectId),
    deps.projects.getProject(action.projectId),
    deps.budgets?.(action.projectId, now),
  ]);
  if (!project) throw new NotFoundError(`Project ${action.projectId} not found`);
  const active = activeKillSwitch(kill);
  const killSwitch = active !== undefined;
  const request = buildPolicyRequest(action, {
    projectSlug: project.slug,
    now,
    killSwitch,
    ...(budgets ? { budgets } : {}),
  });
  const decision = await deps.pdp.evaluate(request);
  const evaluation: Evaluation = killSwitch
    ? {
        outcome: 'hold',
        reason: `${active} kill switch is on (${describeDecision(decision)})`,
        decision,
        at: now.toISOString(),
      }
    : { outcome: decision.decision, reason: describeDecision(decision), decision, at: now.toISOString() };
  await deps.audit.append({
    chain: action.projectId,
    type: 'policy.decision',
    at: evaluation.at,
    actor: `${request.principal.type.toLowerCase()}:${request.principal.id}`,
    subject: action.actionId,
    data: {
      taskId: action.taskId,
      kind: action.params.kind,
      target: targetOf(action.params),
      outcome: evaluation.outcome,
      approvals: decision.approvals,
      determiningPolicies: decision.determiningPolicies,
      policyVersion: decision.policyVersion,
      errors: decision.errors,
    },
  });
  return evaluation;
}
