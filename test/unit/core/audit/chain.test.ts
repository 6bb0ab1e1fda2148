import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkEntry, verifyChain } from '#core/audit/chain.js';
import { GENESIS_HASH, type AuditEntry, type AuditInput } from '#core/audit/entry.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chainOf(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const input: AuditInput = {
      chain: 'p1',
      type: 'policy.decision',
      at: `2026-01-01T00:00:0${i}.000Z`,
      actor: 'trigger:core-loop',
      data: { i },
    };
    entries.push(linkEntry(input, entries.at(-1), sha256));
  }
  return entries;
}

describe('audit hash chain', () => {
  it('links each entry to the previous hash, starting from the genesis hash', () => {
    const [first, second] = chainOf(2);
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, prevHash: first!.hash });
    expect(verifyChain(chainOf(5), sha256)).toEqual({ ok: true, entries: 5, head: chainOf(5)[4]!.hash });
  });

  it('names an altered entry', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2]!, data: { i: 99 } };
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('altered'),
    });
  });

  it('names the entry after a removed one', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('missing'),
    });
  });

  it('names a reordered entry even when the sequence numbers were swapped too', () => {
    const entries = chainOf(5);
    const [a, b] = [entries[1]!, entries[2]!];
    entries[1] = { ...b, seq: 2 };
    entries[2] = { ...a, seq: 3 };
    expect(verifyChain(entries, sha256)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringContaining('reordered'),
    });
  });

  it('treats an empty chain as intact', () => {
    expect(verifyChain([], sha256)).toEqual({ ok: true, entries: 0 });
  });
});
