import type { LocalQueue } from '#adapters/local/local-queue.js';
import { readinessReport, type ReadinessReport } from '#core/readiness.js';
import type { IntegrationHealthStore } from '#lambdas/ports.js';

/** What the local readiness probe checks. */
export interface LocalReadinessDeps {
  queue: Pick<LocalQueue, 'stats' | 'depth'>;
  secrets: { verifyReadable(): Promise<void> };
  health: IntegrationHealthStore;
}

/**
 * `/readyz` of the local runtime: a cheap store read (the health partition, which the integrations
 * report needs anyway), the queue's stats, the secrets file decrypted again, and the stored health.
 * No outbound call: a probe every few seconds must not spend the projects' GitHub and Asana quota.
 */
export function localReadiness(deps: LocalReadinessDeps): () => Promise<ReadinessReport> {
  return async () => {
    const [health, queue, secrets] = await Promise.all([
      deps.health.listHealth().then(
        (records) => ({ ok: true, records }),
        () => ({ ok: false, records: [] }),
      ),
      Promise.resolve()
        .then(() => {
          deps.queue.stats();
          deps.queue.depth();
          return true;
        })
        .catch(() => false),
      deps.secrets.verifyReadable().then(
        () => true,
        () => false,
      ),
    ]);
    return readinessReport({ store: health.ok, queue, secrets }, health.records);
  };
}
