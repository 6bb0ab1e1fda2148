import type { Action } from '../actions.js';

/** What one effect adds to the project's daily counters. */
export interface BudgetIncrement {
  issuesCreated: number;
  agentRuns: number;
}

/** The UTC day (`2026-11-25`) budgets are counted in. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * What a succeeded effect counts. Every created issue counts as an issue. An agent run is an effect
 * that puts the coding agent to work: an issue whose body addresses the agent (the core loop's issue,
 * a fix-forward issue) or a comment that does (asking the agent again). Undefined: counts nothing.
 */
export function budgetIncrementOf(action: Action, agentCommand: string): BudgetIncrement | undefined {
  const p = action.params;
  const addressesAgent = (body: string) => agentCommand.length > 0 && body.includes(agentCommand);
  if (p.kind === 'github.create_issue')
    return { issuesCreated: 1, agentRuns: addressesAgent(p.body) ? 1 : 0 };
  if (p.kind === 'github.comment' && addressesAgent(p.body)) return { issuesCreated: 0, agentRuns: 1 };
  return undefined;
}
