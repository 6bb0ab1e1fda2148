import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';

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
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
    count: z.number().int().min(1).max(1000).default(1),
    method: z.string().toUpperCase().optional(),
    /** Only calls whose path contains this. */
    pathContains: z.string().optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined, { message: 'give status or delayMs' });
export type Fault = z.infer<typeof FaultSchema>;

const HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

/** Pending faults, consumed in order. */
export class Faults {
  private list: Fault[] = [];

  add(fault: Fault): void {
    this.list.push({ ...fault });
  }

  clear(): void {
    this.list = [];
  }

  pending(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  /** Middleware that applies the first matching fault for `service`. */
  middleware(service: Fault['service']): MiddlewareHandler {
    return async (c, next) => {
      const fault = this.take(service, c.req.method, new URL(c.req.url).pathname);
      if (!fault) return next();
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status === undefined) return next();
      return service === 'github' ? githubFault(c, fault) : asanaFault(c, fault);
    };
  }

  private take(service: string, method: string, path: string): Fault | undefined {
    const index = this.list.findIndex(
      (f) =>
        f.service === service &&
        (!f.method || f.method === method) &&
        (!f.pathContains || path.includes(f.pathContains)),
    );
    const fault = this.list[index];
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.list.splice(index, 1);
    return fault;
  }
}

function githubFault(c: Context, fault: Fault): Response {
  const status = fault.status ?? 500;
  const retryAfter = String(fault.retryAfterSeconds);
  const doc = 'https://docs.github.com/rest';
  if (status === 429) {
    c.header('x-ratelimit-limit', '5000');
    c.header('x-ratelimit-remaining', '0');
    c.header('x-ratelimit-reset', String(Math.ceil(Date.now() / 1000) + fault.retryAfterSeconds));
    c.header('retry-after', retryAfter);
    return c.json(
      { message: 'API rate limit exceeded for user ID 1.', documentation_url: doc, status: '429' },
      429,
    );
  }
  if (status === 403 && !fault.message) {
    c.header('retry-after', retryAfter);
    const message =
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    return c.json({ message, documentation_url: doc, status: '403' }, 403);
  }
  const message = fault.message ?? (status >= 500 ? 'Server Error' : 'Injected failure');
  return c.json({ message, documentation_url: doc, status: String(status) }, status as 400);
}

function asanaFault(c: Context, fault: Fault): Response {
  const status = fault.status ?? 500;
  if (status === 429) {
    c.header('Retry-After', String(fault.retryAfterSeconds));
    return c.json(
      { errors: [{ message: 'You have made too many requests recently. Please, be chill.', help: HELP }] },
      429,
    );
  }
  if (status >= 500) {
    return c.json(
      { errors: [{ message: fault.message ?? 'Server Error', phrase: '6 sad squid snuggle softly' }] },
      status as 500,
    );
  }
  return c.json({ errors: [{ message: fault.message ?? 'Injected failure', help: HELP }] }, status as 400);
}
