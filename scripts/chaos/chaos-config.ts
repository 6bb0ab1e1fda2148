import type { ChaosInput } from '../sandbox/fault-schemas.js';

/**
 * Every fault at once, seeded: GitHub and Asana APIs answer 5xx, 429 and (GitHub) secondary rate
 * limits; webhooks are lost, duplicated ×3, delayed and reordered. GitHub losses show as timeouts in
 * the hook's deliveries (so the reconciler can ask for a redelivery) or vanish silently (so it must read
 * the truth). Asana deliveries vanish silently too: the reconciler backfills tasks changed since its
 * last run from the Asana API.
 */
export function chaosConfig(seed: number): ChaosInput {
  return {
    seed,
    api: [
      { service: 'github', mode: 'error', rate: 0.05, status: 502 },
      { service: 'github', mode: 'rate_limit', rate: 0.03, retryAfterSeconds: 1 },
      { service: 'github', mode: 'secondary_rate_limit', rate: 0.02, retryAfterSeconds: 1 },
      { service: 'asana', mode: 'error', rate: 0.05, status: 500 },
      { service: 'asana', mode: 'rate_limit', rate: 0.03, retryAfterSeconds: 1 },
    ],
    webhooks: {
      github: {
        drop: 0.15,
        dropAs: 'timeout',
        duplicate: 0.1,
        delay: 0.2,
        delayMs: [20, 400],
        reorderWindowMs: 150,
      },
      asana: {
        drop: 0.1,
        dropAs: 'silent',
        duplicate: 0.15,
        delay: 0.2,
        delayMs: [20, 400],
        reorderWindowMs: 150,
      },
    },
  };
}
