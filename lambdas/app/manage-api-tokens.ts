import { PermissionDeniedError } from '#core/accounts/errors.js';
import type { Role } from '#core/accounts/roles.js';
import {
  apiTokenRequestProblem,
  newApiToken,
  type ApiToken,
  type CreateApiTokenRequest,
} from '#core/api-tokens/api-token.js';
import { formatApiToken } from '#core/api-tokens/token-format.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import type { ApiTokenStore } from '#lambdas/console-ports.js';
import type { AuditLog, Clock, Ids } from '#lambdas/ports.js';

/** Ports of the API token use cases. */
export interface ApiTokenDeps {
  apiTokens: ApiTokenStore;
  audit: AuditLog;
  clock: Clock;
  ids: Ids;
  /** 32 random bytes per call. */
  randomBytes: () => Uint8Array;
}

/**
 * Creates a project API token no stronger than its creator's role, audited. The secret is returned
 * here once and stored only as a digest; nothing else ever sees it again.
 */
export async function createApiToken(
  input: { projectId: string; request: CreateApiTokenRequest; creator: { id: string; role: Role } },
  deps: ApiTokenDeps,
): Promise<{ token: ApiToken; secret: string }> {
  const now = deps.clock.now();
  const problem = apiTokenRequestProblem(input.request, input.creator.role, now);
  if (problem?.path === 'role') throw new PermissionDeniedError(`A token's role ${problem.message}`);
  if (problem) throw new ValidationError(`Invalid token: ${problem.path} ${problem.message}`, [problem]);
  const secret = formatApiToken(deps.randomBytes());
  const token = newApiToken(
    input.request,
    { tokenId: deps.ids.newId(), projectId: input.projectId, createdBy: input.creator.id },
    now,
  );
  await deps.apiTokens.createApiToken(secret, token);
  await deps.audit.append({
    chain: input.projectId,
    type: 'api_token.created',
    at: token.createdAt,
    actor: input.creator.id,
    subject: `token:${token.tokenId}`,
    data: { name: token.name, role: token.role, ...(token.expiresAt && { expiresAt: token.expiresAt }) },
  });
  return { token, secret };
}

/** Revokes a token of the project at once (the next request with it gets 401), audited once. */
export async function revokeApiToken(
  input: { projectId: string; tokenId: string; by: string },
  deps: Pick<ApiTokenDeps, 'apiTokens' | 'audit' | 'clock'>,
): Promise<ApiToken> {
  const at = deps.clock.now();
  const before = await deps.apiTokens.getApiToken(input.projectId, input.tokenId);
  if (!before) throw new NotFoundError(`No API token ${input.tokenId}`);
  if (before.revokedAt !== undefined) return before;
  const token = await deps.apiTokens.revokeApiToken(input.projectId, input.tokenId, input.by, at);
  if (!token) throw new NotFoundError(`No API token ${input.tokenId}`);
  await deps.audit.append({
    chain: input.projectId,
    type: 'api_token.revoked',
    at: at.toISOString(),
    actor: input.by,
    subject: `token:${token.tokenId}`,
    data: { name: token.name, role: token.role },
  });
  return token;
}
