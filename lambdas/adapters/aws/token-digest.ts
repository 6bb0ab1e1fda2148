import { createHash } from 'node:crypto';

/**
 * The key part stored for a bearer secret (session cookie, invite token): its SHA-256, so a copy of
 * the table never yields a usable secret. The secrets are 256-bit random, so no salt or stretching.
 */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
