import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InitAdminToken } from '#lambdas/console-ports.js';

/** The local first-admin token and where it came from. */
export interface LocalInitAdminToken extends InitAdminToken {
  token: string;
  source: 'configuration' | 'file';
  file: string;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * INIT_ADMIN_TOKEN from configuration, else a token generated once into `<data dir>/init-admin-token`
 * (mode 0600) and reused across restarts until the first admin exists.
 */
export function localInitAdminToken(dataDir: string, configured: string | undefined): LocalInitAdminToken {
  const file = join(dataDir, 'init-admin-token');
  let token = configured;
  if (token === undefined) {
    if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    token = readFileSync(file, 'utf8').trim();
  }
  const expected = digest(token);
  return {
    token,
    file,
    source: configured === undefined ? 'file' : 'configuration',
    // Comparing digests keeps the comparison constant-time whatever the lengths.
    verify: async (candidate) => timingSafeEqual(digest(candidate), expected),
  };
}
