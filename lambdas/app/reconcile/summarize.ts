import type { Logger } from '#lambdas/ports.js';

/** One entry of the Map state's output: a repair result, or a failure caught in the Map. */
export type RepairOutcome =
  { changed: boolean; from?: string; to?: string } | { failed: true; error?: string };

/** The reconcile run's summary. */
export interface ReconcileSummary {
  window: string;
  checked: number;
  repaired: number;
  failed: number;
  transitions: Record<string, number>;
}

/** Counts a run's repairs and logs them once (a metric-shaped line: the dashboard and alarms read it). */
export function summarize(
  input: { window: string; repairs: RepairOutcome[] },
  logger: Logger,
): ReconcileSummary {
  const transitions: Record<string, number> = {};
  let repaired = 0;
  let failed = 0;
  for (const r of input.repairs) {
    if ('failed' in r) failed++;
    else if (r.changed) {
      repaired++;
      const key = `${r.from ?? '?'}->${r.to ?? '?'}`;
      transitions[key] = (transitions[key] ?? 0) + 1;
    }
  }
  const summary = { window: input.window, checked: input.repairs.length, repaired, failed, transitions };
  logger.info('reconcile summary', { ...summary, metric: 'ReconcileRepaired', value: repaired });
  return summary;
}
