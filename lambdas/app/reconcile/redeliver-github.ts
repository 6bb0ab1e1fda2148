import { PermanentIntegrationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { HookDelivery, Integrations, Logger } from '#lambdas/ports.js';

/** GitHub keeps deliveries, and redelivers them, for 3 days. */
const REDELIVERY_WINDOW_MS = 3 * 24 * 3_600_000;
/** Attempts of one delivery after which we stop asking (our side refuses it for a reason). */
const MAX_ATTEMPTS = 3;

/** Ports the GitHub redelivery needs. */
export interface RedeliverDeps {
  integrations: Integrations;
  logger: Logger;
  now: Date;
}

/**
 * Asks GitHub to redeliver what never reached us: for each hook of the project's repos that points at
 * our receiver, every delivery (by guid) none of whose attempts got a 2xx, whose last attempt got no
 * answer, a 5xx or a 429, still inside GitHub's 3-day window. A 4xx from us (bad signature, invalid
 * payload) would be refused again and is left alone. The receiver dedupes by guid, so a redelivery of
 * something that did arrive changes nothing.
 */
export async function redeliverFailedGithub(
  config: ProjectConfig,
  receiverUrl: string,
  deps: RedeliverDeps,
  options: { maxPerRun?: number } = {},
): Promise<number> {
  const reader = await deps.integrations.changeReader(config.projectId);
  const budget = options.maxPerRun ?? 20;
  let redelivered = 0;
  for (const repo of config.github.repos) {
    for (const hook of await reader.findHooks(repo, receiverUrl)) {
      const attempts = await reader.listHookDeliveries(repo, hook.id, 100);
      for (const delivery of lostDeliveries(attempts, deps.now)) {
        if (redelivered >= budget) return redelivered;
        try {
          await reader.redeliver(repo, hook.id, delivery.id);
        } catch (error) {
          // GitHub refuses some redeliveries (payload gone, too old): the per-task repair reads the truth instead.
          if (!(error instanceof PermanentIntegrationError)) throw error;
          deps.logger.warn('github refused a redelivery', {
            projectId: config.projectId,
            repo,
            guid: delivery.guid,
            error: error.message,
          });
          continue;
        }
        deps.logger.info('github delivery redelivered', {
          projectId: config.projectId,
          repo,
          guid: delivery.guid,
          event: delivery.event,
        });
        redelivered++;
      }
    }
  }
  return redelivered;
}

/** The newest attempt of every delivery that never succeeded and is worth asking for again. */
export function lostDeliveries(attempts: HookDelivery[], now: Date): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const a of attempts) byGuid.set(a.guid, [...(byGuid.get(a.guid) ?? []), a]);
  const lost: HookDelivery[] = [];
  for (const tries of byGuid.values()) {
    if (tries.some((t) => t.statusCode >= 200 && t.statusCode < 300) || tries.length >= MAX_ATTEMPTS)
      continue;
    const newest = tries.reduce((a, b) => (a.deliveredAt >= b.deliveredAt ? a : b));
    const retryable = newest.statusCode === 0 || newest.statusCode === 429 || newest.statusCode >= 500;
    if (retryable && now.getTime() - Date.parse(newest.deliveredAt) < REDELIVERY_WINDOW_MS) lost.push(newest);
  }
  return lost;
}
