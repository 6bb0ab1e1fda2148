import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { DynamoDBCursorStore } from '#adapters/aws/dynamodb-cursor-store.js';
import { DynamoDBLeaseStore } from '#adapters/aws/dynamodb-lease-store.js';
import type { DynamoDBStoreOptions } from '#adapters/aws/store-options.js';
import { LocalStepFunctions } from '#adapters/local/local-step-functions.js';
import type { ApplyEventDeps } from '#lambdas/app/apply-event.js';
import {
  createFindStuckStep,
  createRepairStep,
  createRepairWebhooksStep,
  createSummaryStep,
} from '#lambdas/functions/reconcile-steps.js';
import type { WebhookAdmin } from '#lambdas/console-ports.js';
import type { AuditLog, IntegrationHealthStore, Integrations, ProjectStore } from '#lambdas/ports.js';
import { readDefinition } from '../../statemachines/load.js';

/** What the local reconciler is built from. */
export interface LocalReconcilerOptions {
  table: DynamoDBStoreOptions;
  /** The stores and ports every event-applying step uses (the action machine behind `workflows`). */
  pipeline: ApplyEventDeps & { projects: ProjectStore };
  integrations: Integrations;
  /** Integration health: where it is recorded, where its changes are audited, and the Asana webhooks. */
  health: IntegrationHealthStore;
  audit: AuditLog;
  webhookAdmin: WebhookAdmin;
  /** The receivers' base URL, `…/webhooks`. */
  webhookBaseUrl: string;
  /** Timer period (0: no timer, runs only by hand). */
  intervalMs: number;
  staleAfterMs: number;
  retryPauseMs: number;
}

/**
 * The reconcile state machine on the local runner, started by a timer as EventBridge Scheduler starts
 * it on AWS. Timer runs share the clock's window (a second one in the same window ends at once); a run
 * started by hand names its own window.
 */
export function startLocalReconciler(options: LocalReconcilerOptions): {
  reconcileNow(): Promise<void>;
  stop(): Promise<void>;
} {
  const { table, pipeline, integrations } = options;
  const { clock, logger, ids } = pipeline;
  const runner = new LocalStepFunctions({
    definition: readDefinition('reconcile'),
    handlers: {
      FindStuckFunctionArn: createFindStuckStep(
        { projects: pipeline.projects, tasks: pipeline.tasks, leases: new DynamoDBLeaseStore(table), clock },
        { windowMs: Math.max(1_000, options.intervalMs), staleAfterMs: options.staleAfterMs },
      ),
      RepairWebhooksFunctionArn: createRepairWebhooksStep({
        ...pipeline,
        integrations,
        cursors: new DynamoDBCursorStore(table),
        webhookBaseUrl: options.webhookBaseUrl,
        health: options.health,
        audit: options.audit,
        webhookAdmin: options.webhookAdmin,
      }),
      RepairFunctionArn: createRepairStep({
        ...pipeline,
        integrations,
        killSwitches: new DynamoDBKillSwitchStore(table),
      }),
      SummaryFunctionArn: createSummaryStep({ logger }),
    },
    clock,
    logger,
    retryPauseMs: options.retryPauseMs,
  });
  const run = async (manual: boolean) => {
    const name = `reconcile-${ids.newId()}`;
    await runner.startExecution(name, manual ? { window: name } : {});
    await runner.idle();
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void run(false), options.intervalMs) : undefined;
  timer?.unref();
  return {
    reconcileNow: () => run(true),
    async stop() {
      if (timer) clearInterval(timer);
      runner.stop();
      await runner.idle();
    },
  };
}
