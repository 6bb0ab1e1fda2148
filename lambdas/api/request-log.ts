import { createMiddleware } from 'hono/factory';
import type { Logger } from '#lambdas/ports.js';
import type { ApiEnv } from './env.js';

/**
 * One line per request: method, matched route (never the raw path or query, which may carry ids a
 * user pasted), status, duration and the user id. No headers, cookies or bodies.
 */
export function requestLog(logger: Logger) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('api request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      userId: c.get('signedIn')?.user.userId,
    });
  });
}

/** Headers every API response carries: never cached, never sniffed, never framed. */
export const apiHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', 'no-referrer');
});
