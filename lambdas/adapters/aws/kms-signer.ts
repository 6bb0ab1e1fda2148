import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { PublicKeys, Signer } from '#lambdas/ports.js';

/**
 * Signs capability tokens with the KMS asymmetric key (ECC_NIST_P256) behind an alias: the digest is
 * computed here and sent with MessageType DIGEST, so the token never leaves the function. The key id
 * in the answer is the key's ARN, which names the key in the token's header.
 */
export class KmsSigner implements Signer {
  constructor(private readonly options: { client: KMSClient; keyId: string }) {}

  async sign(message: Uint8Array): Promise<{ keyId: string; signature: Uint8Array }> {
    const out = await this.options.client.send(
      new SignCommand({
        KeyId: this.options.keyId,
        Message: createHash('sha256').update(message).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (!out.Signature || !out.KeyId) throw new Error('KMS returned no signature');
    return { keyId: out.KeyId, signature: out.Signature };
  }
}

/**
 * Public keys of the signing keys Execute accepts — the current one and retired ones, listed by ARN
 * (a rotation moves the alias and keeps the old key's ARN in the list). Fetched once per container.
 */
export class KmsPublicKeys implements PublicKeys {
  readonly #cache = new Map<string, Uint8Array>();

  constructor(private readonly options: { client: KMSClient; keyArns: readonly string[] }) {}

  async publicKey(keyId: string): Promise<Uint8Array | undefined> {
    if (!this.options.keyArns.includes(keyId)) return undefined;
    const cached = this.#cache.get(keyId);
    if (cached) return cached;
    const out = await this.options.client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!out.PublicKey || out.KeySpec !== 'ECC_NIST_P256') return undefined;
    this.#cache.set(keyId, out.PublicKey);
    return out.PublicKey;
  }
}
