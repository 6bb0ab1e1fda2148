import { describe, expect, it } from 'vitest';
import { encodeUlid, ulidIds } from '#adapters/system.js';
import { fixedClock } from '../../helpers/memory-ports.js';

describe('ULIDs', () => {
  it('are 26 Crockford base32 characters', () => {
    expect(ulidIds().newId()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sort by time', () => {
    const early = encodeUlid(1_700_000_000_000, new Uint8Array(10).fill(255));
    const late = encodeUlid(1_700_000_000_001, new Uint8Array(10));
    expect(early < late).toBe(true);
  });

  it('differ within the same millisecond', () => {
    const ids = ulidIds(fixedClock());
    expect(ids.newId()).not.toBe(ids.newId());
  });
});
