import { funnelOf, leadTimeByWeek, summaryOf, topFailures } from '#core/analytics/aggregate.js';
import { resolveRange, type AnalyticsRangeQuery } from '#core/analytics/schemas.js';
import type { WebhookHealthStore } from '#lambdas/console-ports.js';
import type { AnalyticsStore, Clock, JobQueueHealth } from '#lambdas/ports.js';
import { webhookHealthOf } from './webhook-health.js';

/** What the analytics reads need: the pre-aggregated counters, webhook and queue health, the clock. */
export interface AnalyticsQueryDeps {
  analytics: AnalyticsStore;
  webhookHealth: WebhookHealthStore;
  jobs: JobQueueHealth;
  clock: Clock;
}

/**
 * The analytics reads of one project, shared by the console routes and /api/v1 (which validate the
 * same query schemas first). Ranges are resolved against today (UTC); a bad range is a ValidationError.
 */
export function analyticsQueries(deps: AnalyticsQueryDeps) {
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  const daysOf = async (projectId: string, query: AnalyticsRangeQuery) => {
    const range = resolveRange(query, today());
    return { range, days: await deps.analytics.listDays(projectId, range) };
  };
  return {
    /** Tasks by status, their total and the open backlog (one item read, never a scan). */
    summary: async (projectId: string) => summaryOf(await deps.analytics.statusCounts(projectId)),
    /** Tasks of the range's cohorts at each funnel stage. */
    funnel: async (projectId: string, query: AnalyticsRangeQuery) => {
      const { range, days } = await daysOf(projectId, query);
      return { ...range, stages: funnelOf(days) };
    },
    /** p50/p90 AutoTask-to-DEPLOYED per ISO week of the range. */
    leadTime: async (projectId: string, query: AnalyticsRangeQuery) => {
      const { range, days } = await daysOf(projectId, query);
      return { ...range, weeks: leadTimeByWeek(days) };
    },
    /** The most frequent failure reasons of the range. */
    failures: async (projectId: string, query: AnalyticsRangeQuery & { limit: number }) => {
      const { limit, ...rest } = query;
      const { range, days } = await daysOf(projectId, rest);
      return { ...range, reasons: topFailures(days, limit) };
    },
    /** Seven days of webhook delivery health per source. */
    webhooksHealth: (projectId: string) => webhookHealthOf(deps.webhookHealth, projectId, deps.clock.now()),
    /** The ingest queue: depth, in flight, oldest message age, dead letters. */
    jobsHealth: () => deps.jobs.health(),
  };
}
export type AnalyticsQueries = ReturnType<typeof analyticsQueries>;
