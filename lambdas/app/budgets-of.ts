import { utcDay } from '#core/policy/budget.js';
import type { Budgets } from '#core/policy/request.js';
import type { BudgetStore } from '#lambdas/ports.js';

/** Today's (UTC) counters of a project, as Evaluate puts them in the policy context. */
export function budgetsOf(store: BudgetStore): (projectId: string, now: Date) => Promise<Budgets> {
  return (projectId, now) => store.budgets(projectId, utcDay(now));
}
