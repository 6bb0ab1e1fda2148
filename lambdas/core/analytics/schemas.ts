import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { TASK_STATUSES, type TaskStatus } from '../task.js';
import { FunnelStageSchema } from './progress.js';

/** The longest range one analytics request may cover, in days (inclusive). */
export const MAX_RANGE_DAYS = 366;
/** The range used when a request names neither end: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

/** `?from&to` of the analytics routes: UTC days (`YYYY-MM-DD`), both optional. */
export const AnalyticsRangeQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AnalyticsRangeQuery = z.infer<typeof AnalyticsRangeQuerySchema>;

/** `?from&to&limit` of the failures route. */
export const FailuresQuerySchema = AnalyticsRangeQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** A resolved range: both ends set, from ≤ to, at most MAX_RANGE_DAYS days. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Fills the missing ends (to = today, from = to − 29 days) and checks the order and the length. */
export function resolveRange(query: AnalyticsRangeQuery, today: string): DayRange {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? shift(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to)
    throw new ValidationError(`Invalid range: from ${from} is after to ${to}`, [
      { path: 'from', message: 'must be on or before to' },
    ]);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS)
    throw new ValidationError(`Invalid range: ${days} days (at most ${MAX_RANGE_DAYS})`, [
      { path: 'to', message: `must be at most ${MAX_RANGE_DAYS - 1} days after from` },
    ]);
  return { from, to };
}

const count = z.number().int().nonnegative();

// Every status as a named property, so the OpenAPI document lists them (a record keyed by an enum does not).
const byStatusShape = Object.fromEntries(TASK_STATUSES.map((s) => [s, count])) as Record<
  TaskStatus,
  typeof count
>;

/** Tasks by status (every status, zero included), their total and the open backlog. */
export const AnalyticsSummarySchema = z.object({
  byStatus: z.object(byStatusShape),
  total: count,
  open: count,
});
export const FunnelResponseSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  stages: z.array(z.object({ stage: FunnelStageSchema, count })),
});
export const LeadTimeResponseSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  weeks: z.array(
    z.object({
      week: z.string(),
      count,
      p50Ms: z.number().nullable(),
      p90Ms: z.number().nullable(),
      exact: z.boolean(),
    }),
  ),
});
export const FailuresResponseSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  reasons: z.array(z.object({ reason: z.string(), count })),
});

/** The ingest queue as an operator watches it. */
export const JobsHealthSchema = z.object({
  queueDepth: count,
  inFlight: count,
  /** Age of the oldest waiting message, in seconds (null: none waiting, or not known). */
  oldestMessageAgeSeconds: z.number().nonnegative().nullable(),
  deadLetterDepth: count,
});
export type JobsHealth = z.infer<typeof JobsHealthSchema>;

/** What a delivery came to, as the receivers' answers show it (`DeliveryOutcome` of the webhook health port). */
export const DeliveryOutcomeSchema = z.enum([
  'accepted',
  'duplicate',
  'ignored',
  'rejected_signature',
  'failed',
]);

const WebhookSourceHealthSchema = z.object({
  /** Deliveries per outcome over the window (outcomes never seen are absent). */
  totals: z.partialRecord(DeliveryOutcomeSchema, count),
  lastDeliveryAt: z.iso.datetime().nullable(),
  lastOutcome: DeliveryOutcomeSchema.nullable(),
  lastRejectedAt: z.iso.datetime().nullable(),
  lastFailureAt: z.iso.datetime().nullable(),
});

/** Webhook delivery health per source over the last `days` days. */
export const WebhookHealthResponseSchema = z.object({
  days: z.number().int().positive(),
  github: WebhookSourceHealthSchema,
  asana: WebhookSourceHealthSchema,
});
