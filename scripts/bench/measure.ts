/** Runs `fn` repeatedly for about `ms` milliseconds after a warm-up; returns nanoseconds per call (median of rounds). */
export async function nsPerOp(
  fn: () => unknown | Promise<unknown>,
  options: { rounds?: number; ms?: number; batch?: number } = {},
): Promise<number> {
  const rounds = options.rounds ?? 7;
  const budgetNs = BigInt((options.ms ?? 300) * 1e6);
  const batch = options.batch ?? 50;
  for (let i = 0; i < batch * 4; i++) await fn();
  const results: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < budgetNs) {
      for (let i = 0; i < batch; i++) await fn();
      ops += batch;
      elapsed = process.hrtime.bigint() - start;
    }
    results.push(Number(elapsed) / ops);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)]!;
}

/** Formats nanoseconds for humans. */
export function formatNs(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`;
}
