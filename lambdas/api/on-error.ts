import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  AlreadyInitialisedError,
  AuthenticationError,
  InviteUnavailableError,
  PermissionDeniedError,
  ThrottledError,
} from '#core/accounts/errors.js';
import {
  NotFoundError,
  PermanentIntegrationError,
  ReferenceConflictError,
  TransientIntegrationError,
  ValidationError,
  VersionConflictError,
} from '#core/errors.js';
import type { Logger } from '#lambdas/ports.js';
import { BuiltInTriggerError, TriggerDisabledError } from '#core/triggers/errors.js';
import { BadBodyError, CommandRejectedError, CsrfError, KillSwitchOnError } from './errors.js';

interface Problem {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
  headers?: Record<string, string>;
}

/** The one place where errors become status codes. */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof ValidationError)
    return { status: 400, code: 'invalid_request', message: error.message, issues: error.issues };
  if (error instanceof BadBodyError) return { status: 400, code: 'invalid_body', message: error.message };
  if (error instanceof AuthenticationError)
    return { status: 401, code: 'unauthenticated', message: error.message };
  if (error instanceof PermissionDeniedError)
    return { status: 403, code: 'forbidden', message: error.message };
  if (error instanceof CsrfError) return { status: 403, code: 'csrf', message: error.message };
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof InviteUnavailableError)
    return { status: 410, code: 'invite_unavailable', message: error.message };
  if (error instanceof AlreadyInitialisedError)
    return { status: 409, code: 'already_initialised', message: error.message };
  if (error instanceof CommandRejectedError)
    return { status: 409, code: 'command_rejected', message: error.message };
  if (error instanceof KillSwitchOnError)
    return { status: 409, code: 'kill_switch_on', message: error.message };
  if (error instanceof TriggerDisabledError)
    return { status: 409, code: 'trigger_disabled', message: error.message };
  if (error instanceof BuiltInTriggerError) return { status: 409, code: 'built_in', message: error.message };
  if (error instanceof ReferenceConflictError || error instanceof VersionConflictError)
    return { status: 409, code: 'conflict', message: error.message };
  if (error instanceof ThrottledError)
    return {
      status: 429,
      code: 'too_many_attempts',
      message: error.message,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  if (error instanceof TransientIntegrationError)
    return { status: 503, code: 'integration_unavailable', message: error.message };
  if (error instanceof PermanentIntegrationError)
    return { status: 502, code: 'integration_error', message: error.message };
  if (error instanceof HTTPException && error.status < 500)
    return { status: error.status as ContentfulStatusCode, code: 'http_error', message: error.message };
  return undefined;
}

/** The API's onError: known errors become problems; anything else is logged once and hidden. */
export function onApiError(logger: Logger) {
  return (error: Error, c: Context) => {
    const problem = toProblem(error);
    if (problem) {
      for (const [name, value] of Object.entries(problem.headers ?? {})) c.header(name, value);
      const { status, code, message, issues } = problem;
      return c.json({ error: { code, message, ...(issues && { issues }) } }, status);
    }
    logger.error('api error', {
      method: c.req.method,
      route: c.req.routePath,
      error: { name: error.name, message: error.message, stack: error.stack },
    });
    return c.json({ error: { code: 'internal', message: 'Internal error' } }, 500);
  };
}
