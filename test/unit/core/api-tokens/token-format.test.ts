import { describe, expect, it } from 'vitest';
import {
  API_TOKEN_PATTERN,
  crc32,
  formatApiToken,
  isWellFormedApiToken,
  parseBearerHeader,
} from '#core/api-tokens/token-format.js';

const bytes = (fill: (i: number) => number) => Uint8Array.from({ length: 32 }, (_, i) => fill(i) & 0xff);

describe('API token format', () => {
  it('starts with afp_ and has 49 base62 characters after it', () => {
    const token = formatApiToken(bytes((i) => i * 7 + 3));

    expect(token).toMatch(API_TOKEN_PATTERN);
    expect(token.startsWith('afp_')).toBe(true);
  });

  it('keeps its length when the random bytes are all zero or all 0xff', () => {
    expect(formatApiToken(bytes(() => 0))).toHaveLength(53);
    expect(formatApiToken(bytes(() => 0xff))).toHaveLength(53);
  });

  it('gives different tokens for different bytes', () => {
    expect(formatApiToken(bytes((i) => i))).not.toBe(formatApiToken(bytes((i) => i + 1)));
  });

  it('refuses anything but 32 random bytes', () => {
    expect(() => formatApiToken(new Uint8Array(16))).toThrow(RangeError);
  });

  it('computes the IEEE CRC-32', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('accepts its own tokens and rejects a changed character (checksum)', () => {
    const token = formatApiToken(bytes((i) => i * 13));
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);

    expect(isWellFormedApiToken(token)).toBe(true);
    expect(isWellFormedApiToken(flipped)).toBe(false);
  });

  it('rejects the wrong prefix, length or alphabet', () => {
    const token = formatApiToken(bytes((i) => i));

    expect(isWellFormedApiToken(`ghp_${token.slice(4)}`)).toBe(false);
    expect(isWellFormedApiToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(`${token.slice(0, -1)}-`)).toBe(false);
  });

  it('reads the token from a Bearer header, case-insensitively, and nothing else', () => {
    const token = formatApiToken(bytes((i) => 255 - i));

    expect(parseBearerHeader(`Bearer ${token}`)).toBe(token);
    expect(parseBearerHeader(`bearer ${token}`)).toBe(token);
    expect(parseBearerHeader(`Basic ${token}`)).toBeUndefined();
    expect(parseBearerHeader(`Bearer ${token} extra`)).toBeUndefined();
    expect(parseBearerHeader(undefined)).toBeUndefined();
    expect(parseBearerHeader('Bearer afp_short')).toBeUndefined();
  });
});
