import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PermissionDeniedError, AuthenticationError } from '#core/accounts/errors.js';
import { hasRole } from '#core/accounts/roles.js';
import { NotFoundError } from '#core/errors.js';
import { parseOrThrow } from '#core/validation.js';
import type { Logger } from '#lambdas/ports.js';
import { BadBodyError } from '../errors.js';
import { apiHeaders } from '../request-log.js';
import type { ApiV1Deps } from './deps.js';
import type { ApiV1Env } from './env.js';
import { withIdempotency, type PlainResponse } from './idempotency.js';
import { buildOpenApiDocument } from './openapi.js';
import { honoPath, type AnyOperation } from './operation.js';
import { errorResponse, PROBLEM_CONTENT_TYPE, problemResponse } from './problem.js';
import { v1Operations } from './resources.js';

const MAX_BODY_BYTES = 256 * 1024;

/** One log line per request: method, route, status, duration and the token id (never the token). */
function requestLog(logger: Logger) {
  return createMiddleware<ApiV1Env>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('api v1 request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      tokenId: c.get('bearer')?.tokenId,
    });
  });
}

/** Bearer auth: no cookies, no session, so no CSRF either. 401 with `WWW-Authenticate: Bearer` otherwise. */
function bearerAuth(deps: Pick<ApiV1Deps, 'authenticate'>) {
  return createMiddleware<ApiV1Env>(async (c, next) => {
    const bearer = await deps.authenticate(c.req.header('authorization'));
    if (!bearer) throw new AuthenticationError('Send a valid project API token: Authorization: Bearer afp_…');
    c.set('bearer', bearer);
    await next();
  });
}

async function readJson(c: Context, raw: string): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BadBodyError('Send the body as application/json');
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadBodyError('The body is not valid JSON');
  }
}

/** Runs one operation: role, params (404), query and body (422), handler, response schema. */
async function run(
  op: AnyOperation,
  c: Context<ApiV1Env>,
  raw: string,
  logger: Logger,
): Promise<PlainResponse> {
  try {
    const bearer = c.get('bearer');
    if (!hasRole(bearer.principal.role, op.role))
      throw new PermissionDeniedError(`This needs a token with the ${op.role} role`);
    const params = op.params ? op.params.safeParse(c.req.param()) : undefined;
    if (params && !params.success) throw new NotFoundError(`No such resource: ${c.req.path}`);
    const query = op.query ? parseOrThrow(op.query, c.req.query(), 'query') : undefined;
    const body = op.body ? parseOrThrow(op.body, await readJson(c, raw), 'body') : undefined;
    const result = await op.handler({ params: params?.data, query, body, bearer });
    return { status: op.status ?? 200, body: JSON.stringify(op.response.parse(result)) };
  } catch (error) {
    const res = errorResponse(error, c, logger);
    return { status: res.status, body: await res.text() };
  }
}

function respond(c: Context, response: PlainResponse & { replayed?: boolean }): Response {
  const headers: Record<string, string> = {
    'content-type': response.status < 400 ? 'application/json' : PROBLEM_CONTENT_TYPE,
  };
  if (response.status === 401) headers['www-authenticate'] = 'Bearer';
  if (response.replayed) headers['idempotent-replayed'] = 'true';
  return c.body(response.body, response.status as ContentfulStatusCode, headers);
}

/**
 * The external API behind /api/v1: project API tokens (bearer) only, every route scoped to the
 * token's project (there is no project in the path, so another project's ids simply are not found).
 * Every route is an operation of the OpenAPI document served at /openapi.json.
 */
export function createApiV1App(deps: ApiV1Deps, operations: AnyOperation[] = v1Operations(deps)) {
  const app = new Hono<ApiV1Env>();
  const document = buildOpenApiDocument(operations);
  app.use('*', apiHeaders, requestLog(deps.logger));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problemResponse(c, 413, 'body_too_large', 'The request body is too large'),
    }),
  );
  app.get('/openapi.json', (c) => c.json(document));
  app.use('*', bearerAuth(deps));
  for (const op of operations)
    app.on(op.method.toUpperCase(), honoPath(op.path), async (c) => {
      const raw = op.method === 'get' || op.method === 'delete' ? '' : await c.req.text();
      const exec = () => run(op, c, raw, deps.logger);
      if (op.method !== 'post') return respond(c, await exec());
      const response = await withIdempotency(
        {
          key: c.req.header('idempotency-key'),
          scope: `${c.get('bearer').project.projectId}:${c.get('bearer').tokenId}`,
          method: c.req.method,
          path: c.req.path,
          rawBody: raw,
          ...(op.secretAnswer && { secretAnswer: true }),
        },
        deps,
        exec,
      );
      return respond(c, response);
    });
  app.all('*', (c) => problemResponse(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => errorResponse(error, c, deps.logger));
  return Object.assign(app, { document });
}
