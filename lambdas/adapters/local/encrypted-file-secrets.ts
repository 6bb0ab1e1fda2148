import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IntegrationTokens, TriggerSecrets, WebhookSecrets } from '#lambdas/ports.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

/** Everything secret about one project. */
export interface ProjectSecrets {
  webhooks: { github?: string; asana?: string };
  tokens: { github?: string; asana?: string };
  /** Per-trigger secrets (HMAC keys, notification webhooks), by trigger id. */
  triggers?: Record<string, string>;
}

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

/** Reads the 32-byte key file, creating it with mode 0600 on first use. */
function loadKey(keyFile: string): Buffer {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  chmodSync(keyFile, 0o600);
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`Key file ${keyFile} does not hold a 32-byte key`);
  return key;
}

/**
 * The local stand-in for Secrets Manager: one AES-256-GCM encrypted JSON file, with its key in a
 * separate file of mode 0600. Serves both webhook secrets and integration tokens.
 */
export class EncryptedFileSecrets implements WebhookSecrets, IntegrationTokens {
  private readonly key: Buffer;
  private secrets: Record<string, ProjectSecrets>;

  constructor(private readonly options: { file: string; keyFile: string }) {
    this.key = loadKey(options.keyFile);
    const sealed = readJsonFile<Sealed | null>(options.file, null);
    this.secrets = sealed ? (JSON.parse(this.open(sealed)) as Record<string, ProjectSecrets>) : {};
  }

  /** Webhook secrets (WebhookSecrets port). */
  async get(projectId: string): Promise<{ github?: string; asana?: string }> {
    return { ...this.secrets[projectId]?.webhooks };
  }

  /** Stores the Asana webhook secret from a handshake. */
  async putAsana(projectId: string, secret: string): Promise<void> {
    this.update(projectId, (s) => ({ ...s, webhooks: { ...s.webhooks, asana: secret } }));
  }

  /** Integration tokens, as an IntegrationTokens port. */
  readonly tokens: IntegrationTokens = { get: async (projectId) => ({ ...this.secrets[projectId]?.tokens }) };

  /** Per-trigger secrets, as a TriggerSecrets port. */
  readonly triggerSecrets: TriggerSecrets = {
    get: async (projectId, triggerId) => this.secrets[projectId]?.triggers?.[triggerId],
    has: async (projectId, triggerId) => this.secrets[projectId]?.triggers?.[triggerId] !== undefined,
    put: async (projectId, triggerId, secret) =>
      this.update(projectId, (s) => ({ ...s, triggers: { ...s.triggers, [triggerId]: secret } })),
  };

  /** Reads the file back from disk and decrypts it (readiness: the key and the file still match). */
  async verifyReadable(): Promise<void> {
    const sealed = readJsonFile<Sealed | null>(this.options.file, null);
    if (sealed) JSON.parse(this.open(sealed));
  }

  /** Sets (merges) a project's secrets. */
  set(projectId: string, secrets: Partial<ProjectSecrets>): void {
    this.update(projectId, (s) => ({
      ...s,
      webhooks: { ...s.webhooks, ...secrets.webhooks },
      tokens: { ...s.tokens, ...secrets.tokens },
    }));
  }

  private update(projectId: string, change: (s: ProjectSecrets) => ProjectSecrets): void {
    this.secrets[projectId] = change(this.secrets[projectId] ?? { webhooks: {}, tokens: {} });
    writeJsonFile(this.options.file, this.seal(JSON.stringify(this.secrets)));
  }

  private seal(plain: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  private open(sealed: Sealed): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
