import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { summariseWebhookHealth as summarise } from '../webhook-health.js';

const DAYS = 7;

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
