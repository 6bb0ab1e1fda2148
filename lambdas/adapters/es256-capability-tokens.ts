import { createPublicKey, verify } from 'node:crypto';
import { CapabilityClaimsSchema, type CapabilityClaims } from '#core/capability/claims.js';
import { CapabilityRefusedError } from '#core/capability/errors.js';
import type { CapabilityTokens, PublicKeys, Signer } from '#lambdas/ports.js';

const b64url = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/** Converts a DER ECDSA signature (as KMS and OpenSSL produce) to JOSE's fixed r‖s form (64 bytes for P-256). */
export function derToJose(der: Uint8Array): Buffer {
  const buf = Buffer.from(der);
  let offset = 2 + (buf[1]! & 0x80 ? buf[1]! & 0x7f : 0);
  const readInt = () => {
    if (buf[offset] !== 0x02) throw new Error('not a DER ECDSA signature');
    const length = buf[offset + 1]!;
    const value = buf.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([readInt(), readInt()]);
}

/**
 * Capability tokens as ES256 JWTs: signed through the Signer port (KMS on AWS, a local key file
 * locally), verified against the public key the `kid` names — current or retired, as long as it is
 * a known signing key — so tokens minted before a rotation stay verifiable.
 */
export class Es256CapabilityTokens implements CapabilityTokens {
  readonly #keys = new Map<string, ReturnType<typeof createPublicKey>>();
  #lastKid: string | undefined;

  constructor(private readonly options: { signer?: Signer; publicKeys?: PublicKeys }) {}

  async mint(claims: CapabilityClaims): Promise<string> {
    if (!this.options.signer) throw new Error('this container cannot sign capability tokens');
    const payload = b64url(JSON.stringify(CapabilityClaimsSchema.parse(claims)));
    // The header names the key, but behind an alias the signer reveals which key it used only when it signs:
    // guess the last one seen, and sign again when the alias has moved to a new key (once per rotation).
    let kid = this.#lastKid;
    for (let attempt = 0; attempt < 2; attempt++) {
      const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) }));
      const input = `${header}.${payload}`;
      const { keyId, signature } = await this.options.signer.sign(Buffer.from(input));
      if (keyId === kid) return `${input}.${b64url(derToJose(signature))}`;
      kid = keyId;
      this.#lastKid = keyId;
    }
    throw new Error('the signing key kept changing while signing');
  }

  async verify(token: string): Promise<CapabilityClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new CapabilityRefusedError('token is not a JWT');
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = this.#json(headerPart, 'header') as { alg?: unknown; kid?: unknown };
    if (header.alg !== 'ES256')
      throw new CapabilityRefusedError(`token algorithm ${String(header.alg)} is not ES256`);
    if (typeof header.kid !== 'string') throw new CapabilityRefusedError('token names no key');
    const key = await this.#publicKey(header.kid);
    if (!key) throw new CapabilityRefusedError(`token signed by an unknown key ${header.kid}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    const ok =
      signature.length === 64 &&
      verify(
        'sha256',
        Buffer.from(`${headerPart}.${payloadPart}`),
        { key, dsaEncoding: 'ieee-p1363' },
        signature,
      );
    if (!ok) throw new CapabilityRefusedError('token signature does not verify (forged or altered)');
    const claims = CapabilityClaimsSchema.safeParse(this.#json(payloadPart, 'claims'));
    if (!claims.success) throw new CapabilityRefusedError('token claims are malformed');
    return claims.data;
  }

  #json(part: string, what: string): unknown {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    } catch {
      throw new CapabilityRefusedError(`token ${what} is not JSON`);
    }
  }

  async #publicKey(kid: string) {
    const cached = this.#keys.get(kid);
    if (cached) return cached;
    const der = await this.options.publicKeys?.publicKey(kid);
    if (!der) return undefined;
    const key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
    this.#keys.set(kid, key);
    return key;
  }
}
