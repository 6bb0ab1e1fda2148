import type { z } from 'zod';
import { removeWebhook } from './asana-events.js';
import { renderWebhook } from './asana-render.js';
import type { SandboxContext } from './context.js';
import { DeleteAsanaWebhooksSchema } from './control-schemas.js';
import { parseInput, SandboxError } from './errors.js';
import { ChaosSchema, FaultSchema, type ChaosConfig, type ChaosInput, type Fault } from './fault-schemas.js';
import type { FaultState } from './state.js';

/** The fault injection part of the control API (see docs/sandbox.md, "Chaos"). */
export function createFaultControl(ctx: SandboxContext) {
  const { data } = ctx.store;
  return {
    /** Makes the next matching API calls fail. */
    addFault(input: z.input<typeof FaultSchema>): void {
      ctx.faults.add(parseInput(FaultSchema, input));
    },
    /** Forgets the pending "next N calls" faults (the chaos config stays). */
    clearFaults(): void {
      ctx.faults.clear();
    },
    /** Turns on seeded fault injection (replacing the config in force); returns it with defaults applied. */
    setChaos(input: ChaosInput): ChaosConfig {
      const config = parseInput(ChaosSchema, input);
      ctx.faults.setChaos(config);
      ctx.webhookFaults.reset();
      return config;
    },
    /** The chaos config in force, or null. */
    getChaos(): ChaosConfig | null {
      return ctx.faults.chaos();
    },
    /** Turns seeded fault injection off (what was injected stays counted). */
    clearChaos(): void {
      ctx.faults.setChaos(null);
      ctx.webhookFaults.reset();
    },
    /** Everything about faults: the chaos config, pending "next N" faults, counts and the latest injected. */
    faults(): FaultState & { pending: Fault[] } {
      return { ...data.faults, pending: ctx.faults.pending() };
    },
    /** Forgets the injected faults and their counts (not the config). */
    clearFaultLog(): void {
      ctx.faultLog.clear();
    },
    /** Deletes Asana webhooks as Asana does after failed deliveries: by gid, or every one of a resource. */
    deleteAsanaWebhooks(input: z.input<typeof DeleteAsanaWebhooksSchema>): {
      deleted: Record<string, unknown>[];
    } {
      const { gid, resource } = parseInput(DeleteAsanaWebhooksSchema, input);
      const doomed = data.asana.webhooks.filter(
        (h) => (gid === undefined || h.gid === gid) && (resource === undefined || h.resourceGid === resource),
      );
      if (doomed.length === 0)
        throw new SandboxError(404, `no Asana webhook matches ${gid ?? resource ?? ''}`);
      const deleted = doomed.map((hook) => {
        const rendered = renderWebhook(ctx, hook);
        removeWebhook(ctx, hook);
        ctx.faultLog.record({
          service: 'asana',
          kind: 'webhook.deleted',
          source: 'control',
          hookId: hook.gid,
        });
        return rendered;
      });
      return { deleted };
    },
  };
}
