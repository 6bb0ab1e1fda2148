import { ACTION_KINDS, type Action } from '#core/actions.js';
import type { KillSwitchStore } from '#lambdas/ports.js';

/** The outcome of Evaluate: the policy seam of the action state machine. */
export interface Evaluation {
  outcome: 'allow' | 'deny' | 'hold';
  reason: string;
}

/** Ports Evaluate needs. */
export interface EvaluateDeps {
  killSwitches: KillSwitchStore;
  /** Kinds allowed to run. @default every known kind */
  allowedKinds?: readonly string[];
}

/**
 * Decides whether an action may run now: the kill switch (global, then project) holds it; a kind
 * outside the allow-list is denied. The Cedar PDP and the approval branch slot in here.
 */
export async function evaluateAction(action: Action, deps: EvaluateDeps): Promise<Evaluation> {
  const kill = await deps.killSwitches.isKilled(action.projectId);
  if (kill.global) return { outcome: 'hold', reason: 'global kill switch is on' };
  if (kill.project) return { outcome: 'hold', reason: 'project kill switch is on' };
  const allowed = deps.allowedKinds ?? ACTION_KINDS;
  if (!allowed.includes(action.params.kind)) {
    return { outcome: 'deny', reason: `action kind ${action.params.kind} is not allowed` };
  }
  return { outcome: 'allow', reason: 'allowed by the action allow-list' };
}
