import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseOrThrow } from '#core/validation.js';

/** Options of the scenario runner. */
export const SimulateArgsSchema = z.object({
  tasks: z.coerce.number().int().min(1).max(2000).default(10),
  ciFailRate: z.coerce.number().min(0).max(1).default(0),
  seed: z.coerce.number().int().default(1),
  /** AutoTask flips per second (0: all at once, a burst). */
  rate: z.coerce.number().min(0).max(1000).default(10),
  timeoutMs: z.coerce.number().int().min(1000).default(180_000),
  keep: z.boolean().default(false),
  /** A Cedar policy set for the demo project (e.g. one that asks approval for new issues). */
  policy: z.string().min(1).optional(),
  /** What to do with approvals the policy asks for: leave them pending (default), or approve them all (as the API would). */
  decide: z.enum(['none', 'approve']).optional(),
});
export type SimulateArgs = z.infer<typeof SimulateArgsSchema>;

/** Parses `--tasks N --ci-fail-rate R --seed S [--rate P] [--timeout-ms T] [--keep]`; throws naming a bad flag. */
export function parseSimulateArgs(argv: string[]): SimulateArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: 'string' },
      'ci-fail-rate': { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      'timeout-ms': { type: 'string' },
      keep: { type: 'boolean' },
      policy: { type: 'string' },
      decide: { type: 'string' },
    },
    strict: true,
  });
  return parseOrThrow(
    SimulateArgsSchema,
    {
      tasks: values.tasks,
      ciFailRate: values['ci-fail-rate'],
      seed: values.seed,
      timeoutMs: values['timeout-ms'],
      keep: values.keep,
      policy: values.policy,
      decide: values.decide,
    },
    'arguments',
  );
}

/** A small seeded PRNG (mulberry32), so a seed always yields the same scenario. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank; null for an empty list. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
