import { healthProblems } from '#core/integration-health.js';
import type { WebhookAdmin } from '#lambdas/console-ports.js';
import type { AuditLog, IntegrationHealthStore, ProjectStore } from '#lambdas/ports.js';
import { backfillAsana, type BackfillDeps } from './backfill-asana.js';
import { checkIntegrations } from './check-integrations.js';
import { redeliverFailedGithub } from './redeliver-github.js';

/** Ports the webhook repair needs. */
export interface RepairWebhooksDeps extends BackfillDeps {
  projects: ProjectStore;
  /** Where the receivers are, e.g. `https://…/webhooks` (each project's URLs hang below it). */
  webhookBaseUrl: string;
  /** Where each project's integration health is recorded. */
  health: IntegrationHealthStore;
  audit: AuditLog;
  webhookAdmin: WebhookAdmin;
}

/** What the webhook repair did in one run. */
export interface WebhookRepairs {
  githubRedelivered: number;
  asanaBackfilled: number;
  failedProjects: string[];
  /** Projects whose token stopped working, or whose Asana webhook was disabled (re-created or not). */
  unhealthyProjects: string[];
}

/**
 * Project-level repairs: the integrations' health is checked and recorded (re-creating Asana webhooks
 * Asana disabled), deliveries GitHub could not make are redelivered, and Asana tasks changed since the
 * last run that Auto-Flow never heard of are backfilled. One project's failure
 * (a revoked token, GitHub down) is logged and counted; the others are still repaired.
 */
export async function repairWebhooks(
  projectIds: string[],
  deps: RepairWebhooksDeps,
): Promise<WebhookRepairs> {
  const result: WebhookRepairs = {
    githubRedelivered: 0,
    asanaBackfilled: 0,
    failedProjects: [],
    unhealthyProjects: [],
  };
  for (const projectId of projectIds) {
    const config = await deps.projects.getProject(projectId);
    if (!config) continue;
    // Each repair on its own: GitHub being down must not stop the Asana backfill, and the reverse.
    const attempt = async (what: string, repair: () => Promise<void>) => {
      try {
        await repair();
      } catch (error) {
        deps.logger.warn('webhook repair failed', { projectId, what, error: (error as Error).message });
        if (!result.failedProjects.includes(projectId)) result.failedProjects.push(projectId);
      }
    };
    // First, so a project whose token stopped working is recorded even when its repairs fail below.
    await attempt('integration check', async () => {
      const health = await checkIntegrations(config, deps);
      if (healthProblems(health).length > 0) result.unhealthyProjects.push(projectId);
    });
    await attempt('github redelivery', async () => {
      const receiverUrl = `${deps.webhookBaseUrl}/github/${projectId}`;
      result.githubRedelivered += await redeliverFailedGithub(config, receiverUrl, {
        ...deps,
        now: deps.clock.now(),
      });
    });
    await attempt('asana backfill', async () => {
      result.asanaBackfilled += await backfillAsana(config, deps);
    });
  }
  return result;
}
