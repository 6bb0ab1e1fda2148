import {
  AnalyticsRangeQuerySchema,
  AnalyticsSummarySchema,
  FailuresQuerySchema,
  FailuresResponseSchema,
  FunnelResponseSchema,
  JobsHealthSchema,
  LeadTimeResponseSchema,
  MAX_RANGE_DAYS,
  WebhookHealthResponseSchema,
} from '#core/analytics/schemas.js';
import { analyticsQueries } from '../analytics-queries.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

const RANGE = `\`from\` and \`to\` are UTC days (YYYY-MM-DD, inclusive; default: the last 30 days), at most ${MAX_RANGE_DAYS} days apart.`;

/**
 * Analytics of the token's project, read from pre-aggregated counters (the console's analytics page
 * reads the same). A task's events are `GET /tasks/{taskId}/events`.
 */
export function analyticsOperations(deps: ApiV1Deps): AnyOperation[] {
  const read = analyticsQueries(deps);
  const base = { method: 'get', tag: 'analytics', role: 'viewer' } as const;
  return [
    operation({
      ...base,
      path: '/analytics/summary',
      operationId: 'getAnalyticsSummary',
      summary: 'Tasks by status (every status, zero included), their total and the open backlog',
      response: AnalyticsSummarySchema,
      handler: async ({ bearer }) => read.summary(bearer.project.projectId),
    }),
    operation({
      ...base,
      path: '/analytics/funnel',
      operationId: 'getAnalyticsFunnel',
      summary: `Tasks that became AutoTasks in the range, by stage reached (AutoTask → Issue → PR → Merge → CI success → DEPLOYED). ${RANGE}`,
      query: AnalyticsRangeQuerySchema,
      response: FunnelResponseSchema,
      handler: async ({ bearer, query }) => read.funnel(bearer.project.projectId, query),
    }),
    operation({
      ...base,
      path: '/analytics/lead-time',
      operationId: 'getAnalyticsLeadTime',
      summary: `AutoTask-to-DEPLOYED lead time (p50, p90, in ms) per ISO week of deployment. ${RANGE}`,
      query: AnalyticsRangeQuerySchema,
      response: LeadTimeResponseSchema,
      handler: async ({ bearer, query }) => read.leadTime(bearer.project.projectId, query),
    }),
    operation({
      ...base,
      path: '/analytics/failures',
      operationId: 'getAnalyticsFailures',
      summary: `The most frequent failure reasons in the range, up to \`limit\` (1–50, default 10). ${RANGE}`,
      query: FailuresQuerySchema,
      response: FailuresResponseSchema,
      handler: async ({ bearer, query }) => read.failures(bearer.project.projectId, query),
    }),
    operation({
      ...base,
      path: '/analytics/webhooks/health',
      operationId: 'getWebhooksHealth',
      summary:
        'Webhook deliveries of the last 7 days per source: totals by outcome, last delivery, rejection, failure',
      response: WebhookHealthResponseSchema,
      handler: async ({ bearer }) => read.webhooksHealth(bearer.project.projectId),
    }),
    operation({
      ...base,
      path: '/analytics/jobs/health',
      operationId: 'getJobsHealth',
      summary: 'The ingest queue: depth, in flight, oldest waiting message age (seconds) and dead letters',
      response: JobsHealthSchema,
      handler: async () => read.jobsHealth(),
    }),
  ];
}
