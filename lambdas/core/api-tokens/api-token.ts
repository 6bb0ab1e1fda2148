import { z } from 'zod';
import { hasRole, RoleSchema, type Role } from '../accounts/roles.js';

/** Tokens live at most a year when they expire at all. */
export const MAX_TOKEN_LIFETIME_MS = 366 * 24 * 3600_000;
/** `lastUsedAt` moves at most this often, so a busy token does not cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** A project API token as stored: everything but the secret, which exists only as a digest (the key). */
export const ApiTokenSchema = z.object({
  tokenId: z.string().min(1),
  projectId: z.string().min(1),
  name: z.string().min(1).max(100),
  role: RoleSchema,
  createdBy: z.string().min(1),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** What someone asks for when creating a token (console and API share it). */
export const CreateApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  role: RoleSchema,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenSchema>;

/** Whether a token can be used at `now`. */
export type ApiTokenState = 'active' | 'revoked' | 'expired';

export function apiTokenState(token: ApiToken, now: Date): ApiTokenState {
  if (token.revokedAt !== undefined) return 'revoked';
  if (token.expiresAt !== undefined && now.getTime() >= Date.parse(token.expiresAt)) return 'expired';
  return 'active';
}

/** Why a creation request cannot be granted (field path and reason), or undefined when it can. */
export function apiTokenRequestProblem(
  request: CreateApiTokenRequest,
  creatorRole: Role,
  now: Date,
): { path: string; message: string } | undefined {
  if (!hasRole(creatorRole, request.role))
    return { path: 'role', message: `cannot be above your own role (${creatorRole})` };
  if (request.expiresAt !== undefined) {
    const at = Date.parse(request.expiresAt);
    if (at <= now.getTime()) return { path: 'expiresAt', message: 'must be in the future' };
    if (at - now.getTime() > MAX_TOKEN_LIFETIME_MS)
      return { path: 'expiresAt', message: 'must be within a year' };
  }
  return undefined;
}

/** The stored record of a new token (its id and creation time given by the caller). */
export function newApiToken(
  request: CreateApiTokenRequest,
  input: { tokenId: string; projectId: string; createdBy: string },
  now: Date,
): ApiToken {
  return {
    ...input,
    name: request.name,
    role: request.role,
    createdAt: now.toISOString(),
    ...(request.expiresAt !== undefined && { expiresAt: new Date(request.expiresAt).toISOString() }),
  };
}

/** True when `lastUsedAt` is old enough to be worth a write at `now`. */
export function shouldTouch(token: ApiToken, now: Date): boolean {
  return (
    token.lastUsedAt === undefined || now.getTime() - Date.parse(token.lastUsedAt) >= LAST_USED_RESOLUTION_MS
  );
}

/** The principal id a token acts as (audit actor, approver id): `token:<id>`. */
export function tokenPrincipalId(tokenId: string): string {
  return `token:${tokenId}`;
}
