import { isDue } from '#lambdas/app/reconcile/find-stuck.js';

const WINDOW_MS = 5 * 60_000;
const STALE_MS = 2 * 60_000;

/** How often Repair reads GitHub and Asana for one task that stays quiet, over a period. */
export interface SpacingCost {
  hours: number;
  /** Checks with the spacing (`isDue`), Repair finding nothing each time. */
  spaced: number;
  /** Baseline: a check every run once the task is stale. */
  everyRun: number;
}

/**
 * (g) A quiet task (waiting for its agent's PR) seen by a reconcile run every 5 minutes for `hours`:
 * FindStuck's own rule decides which runs check it; the baseline checks it in every run.
 */
export function benchReconcileSpacing(hours = 24): SpacingCost {
  const updatedAt = new Date(0).toISOString();
  let checkedAt: string | undefined;
  let spaced = 0;
  let everyRun = 0;
  for (let now = WINDOW_MS; now <= hours * 3_600_000; now += WINDOW_MS) {
    if (now < STALE_MS) continue;
    everyRun++;
    if (isDue({ updatedAt, ...(checkedAt ? { checkedAt } : {}) }, now, WINDOW_MS)) {
      spaced++;
      checkedAt = new Date(now).toISOString();
    }
  }
  return { hours, spaced, everyRun };
}

export function printReconcileSpacing(r: SpacingCost): void {
  console.log(
    `reconcile spacing: a task quiet for ${r.hours} h is checked ${r.spaced} times ` +
      `vs ${r.everyRun} when every run checks it (${(r.everyRun / r.spaced).toFixed(1)}× fewer GitHub/Asana reads)`,
  );
}
