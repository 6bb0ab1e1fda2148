import { z } from 'zod';
import { ActionSchema, EffectResultSchema, type Action } from '#core/actions.js';
import { targetOf } from '#core/approval/preview.js';
import { describeOutcome } from '#core/approval/vote.js';
import { NotFoundError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import { budgetIncrementOf, utcDay } from '#core/policy/budget.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { ApprovalStore, AuditLog, BudgetStore, KillSwitchStore, ProjectStore } from '#lambdas/ports.js';
import { applyEvent, type ApplyEventDeps } from './apply-event.js';
import { expire } from './decide-approval.js';
import { releaseHolds } from './release-holds.js';
import { EvaluationSchema, type Evaluation } from './evaluate-action.js';
import { activeKillSwitch } from '#core/kill-switch.js';

const StepError = z.object({ Error: z.string(), Cause: z.string().optional() });
const base = { action: ActionSchema, evaluation: EvaluationSchema.optional() };

/** The input of the Record step, one shape per branch of the action state machine. */
export const RecordInputSchema = z.discriminatedUnion('outcome', [
  z.object({ ...base, outcome: z.literal('succeeded'), result: EffectResultSchema }),
  z.object({ ...base, outcome: z.literal('denied'), reason: z.string() }),
  // From Evaluate (its reason), or from Authorize when a switch went on later (its EffectHeldError).
  z
    .object({
      ...base,
      outcome: z.literal('held'),
      reason: z.string().optional(),
      error: StepError.optional(),
    })
    .refine((held) => held.reason !== undefined || held.error !== undefined, {
      message: 'a hold needs a reason or an error',
      path: ['reason'],
    }),
  z.object({ ...base, outcome: z.literal('rejected'), error: StepError }),
  z.object({ ...base, outcome: z.literal('expired'), error: StepError }),
  z.object({ ...base, outcome: z.literal('failed'), error: StepError }),
]);
export type RecordInput = z.infer<typeof RecordInputSchema>;

/** Ports Record needs. */
export interface RecordDeps extends ApplyEventDeps {
  projects: ProjectStore;
  approvals: ApprovalStore;
  audit: AuditLog;
  budgets: BudgetStore;
  /** Read again after a hold is recorded: a switch turned off meanwhile releases the action here. */
  killSwitches: KillSwitchStore;
}

/**
 * Applies an effect's outcome to its task through `decide` (idempotent: a recorded action leaves the
 * outbox), puts the policy decision on the task's timeline, and audits the outcome. A hold is checked
 * against the kill switch once it is saved: a switch turned off after Evaluate read it, whose release
 * looked before this hold was saved, would otherwise leave the action held for good.
 */
export async function recordOutcome(input: RecordInput, deps: RecordDeps): Promise<void> {
  const { action } = input;
  const config = await deps.projects.getProject(action.projectId);
  if (!config) throw new NotFoundError(`Project ${action.projectId} not found`);
  if (input.evaluation) await noteDecision(input, input.evaluation, deps);
  const event = await toEvent(input, deps);
  if (event.type === 'effect.succeeded') {
    // Before the task moves on, keyed on the action id: a retried Record counts nothing twice.
    const increment = budgetIncrementOf(action, config.github.agentCommand);
    if (increment)
      await deps.budgets.countEffect(action.projectId, utcDay(deps.clock.now()), action.actionId, increment);
  }
  await applyEvent(config, event, { taskId: action.taskId }, deps);
  if (event.type === 'effect.held') await releaseIfSwitchedOff(config, action, deps);
  await deps.audit.append({
    chain: action.projectId,
    type: 'effect.recorded',
    at: deps.clock.now().toISOString(),
    actor: 'function:record',
    subject: action.actionId,
    data: {
      taskId: action.taskId,
      kind: action.params.kind,
      target: targetOf(action.params),
      outcome: input.outcome,
      ...(event.type === 'effect.succeeded' ? { result: event.result } : {}),
      ...(event.type === 'effect.failed' ? { error: event.error } : {}),
      ...(event.type === 'effect.denied' || event.type === 'effect.held' ? { reason: event.reason } : {}),
    },
  });
}

/**
 * Releases the action just held when no kill switch is on any more. The release is a conditional save
 * (see `releaseHeld` in the core): when the kill switch's own release got there first, this does nothing.
 */
async function releaseIfSwitchedOff(config: ProjectConfig, action: Action, deps: RecordDeps): Promise<void> {
  if (activeKillSwitch(await deps.killSwitches.isKilled(action.projectId))) return;
  const lifted = await releaseHolds(
    config,
    action.taskId,
    [action],
    { actionId: action.actionId, reason: 'the kill switch went off while it was held' },
    deps,
  );
  if (lifted.length > 0)
    deps.logger.info('hold released at Record: the kill switch went off meanwhile', {
      actionId: action.actionId,
    });
}

async function noteDecision(input: RecordInput, evaluation: Evaluation, deps: RecordDeps): Promise<void> {
  const { action } = input;
  await deps.tasks.appendTimeline(action.projectId, action.taskId, [
    {
      at: evaluation.at,
      source: 'autoflow',
      kind: 'policy.decision',
      message: `Policy ${evaluation.outcome} for ${action.params.kind}: ${evaluation.reason}`,
      ids: { actionId: action.actionId, policyVersion: evaluation.decision.policyVersion },
    },
  ]);
}

async function toEvent(input: RecordInput, deps: RecordDeps): Promise<DomainEvent> {
  const { actionId, params, releases } = input.action;
  const of = { actionId, params, ...(releases === undefined ? {} : { releases }) };
  switch (input.outcome) {
    case 'succeeded':
      return { type: 'effect.succeeded', ...of, result: input.result };
    case 'denied':
      return { type: 'effect.denied', ...of, reason: input.reason };
    case 'held':
      return {
        type: 'effect.held',
        ...of,
        reason: input.reason ?? describeError(input.error ?? { Error: 'EffectHeldError' }).message,
      };
    case 'rejected':
    case 'expired':
      return { type: 'effect.denied', ...of, reason: await approvalOutcome(input, deps) };
    case 'failed':
      return { type: 'effect.failed', ...of, error: describeError(input.error) };
  }
}

/** Who rejected and why (read from the approval), or that it expired — marking it expired if still pending. */
async function approvalOutcome(
  input: RecordInput & { error: { Error: string; Cause?: string } },
  deps: RecordDeps,
) {
  const { action } = input;
  let approval = await deps.approvals.getApproval(action.projectId, action.actionId);
  if (input.outcome === 'expired' && approval?.status === 'pending') {
    await expire(approval, deps);
    approval = await deps.approvals.getApproval(action.projectId, action.actionId);
  }
  if (approval && approval.status !== 'pending') return describeOutcome(approval);
  return input.error.Cause ?? input.error.Error;
}

/** Step Functions gives `{ Error, Cause }`; on AWS the Cause of a Lambda error is a JSON string. */
function describeError(error: { Error: string; Cause?: string }): { name: string; message: string } {
  if (!error.Cause) return { name: error.Error, message: error.Error };
  try {
    const cause = JSON.parse(error.Cause) as { errorMessage?: unknown };
    if (typeof cause.errorMessage === 'string') return { name: error.Error, message: cause.errorMessage };
  } catch {
    // Not JSON: the local runner passes the message itself.
  }
  return { name: error.Error, message: error.Cause };
}
