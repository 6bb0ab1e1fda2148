import { healthProblems, type IntegrationHealth } from '#core/integration-health.js';

/** A project's integration health as the console shows it; `checkedAt: null` until the reconciler ran. */
export function integrationHealthView(health: IntegrationHealth | undefined) {
  if (!health)
    return { checkedAt: null, github: null, asana: null, asanaWebhooks: null, problems: [], lastError: null };
  return {
    checkedAt: health.checkedAt,
    github: health.github,
    asana: health.asana,
    asanaWebhooks: health.asanaWebhooks,
    problems: healthProblems(health),
    lastError: health.lastError ?? null,
  };
}
