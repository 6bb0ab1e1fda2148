import type { ProjectConfig } from '#core/project-config.js';
import type { Principal } from '#lambdas/console-ports.js';

/** Who a project API token speaks for: one project, a role inside it, and the token's own id. */
export interface BearerPrincipal {
  project: ProjectConfig;
  principal: Principal;
  tokenId: string;
}

/**
 * Resolves an `Authorization` header to the project API token it carries, or undefined when the
 * header is absent, malformed, unknown, revoked or expired. Shared by /api/v1 and the MCP endpoint.
 */
export type AuthenticateBearer = (authorization: string | undefined) => Promise<BearerPrincipal | undefined>;
