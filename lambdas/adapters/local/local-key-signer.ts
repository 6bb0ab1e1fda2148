import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicKeys, Signer } from '#lambdas/ports.js';

/** The key id of a public key: a digest of its SPKI, so it never depends on file names. */
function keyIdOf(spki: Buffer): string {
  return `local-${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
}

/**
 * The local stand-in for the KMS signing key: P-256 private keys as PEM files of mode 0600 in one
 * folder, `current` naming the one that signs. Rotating adds a key and moves `current`; older keys
 * stay, so tokens they signed still verify.
 */
export class LocalKeySigner implements Signer, PublicKeys {
  constructor(private readonly options: { dir: string }) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    if (!existsSync(this.#currentFile)) this.rotate();
  }

  get #currentFile(): string {
    return join(this.options.dir, 'current');
  }

  /** Generates a new key and makes it current; returns its id. */
  rotate(): string {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = keyIdOf(publicKey.export({ format: 'der', type: 'spki' }));
    const file = join(this.options.dir, `${kid}.pem`);
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    chmodSync(file, 0o600);
    writeFileSync(this.#currentFile, kid, { mode: 0o600 });
    return kid;
  }

  /** The id of the key that signs now. */
  currentKeyId(): string {
    return readFileSync(this.#currentFile, 'utf8').trim();
  }

  async sign(message: Uint8Array): Promise<{ keyId: string; signature: Uint8Array }> {
    const keyId = this.currentKeyId();
    const key = createPrivateKey(readFileSync(join(this.options.dir, `${keyId}.pem`), 'utf8'));
    return { keyId, signature: sign('sha256', message, { key, dsaEncoding: 'der' }) };
  }

  async publicKey(keyId: string): Promise<Uint8Array | undefined> {
    if (!/^local-[0-9a-f]{16}$/.test(keyId)) return undefined;
    const known = readdirSync(this.options.dir).includes(`${keyId}.pem`);
    if (!known) return undefined;
    const key = createPrivateKey(readFileSync(join(this.options.dir, `${keyId}.pem`), 'utf8'));
    return createPublicKey(key).export({ format: 'der', type: 'spki' });
  }
}
