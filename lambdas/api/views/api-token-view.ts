import { z } from 'zod';
import { RoleSchema } from '#core/accounts/roles.js';
import { apiTokenState, type ApiToken } from '#core/api-tokens/api-token.js';

/** A token as the console and the API show it: never the secret, never its digest. */
export const ApiTokenViewSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  role: RoleSchema,
  state: z.enum(['active', 'revoked', 'expired']),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenViewSchema>;

/** A new token with its secret, shown once. */
export const CreatedApiTokenSchema = z.object({ token: ApiTokenViewSchema, secret: z.string() });

export function toApiTokenView(token: ApiToken, now: Date): ApiTokenView {
  return {
    tokenId: token.tokenId,
    name: token.name,
    role: token.role,
    state: apiTokenState(token, now),
    createdBy: token.createdBy,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt ?? null,
    revokedAt: token.revokedAt ?? null,
    lastUsedAt: token.lastUsedAt ?? null,
  };
}
