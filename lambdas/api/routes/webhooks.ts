import { Hono } from 'hono';
import type { DeliveryOutcome, WebhookHealthDay } from '#lambdas/console-ports.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';

const DAYS = 7;

/** Totals over the days of one source, and the latest of each timestamp. */
function summarise(days: WebhookHealthDay[]) {
  const totals: Partial<Record<DeliveryOutcome, number>> = {};
  for (const day of days)
    for (const [outcome, n] of Object.entries(day.counts) as [DeliveryOutcome, number][])
      totals[outcome] = (totals[outcome] ?? 0) + n;
  const latest = (pick: (d: WebhookHealthDay) => string | undefined) =>
    days
      .map(pick)
      .filter((x): x is string => x !== undefined)
      .sort()
      .at(-1) ?? null;
  const lastDeliveryAt = latest((d) => d.lastDeliveryAt);
  return {
    totals,
    lastDeliveryAt,
    lastOutcome: days.find((d) => d.lastDeliveryAt === lastDeliveryAt)?.lastOutcome ?? null,
    lastRejectedAt: latest((d) => d.lastRejectedAt),
    lastFailureAt: latest((d) => d.lastFailureAt),
  };
}

/** The webhooks page: the URLs to configure, whether the secrets are set, and 7 days of delivery health. */
export function webhookRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/webhooks', async (c) => {
    const { projectId } = c.get('project');
    const base = deps.options.publicUrl();
    const [days, secrets] = await Promise.all([
      deps.webhookHealth.recent(projectId, DAYS, deps.clock.now()),
      deps.secrets.status(projectId),
    ]);
    const of = (source: 'github' | 'asana') => days.filter((d) => d.source === source);
    return c.json({
      days: DAYS,
      github: {
        url: `${base}/webhooks/github/${projectId}`,
        secretSet: secrets.githubWebhookSecret,
        events: ['issues', 'pull_request', 'workflow_run'],
        health: summarise(of('github')),
      },
      asana: {
        url: `${base}/webhooks/asana/${projectId}`,
        secretSet: secrets.asanaWebhookSecret,
        health: summarise(of('asana')),
      },
    });
  });

  return app;
}
