import { canonicalJson } from '../canonical-json.js';
import { GENESIS_HASH, type AuditEntry, type AuditInput } from './entry.js';

/** SHA-256 of a text as lower-case hex, injected (the core does no crypto itself). */
export type Sha256 = (text: string) => string;

/** The hash of an entry: sha256(prevHash ‖ canonical(entry without its hash)). */
export function hashOf(entry: Omit<AuditEntry, 'hash'>, sha256: Sha256): string {
  const { chain, seq, at, type, actor, subject, data, prevHash } = entry;
  return sha256(prevHash + canonicalJson({ chain, seq, at, type, actor, subject, data, prevHash }));
}

/** Links a new entry after `head` (undefined: the chain is empty). */
export function linkEntry(input: AuditInput, head: AuditEntry | undefined, sha256: Sha256): AuditEntry {
  const unhashed = { ...input, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: hashOf(unhashed, sha256) };
}

/** The verdict on a chain: intact, or the first entry that breaks it and why. */
export type ChainVerdict =
  | { ok: true; entries: number; head?: string }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Recomputes a chain read in sequence order. An altered entry fails its own hash, a removed one
 * leaves a gap in the sequence, a reordered one no longer links to its predecessor's hash.
 */
export function verifyChain(entries: readonly AuditEntry[], sha256: Sha256): ChainVerdict {
  let prev: AuditEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    const broken = (reason: string): ChainVerdict => ({
      ok: false,
      entries: entries.length,
      brokenAt: entry.seq,
      reason,
    });
    if (entry.seq !== expectedSeq)
      return broken(`sequence jumps from ${expectedSeq - 1} to ${entry.seq} (entry missing)`);
    if (entry.prevHash !== (prev?.hash ?? GENESIS_HASH))
      return broken('prevHash does not match the previous entry (reordered or replaced)');
    if (hashOf(entry, sha256) !== entry.hash) return broken('hash does not match the content (altered)');
    prev = entry;
  }
  return { ok: true, entries: entries.length, ...(prev ? { head: prev.hash } : {}) };
}
