import { z } from 'zod';
import { ActionSchema, EffectResultSchema } from '#core/actions.js';
import { NotFoundError } from '#core/errors.js';
import type { DomainEvent } from '#core/events.js';
import type { ProjectStore } from '#lambdas/ports.js';
import { applyEvent, type ApplyEventDeps } from './apply-event.js';

/** The input of the Record step, one shape per branch of the action state machine. */
export const RecordInputSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('succeeded'), action: ActionSchema, result: EffectResultSchema }),
  z.object({ outcome: z.literal('denied'), action: ActionSchema, reason: z.string() }),
  z.object({ outcome: z.literal('held'), action: ActionSchema, reason: z.string() }),
  z.object({
    outcome: z.literal('failed'),
    action: ActionSchema,
    error: z.object({ Error: z.string(), Cause: z.string().optional() }),
  }),
]);
export type RecordInput = z.infer<typeof RecordInputSchema>;

/** Ports Record needs. */
export interface RecordDeps extends ApplyEventDeps {
  projects: ProjectStore;
}

/** Applies an effect's outcome to its task through `decide` (idempotent: a recorded action leaves the outbox). */
export async function recordOutcome(input: RecordInput, deps: RecordDeps): Promise<void> {
  const { action } = input;
  const config = await deps.projects.getProject(action.projectId);
  if (!config) throw new NotFoundError(`Project ${action.projectId} not found`);
  await applyEvent(config, toEvent(input), { taskId: action.taskId }, deps);
}

function toEvent(input: RecordInput): DomainEvent {
  const { actionId, params } = input.action;
  switch (input.outcome) {
    case 'succeeded':
      return { type: 'effect.succeeded', actionId, params, result: input.result };
    case 'denied':
      return { type: 'effect.denied', actionId, params, reason: input.reason };
    case 'held':
      return { type: 'effect.held', actionId, params, reason: input.reason };
    case 'failed':
      return { type: 'effect.failed', actionId, params, error: describeError(input.error) };
  }
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
