import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '#lambdas/ports.js';

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Encodes a ULID: 48-bit millisecond time then 80 random bits, Crockford base32, so ids sort by time. */
export function encodeUlid(timeMs: number, random: Uint8Array): string {
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let bits = 0;
  let value = 0;
  let rest = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      rest += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return time + rest.slice(0, 16);
}

/** ULIDs from the clock and the system's random source. */
export function ulidIds(clock: Clock = systemClock): Ids {
  return { newId: () => encodeUlid(clock.now().getTime(), randomBytes(10)) };
}
