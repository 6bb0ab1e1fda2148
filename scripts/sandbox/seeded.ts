import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) that depends only on its parts: the same seed and key give the same draw
 * whatever else happens at the same time, so concurrent runs stay reproducible.
 */
export function seededFraction(seed: string | number, ...parts: (string | number)[]): number {
  const digest = createHash('sha256')
    .update([seed, ...parts].join('\u0000'))
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Counts how often each key was seen (the n-th call of a route, the n-th delivery of an event). */
export class Occurrences {
  private readonly seen = new Map<string, number>();

  /** 1 the first time `key` is seen, then 2, 3… */
  next(key: string): number {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n;
  }

  reset(): void {
    this.seen.clear();
  }
}

/** A permutation of 0..n-1 drawn from the seed (Fisher–Yates). */
export function seededPermutation(n: number, seed: string | number, ...parts: (string | number)[]): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(seededFraction(seed, ...parts, i) * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
