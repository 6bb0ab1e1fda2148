import type { Clock, WebhookSecrets } from '#lambdas/ports.js';

/** Caches webhook secrets for a short time (every delivery reads them); a write invalidates the entry. */
export class CachedWebhookSecrets implements WebhookSecrets {
  private readonly entries = new Map<string, { value: { github?: string; asana?: string }; until: number }>();

  constructor(private readonly options: { inner: WebhookSecrets; clock: Clock; ttlMs?: number }) {}

  async get(projectId: string): Promise<{ github?: string; asana?: string }> {
    const now = this.options.clock.now().getTime();
    const hit = this.entries.get(projectId);
    if (hit && hit.until > now) return hit.value;
    const value = await this.options.inner.get(projectId);
    this.entries.set(projectId, { value, until: now + (this.options.ttlMs ?? 60_000) });
    return value;
  }

  async putAsana(projectId: string, secret: string): Promise<void> {
    this.entries.delete(projectId);
    await this.options.inner.putAsana(projectId, secret);
  }
}
