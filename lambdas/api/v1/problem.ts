import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import {
  ApprovalAlreadyDecidedError,
  ApprovalExpiredError,
  ApprovalForbiddenError,
} from '#core/approval/errors.js';
import { ValidationError } from '#core/errors.js';
import type { Logger } from '#lambdas/ports.js';
import { toProblem } from '../on-error.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './errors.js';

/** RFC 9457 problem details, with field-level `errors` for validation failures. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** What an error becomes on /api/v1 (undefined: unexpected, a 500). */
export function v1Problem(error: unknown):
  | {
      status: ContentfulStatusCode;
      code: string;
      message: string;
      issues?: Problem['errors'];
      headers?: Record<string, string>;
    }
  | undefined {
  if (error instanceof ValidationError)
    return { status: 422, code: 'validation_failed', message: error.message, issues: error.issues };
  if (error instanceof IdempotencyKeyReusedError)
    return { status: 422, code: 'idempotency_key_reused', message: error.message };
  if (error instanceof IdempotencyKeyInUseError)
    return { status: 409, code: 'idempotency_key_in_use', message: error.message };
  if (error instanceof ApprovalAlreadyDecidedError)
    return { status: 409, code: 'already_decided', message: error.message };
  if (error instanceof ApprovalExpiredError) return { status: 410, code: 'expired', message: error.message };
  if (error instanceof ApprovalForbiddenError)
    return { status: 403, code: 'forbidden', message: error.message };
  const problem = toProblem(error);
  if (problem?.status === 401)
    return { ...problem, headers: { ...problem.headers, 'www-authenticate': 'Bearer' } };
  return problem;
}

/** A problem+json response. */
export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  extra: { issues?: Problem['errors']; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = {
    type: `urn:autoflow:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    ...(extra.issues && { errors: extra.issues }),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...extra.headers },
  });
}

/** The response for a thrown error: known errors become problems; anything else is logged once and hidden. */
export function errorResponse(error: unknown, c: Context, logger: Logger): Response {
  const problem = v1Problem(error);
  if (problem)
    return problemResponse(c, problem.status, problem.code, problem.message, {
      ...(problem.issues && { issues: problem.issues }),
      ...(problem.headers && { headers: problem.headers }),
    });
  const e = error instanceof Error ? error : new Error(String(error));
  logger.error('api v1 error', {
    method: c.req.method,
    route: c.req.routePath,
    error: { name: e.name, message: e.message, stack: e.stack },
  });
  return problemResponse(c, 500, 'internal', 'Internal error');
}
