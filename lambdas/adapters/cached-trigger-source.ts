import type { TriggerSet } from '#core/triggers/trigger-set.js';
import type { Clock, TriggerSource } from '#lambdas/ports.js';

/**
 * Remembers a project's active triggers briefly: every applied event consults them, and a trigger
 * change may take up to `ttlMs` to reach a warm container (or the local worker).
 */
export class CachedTriggerSource implements TriggerSource {
  private readonly byProject = new Map<string, { value: TriggerSet; until: number }>();

  constructor(private readonly options: { inner: TriggerSource; clock: Clock; ttlMs?: number }) {}

  async activeTriggers(projectId: string): Promise<TriggerSet> {
    const now = this.options.clock.now().getTime();
    const hit = this.byProject.get(projectId);
    if (hit && hit.until > now) return hit.value;
    const value = await this.options.inner.activeTriggers(projectId);
    if (this.byProject.size > 1000) this.byProject.clear();
    this.byProject.set(projectId, { value, until: now + (this.options.ttlMs ?? 5_000) });
    return value;
  }
}
