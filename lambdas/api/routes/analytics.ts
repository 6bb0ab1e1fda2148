import { Hono } from 'hono';
import { z } from 'zod';
import { summaryOf } from '#core/analytics/aggregate.js';
import { AnalyticsRangeQuerySchema, FailuresQuerySchema } from '#core/analytics/schemas.js';
import { PermissionDeniedError } from '#core/accounts/errors.js';
import { hasRole, type Role } from '#core/accounts/roles.js';
import { NotFoundError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { parseOrThrow } from '#core/validation.js';
import type { TaskStore } from '#lambdas/ports.js';
import { analyticsQueries, type AnalyticsQueryDeps } from '../analytics-queries.js';

/** What the analytics routes read. */
export interface AnalyticsRoutesDeps extends AnalyticsQueryDeps {
  tasks: Pick<TaskStore, 'getTask' | 'listTimeline'>;
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
  const read = analyticsQueries(deps);
  const rangeQuery = (query: Record<string, string>) =>
    parseOrThrow(AnalyticsRangeQuerySchema, query, 'query');

  app.get('/summary', async (c) => c.json(await read.summary(c.get('project').projectId)));

  app.get('/funnel', async (c) =>
    c.json(await read.funnel(c.get('project').projectId, rangeQuery(c.req.query()))),
  );

  app.get('/lead-time', async (c) =>
    c.json(await read.leadTime(c.get('project').projectId, rangeQuery(c.req.query()))),
  );

  app.get('/failures', async (c) => {
    const query = parseOrThrow(FailuresQuerySchema, c.req.query(), 'query');
    return c.json(await read.failures(c.get('project').projectId, query));
  });

  app.get('/webhooks/health', async (c) => c.json(await read.webhooksHealth(c.get('project').projectId)));

  app.get('/jobs/health', async (c) => c.json(await read.jobsHealth()));

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
