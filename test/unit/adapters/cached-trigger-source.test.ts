import { describe, expect, it } from 'vitest';
import { CachedTriggerSource } from '#adapters/cached-trigger-source.js';
import type { TriggerSet } from '#core/triggers/trigger-set.js';
import { fixedClock } from '../../helpers/memory-ports.js';

describe('CachedTriggerSource', () => {
  it('reads a project once per TTL, then again', async () => {
    const clock = fixedClock();
    let reads = 0;
    const set: TriggerSet = { builtIns: { 'fix-forward': true }, user: [] };
    const cached = new CachedTriggerSource({
      inner: { activeTriggers: async () => (reads++, set) },
      clock,
      ttlMs: 1000,
    });

    expect(await cached.activeTriggers('p1')).toEqual(set);
    await cached.activeTriggers('p1');
    expect(reads).toBe(1);
    clock.advance(1001);
    await cached.activeTriggers('p1');
    expect(reads).toBe(2);
  });
});
