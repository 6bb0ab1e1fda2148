import { z } from 'zod';
import type { Action } from '../actions.js';
import { targetOf } from '../approval/preview.js';

/** Capability tokens live at most this long. */
export const MAX_TOKEN_SECONDS = 300;
export const TOKEN_ISSUER = 'autoflow-authorize';
export const TOKEN_AUDIENCE = 'autoflow-execute';

/** The claims of a capability token: exactly one effect, for a few minutes, once. */
export const CapabilityClaimsSchema = z.object({
  iss: z.literal(TOKEN_ISSUER),
  aud: z.literal(TOKEN_AUDIENCE),
  /** The action id. */
  sub: z.string().min(1),
  kind: z.string().min(1),
  project: z.string().min(1),
  target: z.string().min(1),
  /** SHA-256 of the canonical action params: the token covers these exact params. */
  params: z.string().regex(/^[0-9a-f]{64}$/),
  approvalId: z.string().nullable(),
  policyVersion: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
});
export type CapabilityClaims = z.infer<typeof CapabilityClaimsSchema>;

/** The claims for one action, valid from `now` for `seconds` (capped at MAX_TOKEN_SECONDS). */
export function claimsFor(
  action: Action,
  input: {
    paramsDigest: string;
    approvalId: string | null;
    policyVersion: string;
    now: Date;
    jti: string;
    seconds?: number;
  },
): CapabilityClaims {
  const iat = Math.floor(input.now.getTime() / 1000);
  return {
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    sub: action.actionId,
    kind: action.params.kind,
    project: action.projectId,
    target: targetOf(action.params),
    params: input.paramsDigest,
    approvalId: input.approvalId,
    policyVersion: input.policyVersion,
    iat,
    exp: iat + Math.min(input.seconds ?? MAX_TOKEN_SECONDS, MAX_TOKEN_SECONDS),
    jti: input.jti,
  };
}

/**
 * Why a token does not cover this action at this time (empty: it does). Expiry is checked here too,
 * so the decision is one pure function of claims, action and clock.
 */
export function claimProblems(
  claims: CapabilityClaims,
  action: Action,
  paramsDigest: string,
  now: Date,
): string[] {
  const problems: string[] = [];
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (claims.exp <= nowSeconds)
    problems.push(`token expired at ${new Date(claims.exp * 1000).toISOString()}`);
  if (claims.exp - claims.iat > MAX_TOKEN_SECONDS) problems.push('token lifetime exceeds 5 minutes');
  if (claims.iat > nowSeconds + 60) problems.push('token issued in the future');
  if (claims.sub !== action.actionId)
    problems.push(`token is for action ${claims.sub}, not ${action.actionId}`);
  if (claims.kind !== action.params.kind)
    problems.push(`token is for ${claims.kind}, not ${action.params.kind}`);
  if (claims.project !== action.projectId) problems.push(`token is for project ${claims.project}`);
  if (claims.target !== targetOf(action.params)) problems.push(`token is for target ${claims.target}`);
  if (claims.params !== paramsDigest) problems.push('token covers other params');
  return problems;
}
