import { z } from 'zod';
import { ActionSchema, type EffectResult } from '#core/actions.js';
import { parseOrThrow } from '#core/validation.js';
import { evaluateAction, type EvaluateDeps, type Evaluation } from '#lambdas/app/evaluate-action.js';
import { executeAction } from '#lambdas/app/execute-action.js';
import { recordOutcome, RecordInputSchema, type RecordDeps } from '#lambdas/app/record-outcome.js';
import type { Integrations } from '#lambdas/ports.js';

const StepInputSchema = z.object({ action: ActionSchema });

/** Evaluate task of the action state machine. */
export function createEvaluateStep(deps: EvaluateDeps) {
  return async (input: unknown): Promise<Evaluation> =>
    evaluateAction(parseOrThrow(StepInputSchema, input, 'Evaluate input').action, deps);
}

/** Execute task of the action state machine. */
export function createExecuteStep(deps: { integrations: Integrations }) {
  return async (input: unknown): Promise<EffectResult> =>
    executeAction(parseOrThrow(StepInputSchema, input, 'Execute input').action, deps.integrations);
}

/** Record task of the action state machine. */
export function createRecordStep(deps: RecordDeps) {
  return async (input: unknown): Promise<{ recorded: true }> => {
    await recordOutcome(parseOrThrow(RecordInputSchema, input, 'Record input'), deps);
    return { recorded: true };
  };
}
