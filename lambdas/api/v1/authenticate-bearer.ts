import { apiTokenState, shouldTouch, tokenPrincipalId } from '#core/api-tokens/api-token.js';
import { parseBearerHeader } from '#core/api-tokens/token-format.js';
import type { ApiTokenStore } from '#lambdas/console-ports.js';
import type { Clock, Logger, ProjectStore } from '#lambdas/ports.js';
import type { AuthenticateBearer } from '../bearer.js';

/** Ports of the bearer authenticator. */
export interface BearerAuthDeps {
  apiTokens: ApiTokenStore;
  projects: ProjectStore;
  clock: Clock;
  logger: Logger;
}

/**
 * Resolves `Authorization: Bearer afp_…` to its token's project and role. A malformed token (wrong
 * prefix, length or checksum) costs no read; otherwise one strongly consistent GetItem by the
 * secret's SHA-256, so a revocation applies to the very next request. The lookup compares digests
 * inside DynamoDB's key match, never the secret itself in our code.
 */
export function createBearerAuthenticator(deps: BearerAuthDeps): AuthenticateBearer {
  return async (authorization) => {
    const secret = parseBearerHeader(authorization);
    if (secret === undefined) return undefined;
    const token = await deps.apiTokens.getApiTokenBySecret(secret);
    const now = deps.clock.now();
    if (!token || apiTokenState(token, now) !== 'active') return undefined;
    const project = await deps.projects.getProject(token.projectId);
    if (!project) return undefined;
    if (shouldTouch(token, now))
      await deps.apiTokens.touchApiToken(secret, now).catch((error: unknown) =>
        deps.logger.warn('API token last-used not recorded', {
          tokenId: token.tokenId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    return {
      project,
      principal: {
        userId: tokenPrincipalId(token.tokenId),
        username: `token:${token.name}`,
        role: token.role,
      },
      tokenId: token.tokenId,
    };
  };
}
