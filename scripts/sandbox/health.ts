import type { SandboxContext } from './context.js';
import type { DeliveryRecord } from './state.js';

interface ServiceDeliveries {
  attempts: number;
  succeeded: number;
  failed: number;
  lastFailure: DeliveryRecord | null;
}

/** Health: jobs, webhook delivery outcomes and registered hooks. */
export function sandboxHealth(ctx: SandboxContext) {
  const { data } = ctx.store;
  const byService = (service: DeliveryRecord['service']): ServiceDeliveries => {
    const attempts = data.deliveries.filter((d) => d.service === service);
    const failures = attempts.filter((d) => !d.ok);
    return {
      attempts: attempts.length,
      succeeded: attempts.length - failures.length,
      failed: failures.length,
      lastFailure: failures.at(-1) ?? null,
    };
  };
  return {
    ok: ctx.scheduler.failures.length === 0,
    url: ctx.urls.base,
    uptimeMs: Date.now() - ctx.startedAt,
    jobs: { pending: ctx.scheduler.pending(), failures: ctx.scheduler.failures },
    deliveries: { pending: ctx.sender.pending(), github: byService('github'), asana: byService('asana') },
    hooks: { github: data.github.hooks.length, asana: data.asana.webhooks.length },
    faults: ctx.faults.pending(),
    chaos: ctx.faults.chaos() !== null,
    injected: { total: data.faults.total, counts: data.faults.counts },
  };
}
