import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { SandboxError, zodFields } from './errors.js';

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body. */
export function githubError(c: Context, status: number, message: string, errors?: unknown[]): Response {
  const body: Record<string, unknown> = { message, documentation_url: DOCS, status: String(status) };
  if (errors) body.errors = errors;
  return c.json(body, status as 400);
}

/** Renders any error in GitHub's shape (422s list the fields, as `Validation Failed`). */
export function onGitHubError(error: Error, c: Context): Response {
  if (!(error instanceof SandboxError)) return githubError(c, 500, `Server Error: ${error.message}`);
  if (error.status === 422) {
    const errors = error.fields.map((f) => ({
      resource: error.resource,
      code: f.code,
      field: f.field,
      message: f.message,
    }));
    return githubError(c, 422, error.message, errors);
  }
  return githubError(
    c,
    error.status,
    error.status === 404 && error.message.endsWith('not found') ? 'Not Found' : error.message,
  );
}

/** The sandbox's second GitHub token is `<token>-no-hooks`: a PAT without the admin:repo_hook scope. */
export const NO_HOOKS_TOKEN_SUFFIX = '-no-hooks';

/** The token of a request (`Authorization: token <t>` or `Bearer <t>`). */
function bearer(c: Context): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/**
 * Accepts `Authorization: token <t>` or `Bearer <t>` with the sandbox's GitHub token (or its no-hooks
 * twin), unless `revoked()` says the token was revoked.
 */
export function githubAuth(token: string, revoked: () => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    if (!c.req.header('authorization')) return githubError(c, 401, 'Requires authentication');
    const sent = bearer(c);
    if (revoked() || (sent !== token && sent !== `${token}${NO_HOOKS_TOKEN_SUFFIX}`))
      return githubError(c, 401, 'Bad credentials');
    return next();
  };
}

/** Repository hooks need admin:repo_hook: GitHub answers a token without it 404, as if the hook did not exist. */
export function requireHookScope(token: string): MiddlewareHandler {
  return async (c, next) => (bearer(c) === token ? next() : githubError(c, 404, 'Not Found'));
}

/** The parsed JSON body validated by `schema` (400 on bad JSON, 422 on invalid fields). */
export async function githubBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  resource = 'Issue',
): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new SandboxError(400, 'Problems parsing JSON');
  }
  return githubValid(schema, raw, resource);
}

/** `value` validated by `schema` (422 with GitHub's `errors` otherwise). */
export function githubValid<S extends z.ZodType>(schema: S, value: unknown, resource = 'Issue'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new SandboxError(422, 'Validation Failed', zodFields(parsed.error, value), resource);
  return parsed.data;
}

/** One page of `items`, with GitHub's Link header for the others. */
export function githubPage<T>(c: Context, items: T[], perPage: number, page: number): T[] {
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number): string => {
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(p));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (rels.length > 0) c.header('Link', rels.join(', '));
  return items.slice((page - 1) * perPage, page * perPage);
}

/** `owner/repo` from the route. */
export function repoParam(c: Context): string {
  return `${c.req.param('owner') ?? ''}/${c.req.param('repo') ?? ''}`;
}
