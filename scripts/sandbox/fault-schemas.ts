import { z } from 'zod';

const rate = z.number().min(0).max(1);
const retryAfterSeconds = z.number().int().min(0).max(3600).default(1);

/** An injected failure: the next `count` matching API calls fail (or are slowed down). */
export const FaultSchema = z
  .object({
    service: z.enum(['github', 'asana']),
    /** 5xx, 429 (rate limit), 403 (GitHub: secondary rate limit unless `message` is given), or any other 4xx. */
    status: z.number().int().min(400).max(599).optional(),
    /** The error message (a GitHub 403 with a message is a plain permission error). */
    message: z.string().min(1).optional(),
    /** Delay before answering (to provoke client timeouts). */
    delayMs: z.number().int().min(0).max(60_000).optional(),
    retryAfterSeconds,
    count: z.number().int().min(1).max(1000).default(1),
    method: z.string().toUpperCase().optional(),
    /** Only calls whose path contains this. */
    pathContains: z.string().optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined, { message: 'give status or delayMs' });
export type Fault = z.infer<typeof FaultSchema>;

/** A fault drawn with probability `rate` for every matching API call. */
export const ApiFaultRateSchema = z
  .strictObject({
    service: z.enum(['github', 'asana']),
    /** error: a 5xx; rate_limit: 429 + Retry-After; secondary_rate_limit: GitHub's 403; slow: answers after `delayMs`. */
    mode: z.enum(['error', 'rate_limit', 'secondary_rate_limit', 'slow']),
    rate,
    /** The status of `error` faults. */
    status: z.number().int().min(500).max(599).default(500),
    retryAfterSeconds,
    /** How late `slow` faults answer (then the call is processed as usual): beyond the client's timeout. */
    delayMs: z.number().int().min(1).max(120_000).default(15_000),
    method: z.string().toUpperCase().optional(),
    /** A route of the service, e.g. `/repos/:owner/:repo/issues` (`:name` is one segment, `*` the rest). */
    route: z.string().startsWith('/').optional(),
    /** Only calls whose path contains this. */
    pathContains: z.string().min(1).optional(),
  })
  .refine((r) => r.mode !== 'secondary_rate_limit' || r.service === 'github', {
    message: 'secondary_rate_limit exists on GitHub only',
    path: ['mode'],
  });
export type ApiFaultRate = z.infer<typeof ApiFaultRateSchema>;

/** What happens to the webhooks one service sends. */
export const WebhookFaultsSchema = z
  .strictObject({
    /** Fraction of deliveries lost. */
    drop: rate.default(0),
    /** timeout: the sender sees a timeout (GitHub lists a failed delivery); silent: no trace at the sender. */
    dropAs: z.enum(['timeout', 'silent']).default('timeout'),
    /** Fraction of deliveries sent `copies` times (same X-GitHub-Delivery; same Asana body). */
    duplicate: rate.default(0),
    copies: z.number().int().min(2).max(10).default(3),
    /** Fraction of deliveries (each copy drawn apart) held back by a delay drawn from `delayMs`. */
    delay: rate.optional(),
    /** [min, max] delay in ms; giving it alone delays every delivery. @default [100, 1000] */
    delayMs: z
      .tuple([z.number().int().min(0), z.number().int().min(0).max(600_000)])
      .refine(([min, max]) => min <= max, { message: 'min must not exceed max' })
      .optional(),
    /** Deliveries are held for this window, then sent in a shuffled order (0: off). */
    reorderWindowMs: z.number().int().min(0).max(60_000).default(0),
    /** Only these events (`issues`, `pull_request.closed`, `asana.events`…); default all. */
    events: z.array(z.string().min(1)).min(1).optional(),
    /** Asana only: delete a webhook after this many failed deliveries in a row, as Asana does. */
    deleteAfterFailures: z.number().int().min(1).max(1000).optional(),
  })
  .transform(({ delay, delayMs, ...rest }) => ({
    ...rest,
    delay: delay ?? (delayMs ? 1 : 0),
    delayMs: delayMs ?? ([100, 1000] as [number, number]),
  }));
export type WebhookFaults = z.infer<typeof WebhookFaultsSchema>;

/** Probabilistic faults for APIs and webhooks, drawn from `seed` so a run can be repeated. */
export const ChaosSchema = z.strictObject({
  seed: z.union([z.number().int(), z.string().min(1)]).default(1),
  api: z.array(ApiFaultRateSchema).max(100).default([]),
  webhooks: z
    .strictObject({ github: WebhookFaultsSchema.optional(), asana: WebhookFaultsSchema.optional() })
    .default({}),
});
export type ChaosInput = z.input<typeof ChaosSchema>;
export type ChaosConfig = z.infer<typeof ChaosSchema>;
