/** Orders two ISO-8601 timestamps by instant; falls back to text order when either does not parse. */
export function compareTimes(a: string, b: string): number {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
  return Math.sign(x - y);
}

/** True when `a` is strictly earlier than `b`. */
export function isBefore(a: string, b: string): boolean {
  return compareTimes(a, b) < 0;
}

/** The later of two timestamps (the first on a tie). */
export function laterOf(a: string, b: string): string {
  return isBefore(a, b) ? b : a;
}

/** The instant one millisecond after `at`, as ISO-8601 (`at` unchanged when it does not parse). */
export function justAfter(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms + 1).toISOString();
}

/** The short (7-character) form of a commit SHA. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
