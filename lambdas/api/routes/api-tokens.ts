import { Hono } from 'hono';
import { CreateApiTokenSchema } from '#core/api-tokens/api-token.js';
import { createApiToken, revokeApiToken } from '#lambdas/app/manage-api-tokens.js';
import { requireRole } from '../auth/project-access.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';
import { toApiTokenView } from '../views/api-token-view.js';

/** The use case's ports from the console's: token secrets come from the same random source as sessions. */
function tokenDeps(deps: ApiDeps) {
  const { apiTokens, audit, clock, ids } = deps;
  return {
    apiTokens,
    audit,
    clock,
    ids,
    randomBytes: () => Buffer.from(deps.tokens.newToken(), 'base64url'),
  };
}

/** Project API tokens (for /api/v1 and MCP): admins list, create (the secret is shown once) and revoke. */
export function apiTokenRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/api-tokens', requireRole('admin'), async (c) => {
    const tokens = await deps.apiTokens.listApiTokens(c.get('project').projectId);
    const now = deps.clock.now();
    return c.json({ items: tokens.map((t) => toApiTokenView(t, now)) });
  });

  app.post('/api-tokens', requireRole('admin'), async (c) => {
    const request = await readBody(c, CreateApiTokenSchema);
    const principal = c.get('principal');
    const { token, secret } = await createApiToken(
      {
        projectId: c.get('project').projectId,
        request,
        creator: { id: `user:${principal.username}`, role: principal.role },
      },
      tokenDeps(deps),
    );
    return c.json({ token: toApiTokenView(token, deps.clock.now()), secret }, 201);
  });

  app.delete('/api-tokens/:tokenId', requireRole('admin'), async (c) => {
    const token = await revokeApiToken(
      {
        projectId: c.get('project').projectId,
        tokenId: c.req.param('tokenId'),
        by: `user:${c.get('principal').username}`,
      },
      tokenDeps(deps),
    );
    return c.json(toApiTokenView(token, deps.clock.now()));
  });

  return app;
}
