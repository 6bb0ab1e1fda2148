import { AutoFlowError, ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { WebhookAdmin } from '#lambdas/console-ports.js';
import type { Clock, Logger } from '#lambdas/ports.js';
import { createAsanaWebhook } from './create-asana-webhook.js';

/** What happened to one Asana project's webhook. */
export interface AsanaWebhookResult {
  asanaProjectGid: string;
  status: 'kept' | 'created' | 'failed';
  webhookGid?: string;
  reason?: string;
}

/** Ports of the Asana webhook set-up. */
export interface SetUpAsanaWebhooksDeps {
  webhookAdmin: WebhookAdmin;
  clock: Clock;
  logger: Logger;
}

/**
 * "Set up Asana webhooks": one webhook per configured Asana project, to the project's receiver URL.
 * Idempotent: an active webhook to our URL is kept (and recorded); inactive ones (Asana deactivates
 * a webhook after failed deliveries) are deleted and one is created through the handshake. Each
 * Asana project is tried on its own: one failure is reported and the others still proceed.
 */
export async function setUpAsanaWebhooks(
  input: { project: ProjectConfig; target: string },
  deps: SetUpAsanaWebhooksDeps,
): Promise<AsanaWebhookResult[]> {
  const { project, target } = input;
  const { workspaceGid, projectGids } = project.asana;
  if (!workspaceGid || projectGids.length === 0)
    throw new ValidationError('Asana is not configured', [
      {
        path: workspaceGid ? 'asana.projectGids' : 'asana.workspaceGid',
        message: 'set it in Settings first',
      },
    ]);
  const { webhookAdmin } = deps;
  const asana = await webhookAdmin.asanaWebhooks(project.projectId);
  const stored = await webhookAdmin.registry.listAsanaWebhooks(project.projectId);
  const results: AsanaWebhookResult[] = [];
  for (const asanaProjectGid of projectGids) {
    try {
      const ours = (await asana.listWebhooks(workspaceGid, asanaProjectGid)).filter(
        (h) => h.target === target,
      );
      let webhook = ours.find((h) => h.active);
      const status = webhook ? 'kept' : 'created';
      if (!webhook) {
        for (const stale of ours) await asana.deleteWebhook(stale.gid);
        webhook = await createAsanaWebhook(
          { projectId: project.projectId, resourceGid: asanaProjectGid, target, now: deps.clock.now() },
          { asana, handshakes: webhookAdmin.handshakes },
        );
      }
      const known = stored.some((s) => s.asanaProjectGid === asanaProjectGid && s.webhookGid === webhook.gid);
      if (!known)
        await webhookAdmin.registry.putAsanaWebhook(project.projectId, {
          asanaProjectGid,
          webhookGid: webhook.gid,
          target,
          createdAt: deps.clock.now().toISOString(),
        });
      results.push({ asanaProjectGid, status, webhookGid: webhook.gid });
    } catch (error) {
      if (!(error instanceof AutoFlowError)) throw error;
      const reason = error.message;
      deps.logger.warn('asana webhook set-up failed', {
        projectId: project.projectId,
        asanaProjectGid,
        reason,
      });
      results.push({ asanaProjectGid, status: 'failed', reason });
    }
  }
  return results;
}
