import type { Logger } from '#lambdas/ports.js';

/** One entry of the Map state's output: a repair result, or a failure caught in the Map. */
export type RepairOutcome =
  { changed: boolean; from?: string; to?: string } | { failed: true; error?: string };

/** What RepairWebhooks returned, or the error the state machine caught in its place. */
export type WebhookOutcome =
  | {
      githubRedelivered: number;
      asanaBackfilled: number;
      failedProjects: string[];
      unhealthyProjects?: string[];
    }
  | { Error: string; Cause?: string };

/** The reconcile run's summary. */
export interface ReconcileSummary {
  window: string;
  checked: number;
  repaired: number;
  failed: number;
  transitions: Record<string, number>;
  githubRedelivered: number;
  asanaBackfilled: number;
  webhookRepairFailed: boolean;
  /** Projects with an integration problem (token stopped working, Asana webhook disabled). */
  projectsWithProblems: number;
}

/** Counts a run's repairs and logs them once (a metric-shaped line: the dashboard and alarms read it). */
export function summarize(
  input: { window: string; repairs: RepairOutcome[]; webhooks: WebhookOutcome },
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
  const webhooks = 'Error' in input.webhooks ? undefined : input.webhooks;
  const summary: ReconcileSummary = {
    window: input.window,
    checked: input.repairs.length,
    repaired,
    failed,
    transitions,
    githubRedelivered: webhooks?.githubRedelivered ?? 0,
    asanaBackfilled: webhooks?.asanaBackfilled ?? 0,
    webhookRepairFailed: !webhooks || webhooks.failedProjects.length > 0,
    projectsWithProblems: webhooks?.unhealthyProjects?.length ?? 0,
  };
  logger.info('reconcile summary', { ...summary, metric: 'ReconcileRepaired', value: repaired });
  return summary;
}
