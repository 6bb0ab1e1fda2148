import { z } from 'zod';
import { ActionSchema, type EffectResult } from '#core/actions.js';
import { parseOrThrow } from '#core/validation.js';
import {
  authorizeAction,
  AuthorizeInputSchema,
  type AuthorizeDeps,
  type Capability,
} from '#lambdas/app/authorize-action.js';
import { evaluateAction, type EvaluateDeps, type Evaluation } from '#lambdas/app/evaluate-action.js';
import { executeAction, type ExecuteDeps } from '#lambdas/app/execute-action.js';
import { recordOutcome, RecordInputSchema, type RecordDeps } from '#lambdas/app/record-outcome.js';
import {
  ApprovalStepInputSchema,
  requestApproval,
  type ApprovalStepDeps,
} from '#lambdas/app/request-approval.js';

const StepInputSchema = z.object({ action: ActionSchema });
const ExecuteInputSchema = z.object({ action: ActionSchema, token: z.string().optional() });

/** Evaluate task of the action state machine. */
export function createEvaluateStep(deps: EvaluateDeps) {
  return async (input: unknown): Promise<Evaluation> =>
    evaluateAction(parseOrThrow(StepInputSchema, input, 'Evaluate input').action, deps);
}

/** RequestApproval and Escalate tasks (`.waitForTaskToken`): store the approval and its token, then the machine waits. */
export function createApprovalStep(deps: ApprovalStepDeps) {
  return async (input: unknown): Promise<{ status: string }> =>
    requestApproval(parseOrThrow(ApprovalStepInputSchema, input, 'Approval input'), deps);
}

/** Authorize task: mints the capability token Execute needs. */
export function createAuthorizeStep(deps: AuthorizeDeps) {
  return async (input: unknown): Promise<Capability> =>
    authorizeAction(parseOrThrow(AuthorizeInputSchema, input, 'Authorize input'), deps);
}

/** Execute task of the action state machine: acts only with a valid, unused capability token. */
export function createExecuteStep(deps: ExecuteDeps) {
  return async (input: unknown): Promise<EffectResult> => {
    const { action, token } = parseOrThrow(ExecuteInputSchema, input, 'Execute input');
    return executeAction(action, token, deps);
  };
}

/** Record task of the action state machine. */
export function createRecordStep(deps: RecordDeps) {
  return async (input: unknown): Promise<{ recorded: true }> => {
    await recordOutcome(parseOrThrow(RecordInputSchema, input, 'Record input'), deps);
    return { recorded: true };
  };
}
