import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Hashes and checks passwords. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `encoded`; false for a malformed hash too. */
  verify(password: string, encoded: string): Promise<boolean>;
}

/** scrypt cost: OWASP's minimum is N=2^17, r=8, p=1 (128 MiB, ~0.3 s here). */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}
export const OWASP_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const FORMAT =
  /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  // Node's default maxmem (32 MiB) is below 128·N·r; allow exactly what the cost needs plus slack.
  const options: ScryptOptions = {
    N,
    r: cost.r,
    p: cost.p,
    maxmem: 128 * N * cost.r * cost.p + 8 * 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * scrypt with a random salt per password, encoded as `scrypt$ln=17,r=8,p=1$salt$hash` (base64), so
 * the cost can be raised later without breaking stored hashes. Runs on the libuv pool (async).
 */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost: ScryptCost = OWASP_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.cost);
    const { log2N, r, p } = this.cost;
    return `scrypt$ln=${log2N},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const match = FORMAT.exec(encoded);
    if (!match) return false;
    const [, ln, r, p, salt, hash] = match;
    const cost = { log2N: Number(ln), r: Number(r), p: Number(p) };
    if (cost.log2N < 10 || cost.log2N > 20) return false;
    const expected = Buffer.from(hash ?? '', 'base64');
    const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), cost);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
