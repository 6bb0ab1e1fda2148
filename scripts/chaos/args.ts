import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseOrThrow } from '#core/validation.js';

/** How long the runner waits for every task by default: 240 s, or 3 s per task for larger runs. */
export function defaultTimeoutMs(tasks: number): number {
  return Math.max(240_000, tasks * 3_000);
}

/** Options of the chaos runner. */
export const ChaosArgsSchema = z
  .object({
    tasks: z.coerce.number().int().min(1).max(500).default(20),
    seed: z.coerce.number().int().default(1),
    ciFailRate: z.coerce.number().min(0).max(1).default(0.25),
    timeoutMs: z.coerce.number().int().min(5_000).optional(),
  })
  .transform((args) => ({ ...args, timeoutMs: args.timeoutMs ?? defaultTimeoutMs(args.tasks) }));
export type ChaosArgs = z.infer<typeof ChaosArgsSchema>;

/** Parses `--tasks N --seed S [--ci-fail-rate R] [--timeout-ms T]`; throws naming a bad flag. */
export function parseChaosArgs(argv: string[]): ChaosArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: 'string' },
      seed: { type: 'string' },
      'ci-fail-rate': { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  return parseOrThrow(
    ChaosArgsSchema,
    {
      tasks: values.tasks,
      seed: values.seed,
      ciFailRate: values['ci-fail-rate'],
      timeoutMs: values['timeout-ms'],
    },
    'arguments',
  );
}
