/**
 * The shape of a project API token: `afp_` + 43 base62 characters of randomness (32 bytes, 256 bits)
 * + 6 base62 characters of CRC-32 over that body. The prefix lets secret scanners find tokens; the
 * checksum lets them (and us) reject a mistyped or made-up token without a database read.
 */
export const API_TOKEN_PREFIX = 'afp_';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
/** The whole token, for scanners: `afp_[0-9A-Za-z]{49}`. */
export const API_TOKEN_PATTERN = /^afp_[0-9A-Za-z]{49}$/;
/** The number of random bytes a token is made from. */
export const API_TOKEN_RANDOM_BYTES = 32;

/** Big-endian base62 of `bytes`, left-padded with '0' to `length`. */
function base62(bytes: Uint8Array, length: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, '0');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(body: string): string {
  const n = crc32(body);
  return base62(new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]), CHECKSUM_LENGTH);
}

/** Builds a token from 32 random bytes (randomness comes from the caller: the core draws none). */
export function formatApiToken(random: Uint8Array): string {
  if (random.length !== API_TOKEN_RANDOM_BYTES)
    throw new RangeError(`an API token needs ${API_TOKEN_RANDOM_BYTES} random bytes`);
  const body = base62(random, BODY_LENGTH);
  return `${API_TOKEN_PREFIX}${body}${checksum(body)}`;
}

/** True when `token` has the prefix, length, alphabet and a matching checksum. */
export function isWellFormedApiToken(token: string): boolean {
  if (!API_TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + BODY_LENGTH);
  return token.endsWith(checksum(body));
}

/** The token carried by an `Authorization: Bearer …` header, if it is well formed; undefined otherwise. */
export function parseBearerHeader(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? '');
  const token = match?.[1];
  return token !== undefined && isWellFormedApiToken(token) ? token : undefined;
}
