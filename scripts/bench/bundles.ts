import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  BUNDLE_BUDGET_KIB,
  ESM_REQUIRE_BANNER,
  HANDLERS,
  type HandlerName,
} from '../../lib/constructs/autoflow-function.js';

import { CEDAR_FILES } from '../../lib/constructs/pipeline.js';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Stand-ins for the variables CDK sets, so each bundle's module init runs its composition root. */
/** What every function finds in its environment, as CDK sets it (values made up); a test checks it against each schema. */
export const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'eu-west-1',
  STAGE: 'bench',
  TABLE_NAME: 'autoflow-bench',
  AUDIT_TABLE_NAME: 'autoflow-bench-audit',
  INGEST_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/autoflow-bench',
  INGEST_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111111111111:autoflow-bench',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/autoflow-bench-dlq',
  DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:eu-west-1:111111111111:autoflow-bench-dlq',
  ACTION_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:111111111111:stateMachine:autoflow-bench-action',
  SECRET_PREFIX: 'autoflow/bench',
  SIGNING_KEY_ID: 'alias/autoflow-bench-signing',
  VERIFYING_KEY_ARNS: 'arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000',
  WEBHOOK_BASE_URL: 'https://bench.example.com/webhooks',
  PUBLIC_URL: 'https://console.bench.example.com',
  INIT_ADMIN_TOKEN_SECRET_ID: 'autoflow/bench/init-admin-token',
  NOTIFICATION_TABLE_NAME: 'autoflow-bench-notifications',
  ALERT_WEBHOOK_SECRET_ARN:
    'arn:aws:secretsmanager:eu-west-1:111111111111:secret:autoflow/bench/alerts/webhook-AbCdEf',
  ALERT_COOLDOWN_MINUTES: '15',
  NODE_OPTIONS: '--enable-source-maps',
};

/** One function's bundle: its size and how long a fresh `node` takes to import it. */
export interface BundleResult {
  readonly handler: HandlerName;
  readonly bytes: number;
  /** Median wall time of `node` importing the bundle, ms. */
  readonly initMs: number;
  /** initMs over bare `node -e 0`. */
  readonly ratio: number;
  readonly error?: string;
}

/** Bundles one entry with the options AutoflowFunction gives NodejsFunction (ESM, node22, minify, keepNames, source map). */
async function bundle(handler: HandlerName, outdir: string): Promise<string> {
  const outfile = join(outdir, handler, 'index.mjs');
  await build({
    entryPoints: [join(ROOT, 'lambdas', 'handlers', `${handler}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'error',
  });
  // As the deployed functions get them: the Cedar wasm and the shipped policies beside the bundle.
  for (const file of CEDAR_FILES) {
    const to = join(dirname(outfile), file.to);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(ROOT, file.from), to);
  }
  return outfile;
}

/** Median wall time (ms) of running node with these arguments, `runs` times. */
function medianMs(args: string[], runs: number, env: Record<string, string>): { ms: number; error?: string } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0)
      return { ms: NaN, error: (result.stderr || `exit ${result.status}`).split('\n')[0] };
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]! };
}

/** Bundles every Lambda entry, then measures each bundle's size and module init time against bare `node`. */
export async function benchBundles(
  options: { runs?: number } = {},
): Promise<{ bareMs: number; bundles: BundleResult[] }> {
  const runs = options.runs ?? 7;
  const outdir = mkdtempSync(join(tmpdir(), 'autoflow-bundles-'));
  try {
    const bare = medianMs(['-e', '0'], runs, {});
    const bundles: BundleResult[] = [];
    for (const handler of HANDLERS) {
      const file = await bundle(handler, outdir);
      const script = 'await import(process.argv[1]);';
      const init = medianMs(
        ['--input-type=module', '-e', script, pathToFileURL(file).href],
        runs,
        LAMBDA_ENV,
      );
      bundles.push({
        handler,
        bytes: statSync(file).size,
        initMs: init.ms,
        ratio: init.ms / bare.ms,
        ...(init.error ? { error: init.error } : {}),
      });
    }
    return { bareMs: bare.ms, bundles };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Prints one line per bundle: size, init time and its ratio to bare node. */
export function printBundles(result: Awaited<ReturnType<typeof benchBundles>>): void {
  console.log(`bundles: module init vs bare \`node -e 0\` (${result.bareMs.toFixed(1)} ms), median of runs`);
  for (const b of result.bundles) {
    const kib = b.bytes / 1024;
    const budget = BUNDLE_BUDGET_KIB[b.handler];
    const size = `${kib.toFixed(0)} KiB / ${budget} (${((100 * kib) / budget).toFixed(0)}%)`.padStart(24);
    const init = b.error ? `failed: ${b.error}` : `${b.initMs.toFixed(1)} ms  ${b.ratio.toFixed(2)}x`;
    console.log(`  ${b.handler.padEnd(18)} ${size}  ${init}`);
  }
}
