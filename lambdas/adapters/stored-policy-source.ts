import { versionName, type ActivePolicySet } from '#core/policy/policy-set.js';
import type { Clock, PolicySource, PolicyStore } from '#lambdas/ports.js';

/**
 * The policy set in force for a project: its latest saved version, else the shipped default.
 * Remembered for `ttlMs` per project (Evaluate runs once per effect; a new version applies within it).
 */
export class StoredPolicySource implements PolicySource {
  readonly #cache = new Map<string, { set: ActivePolicySet; until: number }>();

  constructor(
    private readonly options: { store: PolicyStore; defaultText: string; clock: Clock; ttlMs?: number },
  ) {}

  async activePolicySet(projectId: string): Promise<ActivePolicySet> {
    const now = this.options.clock.now().getTime();
    const hit = this.#cache.get(projectId);
    if (hit && hit.until > now) return hit.set;
    const latest = await this.options.store.latestPolicySet(projectId);
    const set = latest
      ? { version: versionName(latest.version), text: latest.text }
      : { version: versionName(undefined), text: this.options.defaultText };
    if (this.#cache.size > 1000) this.#cache.clear();
    this.#cache.set(projectId, { set, until: now + (this.options.ttlMs ?? 5_000) });
    return set;
  }

  /** Forgets a project's set (after a save through this container). */
  forget(projectId: string): void {
    this.#cache.delete(projectId);
  }
}

/** One fixed policy set for every project (simulation, benchmarks, tests). */
export function staticPolicySource(text: string, version = 'file'): PolicySource {
  return { activePolicySet: async () => ({ version, text }) };
}
