import { AutoFlowError, MissingTokenError } from '#core/errors.js';
import {
  healthChanged,
  healthProblems,
  nextHealth,
  redactError,
  type IntegrationHealth,
  type TokenState,
} from '#core/integration-health.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { WebhookAdmin } from '#lambdas/console-ports.js';
import type { AuditLog, Clock, IntegrationHealthStore, Integrations, Logger } from '#lambdas/ports.js';
import { setUpAsanaWebhooks } from '../webhooks/set-up-asana-webhooks.js';

/** Ports of the integration check. */
export interface CheckIntegrationsDeps {
  integrations: Integrations;
  health: IntegrationHealthStore;
  audit: AuditLog;
  /** Lists, and re-creates, the Asana webhooks Auto-Flow set up. */
  webhookAdmin: WebhookAdmin;
  clock: Clock;
  logger: Logger;
}

/**
 * Checks a project's integrations cheaply (`GET /user`, `GET /users/me`), makes sure every Asana webhook
 * Auto-Flow set up is still active (re-creating one Asana disabled or deleted) and records the outcome.
 * A change of health — not every run — logs a WARN line and appends an audit entry.
 */
export async function checkIntegrations(
  config: ProjectConfig,
  deps: CheckIntegrationsDeps,
): Promise<IntegrationHealth> {
  const { projectId } = config;
  const errors: string[] = [];
  const github = await tokenState(() => deps.integrations.changeReader(projectId), errors);
  const asana = await tokenState(() => deps.integrations.workTracker(projectId), errors);
  const previous = await deps.health.getHealth(projectId);
  const webhooks =
    asana === 'ok'
      ? await checkAsanaWebhooks(config, deps, errors)
      : // Asana cannot be asked: what the last run found stands.
        (previous?.asanaWebhooks ?? { state: 'ok' as const, projectGids: [] });
  const at = deps.clock.now().toISOString();
  const next = nextHealth(previous, {
    projectId,
    github,
    asana,
    asanaWebhooks: webhooks,
    checkedAt: at,
    ...(errors.length > 0 ? { lastError: redactError(errors.join('; ')) } : {}),
  });
  await deps.health.putHealth(next);
  if (healthChanged(previous, next)) {
    const problems = healthProblems(next);
    deps.logger.warn('integration health changed', { projectId, problems, github, asana });
    await deps.audit.append({
      chain: projectId,
      type: 'integration.health_changed',
      at,
      actor: 'function:reconcile-webhooks',
      subject: `project:${projectId}`,
      data: { github, asana, asanaWebhooks: next.asanaWebhooks.state, problems },
    });
  }
  return next;
}

/** One token's state: the client's own check, or what building or calling it failed with. */
async function tokenState(
  client: () => Promise<{ checkToken(): Promise<'ok' | 'invalid'> }>,
  errors: string[],
): Promise<TokenState> {
  try {
    return await (await client()).checkToken();
  } catch (error) {
    if (error instanceof MissingTokenError) return 'missing';
    if (!(error instanceof AutoFlowError)) throw error;
    errors.push(error.message);
    // 5xx, timeouts, and refusals other than 401/403 (a proxy's 404, a bad base URL): no verdict on the token.
    return 'unreachable';
  }
}

/** The registered Asana webhooks, set up again where Asana no longer lists them as active. */
async function checkAsanaWebhooks(
  config: ProjectConfig,
  deps: CheckIntegrationsDeps,
  errors: string[],
): Promise<IntegrationHealth['asanaWebhooks']> {
  const registered = await deps.webhookAdmin.registry.listAsanaWebhooks(config.projectId);
  const ours = registered.filter((w) => config.asana.projectGids.includes(w.asanaProjectGid));
  const target = ours[0]?.target;
  if (!target || !config.asana.workspaceGid) return { state: 'ok', projectGids: [] };
  // Only the Asana projects whose webhook the user set up: the reconciler never adds webhooks on its own.
  const scoped = { ...config, asana: { ...config.asana, projectGids: ours.map((w) => w.asanaProjectGid) } };
  const results = await setUpAsanaWebhooks({ project: scoped, target }, deps);
  const failed = results.filter((r) => r.status === 'failed');
  const created = results.filter((r) => r.status === 'created');
  for (const f of failed) errors.push(`Asana webhook of ${f.asanaProjectGid}: ${f.reason ?? 'failed'}`);
  if (failed.length > 0) return { state: 'missing', projectGids: failed.map((r) => r.asanaProjectGid) };
  if (created.length > 0) {
    deps.logger.warn('asana webhook re-created', {
      projectId: config.projectId,
      asanaProjectGids: created.map((r) => r.asanaProjectGid),
    });
    return {
      state: 'recreated',
      projectGids: created.map((r) => r.asanaProjectGid),
      recreatedAt: deps.clock.now().toISOString(),
    };
  }
  return { state: 'ok', projectGids: [] };
}
