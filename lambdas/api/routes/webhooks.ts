import { Hono } from 'hono';
import { setUpAsanaWebhooks } from '#lambdas/app/webhooks/set-up-asana-webhooks.js';
import { GITHUB_HOOK_EVENTS, validateGitHubHooks } from '#lambdas/app/webhooks/validate-github-hooks.js';
import { requireRole } from '../auth/project-access.js';
import { auditProjectChange } from '../console-audit.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { integrationHealthView } from '../views/integration-health-view.js';
import { summariseWebhookHealth as summarise } from '../webhook-health.js';

const DAYS = 7;

/** The receiver URLs of a project. */
function receiverUrl(deps: ApiDeps, source: 'github' | 'asana', projectId: string): string {
  return `${deps.options.publicUrl()}/webhooks/${source}/${projectId}`;
}

/**
 * The webhooks page: the URLs to configure, whether the secrets are set, the Asana webhooks set up,
 * 7 days of delivery health; admins set up Asana webhooks and validate GitHub's (both audited).
 */
export function webhookRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/webhooks', async (c) => {
    const { projectId } = c.get('project');
    const [days, secrets, asanaWebhooks, integrationHealth] = await Promise.all([
      deps.webhookHealth.recent(projectId, DAYS, deps.clock.now()),
      deps.secrets.status(projectId),
      deps.webhookAdmin.registry.listAsanaWebhooks(projectId),
      deps.integrationHealth.getHealth(projectId),
    ]);
    const of = (source: 'github' | 'asana') => days.filter((d) => d.source === source);
    return c.json({
      days: DAYS,
      github: {
        url: receiverUrl(deps, 'github', projectId),
        secretSet: secrets.githubWebhookSecret,
        events: GITHUB_HOOK_EVENTS,
        health: summarise(of('github')),
      },
      asana: {
        url: receiverUrl(deps, 'asana', projectId),
        secretSet: secrets.asanaWebhookSecret,
        webhooks: asanaWebhooks.map(({ asanaProjectGid, webhookGid, createdAt }) => ({
          asanaProjectGid,
          webhookGid,
          createdAt,
        })),
        health: summarise(of('asana')),
      },
      integrations: integrationHealthView(integrationHealth),
    });
  });

  app.post('/webhooks/asana/setup', requireRole('admin'), async (c) => {
    const project = c.get('project');
    const results = await setUpAsanaWebhooks(
      { project, target: receiverUrl(deps, 'asana', project.projectId) },
      deps,
    );
    await auditProjectChange(c, deps, {
      type: 'webhooks.changed',
      subject: 'asana',
      data: { action: 'setup', results: results.map(({ reason: _, ...r }) => r) },
    });
    return c.json({ results });
  });

  app.post('/webhooks/github/validate', requireRole('admin'), async (c) => {
    const project = c.get('project');
    const results = await validateGitHubHooks(
      { project, url: receiverUrl(deps, 'github', project.projectId) },
      deps,
    );
    await auditProjectChange(c, deps, {
      type: 'webhooks.changed',
      subject: 'github',
      data: {
        action: 'validate',
        results: results.map(({ repo, status, hookId }) => ({ repo, status, hookId })),
      },
    });
    return c.json({ results });
  });

  return app;
}
