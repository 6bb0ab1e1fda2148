import { randomBytes } from 'node:crypto';

/** Makes unguessable bearer secrets (session cookies, CSRF tokens, invite links). */
export interface TokenSource {
  /** 256 random bits, base64url. */
  newToken(): string;
}

export const randomTokens: TokenSource = { newToken: () => randomBytes(32).toString('base64url') };
