import { z } from 'zod';
import { TaskStatusSchema } from '#core/task.js';
import { parseOrThrow } from '#core/validation.js';
import { findStuck, type FindStuckDeps, type ReconcileOptions } from '#lambdas/app/reconcile/find-stuck.js';
import { repairTask, type RepairDeps, type RepairResult } from '#lambdas/app/reconcile/repair-task.js';
import {
  repairWebhooks,
  type RepairWebhooksDeps,
  type WebhookRepairs,
} from '#lambdas/app/reconcile/repair-webhooks.js';
import { summarize, type ReconcileSummary } from '#lambdas/app/reconcile/summarize.js';
import type { Logger } from '#lambdas/ports.js';

const FindStuckInputSchema = z.object({
  window: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/)
    .optional(),
});
const ItemSchema = z.object({
  projectId: z.string().min(1),
  taskId: z.string().min(1),
  status: TaskStatusSchema,
});
const SummaryInputSchema = z.object({
  window: z.string(),
  webhooks: z.union([
    z.object({
      githubRedelivered: z.number().int(),
      asanaBackfilled: z.number().int(),
      failedProjects: z.array(z.string()),
      unhealthyProjects: z.array(z.string()).optional(),
    }),
    z.object({ Error: z.string(), Cause: z.string().optional() }),
  ]),
  repairs: z.array(
    z.union([
      z.object({ failed: z.literal(true), error: z.string().optional() }),
      z.object({ changed: z.boolean(), from: z.string().optional(), to: z.string().optional() }),
    ]),
  ),
});

/** FindStuck task of the reconcile state machine. */
export function createFindStuckStep(deps: FindStuckDeps, options: ReconcileOptions = {}) {
  return async (input: unknown) =>
    findStuck(deps, options, parseOrThrow(FindStuckInputSchema, input ?? {}, 'FindStuck input'));
}

/** Repair task (inside the Map) of the reconcile state machine. */
export function createRepairStep(deps: RepairDeps) {
  return async (input: unknown): Promise<RepairResult> => {
    const result = await repairTask(parseOrThrow(ItemSchema, input, 'Repair input'), deps);
    if (result.changed) deps.logger.info('task repaired by reconciliation', { ...result });
    return result;
  };
}

/** RepairWebhooks task of the reconcile state machine. */
export function createRepairWebhooksStep(deps: RepairWebhooksDeps) {
  return async (input: unknown): Promise<WebhookRepairs> =>
    repairWebhooks(
      parseOrThrow(z.object({ projects: z.array(z.string()) }), input, 'RepairWebhooks input').projects,
      deps,
    );
}

/** Summary task of the reconcile state machine. */
export function createSummaryStep(deps: { logger: Logger }) {
  return async (input: unknown): Promise<ReconcileSummary> =>
    summarize(parseOrThrow(SummaryInputSchema, input, 'Summary input'), deps.logger);
}
