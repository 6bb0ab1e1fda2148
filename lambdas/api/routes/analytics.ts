import { Hono } from 'hono';
import { z } from 'zod';
import { funnelOf, leadTimeByWeek, summaryOf, topFailures } from '#core/analytics/aggregate.js';
import { AnalyticsRangeQuerySchema, FailuresQuerySchema, resolveRange } from '#core/analytics/schemas.js';
import { PermissionDeniedError } from '#core/accounts/errors.js';
import { hasRole, type Role } from '#core/accounts/roles.js';
import { NotFoundError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { parseOrThrow } from '#core/validation.js';
import type { WebhookHealthStore } from '#lambdas/console-ports.js';
import type { AnalyticsStore, Clock, JobQueueHealth, TaskStore } from '#lambdas/ports.js';
import { webhookHealthOf } from '../webhook-health.js';

/** What the analytics routes read. */
export interface AnalyticsRoutesDeps {
  analytics: AnalyticsStore;
  tasks: Pick<TaskStore, 'getTask' | 'listTimeline'>;
  webhookHealth: WebhookHealthStore;
  jobs: JobQueueHealth;
  clock: Clock;
}

/** The analytics sub-app's env: mount it behind the middleware that sets project and principal (console or v1). */
export type AnalyticsEnv = {
  Variables: { project: Pick<ProjectConfig, 'projectId'>; principal: { role: Role } };
};

/** `:taskId` of `tasks/:taskId/events`. */
export const TaskIdParamSchema = z.object({ taskId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/) });

/**
 * Analytics of one project, read from pre-aggregated counters (no task is scanned): `summary`, `funnel`,
 * `lead-time`, `failures` (`?from&to`, UTC days), webhook and job health, one task's events, and
 * `POST recount` (admins) to rebuild the status counts.
 */
export function analyticsRoutes(deps: AnalyticsRoutesDeps): Hono<AnalyticsEnv> {
  const app = new Hono<AnalyticsEnv>();
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  const rangeOf = (query: Record<string, string>) =>
    resolveRange(parseOrThrow(AnalyticsRangeQuerySchema, query, 'query'), today());

  app.get('/summary', async (c) => {
    const counts = await deps.analytics.statusCounts(c.get('project').projectId);
    return c.json(summaryOf(counts));
  });

  app.get('/funnel', async (c) => {
    const range = rangeOf(c.req.query());
    const days = await deps.analytics.listDays(c.get('project').projectId, range);
    return c.json({ ...range, stages: funnelOf(days) });
  });

  app.get('/lead-time', async (c) => {
    const range = rangeOf(c.req.query());
    const days = await deps.analytics.listDays(c.get('project').projectId, range);
    return c.json({ ...range, weeks: leadTimeByWeek(days) });
  });

  app.get('/failures', async (c) => {
    const { limit, ...query } = parseOrThrow(FailuresQuerySchema, c.req.query(), 'query');
    const range = resolveRange(query, today());
    const days = await deps.analytics.listDays(c.get('project').projectId, range);
    return c.json({ ...range, reasons: topFailures(days, limit) });
  });

  app.get('/webhooks/health', async (c) =>
    c.json(await webhookHealthOf(deps.webhookHealth, c.get('project').projectId, deps.clock.now())),
  );

  app.get('/jobs/health', async (c) => c.json(await deps.jobs.health()));

  app.get('/tasks/:taskId/events', async (c) => {
    const { projectId } = c.get('project');
    const parsed = TaskIdParamSchema.safeParse(c.req.param());
    const task = parsed.success ? await deps.tasks.getTask(projectId, parsed.data.taskId) : undefined;
    if (!task) throw new NotFoundError(`No task ${c.req.param('taskId')}`);
    return c.json({ taskId: task.taskId, items: await deps.tasks.listTimeline(projectId, task.taskId) });
  });

  // Rebuilds the status counts from the status index (drift repair after a crash between writes).
  app.post('/recount', async (c) => {
    if (!hasRole(c.get('principal').role, 'admin'))
      throw new PermissionDeniedError('Recounting needs the admin role');
    const counts = await deps.analytics.recountStatuses(c.get('project').projectId);
    return c.json(summaryOf(counts));
  });

  return app;
}
