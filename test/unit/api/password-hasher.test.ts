import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT_COST, ScryptPasswordHasher } from '#lambdas/api/auth/password-hasher.js';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('uses at least OWASP’s scrypt cost (N=2^17, r=8, p=1) with a random salt', async () => {
    const a = await hasher.hash('correct horse battery staple');
    const b = await hasher.hash('correct horse battery staple');

    expect(OWASP_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse battery staple', a)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', a)).toBe(false);
  });

  it('verifies hashes made at another cost, so the cost can be raised later', async () => {
    const cheap = await new ScryptPasswordHasher({ log2N: 10, r: 8, p: 1 }).hash('pw-pw-pw-pw-pw');

    expect(await hasher.verify('pw-pw-pw-pw-pw', cheap)).toBe(true);
  });

  it('treats malformed or absurd hashes as a mismatch', async () => {
    expect(await hasher.verify('x', 'plain')).toBe(false);
    expect(await hasher.verify('x', 'scrypt$ln=30,r=8,p=1$AAAA$AAAA')).toBe(false);
  });

  it('normalises Unicode, so the same password typed on another keyboard matches', async () => {
    const cheap = new ScryptPasswordHasher({ log2N: 10, r: 8, p: 1 });

    expect(await cheap.verify('Cafe\u0301 au lait!!', await cheap.hash('Café au lait!!'))).toBe(true);
  });
});
