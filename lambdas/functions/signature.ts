import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of a body. */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Compares a received signature with the expected one in constant time.
 * A value of the wrong length is simply unequal (never an exception).
 */
export function signaturesMatch(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    // Still spend a comparison so the timing does not reveal the length check.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
