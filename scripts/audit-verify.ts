import '#lambdas/polyfills.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GLOBAL_CHAIN } from '#core/audit/entry.js';
import { verifyAudit } from '#lambdas/app/verify-audit.js';
import { loadLocalConfig } from './local/config.js';
import { openDataDir } from './local/data-dir.js';
import { RUNTIME_LOCK, isRuntimeRunning } from './local/runtime-lock.js';

const USAGE = 'usage: npm run audit:verify -- --project <slug> | --global';

/**
 * `npm run audit:verify -- --project <slug>`: recomputes a project's audit chain from the local data
 * dir. Exit 0 when intact; 1 naming the first broken entry (altered, removed or reordered).
 */
export async function runAuditVerifyCli(
  argv: string[],
  options: { dataDir?: string; print?: (line: string) => void } = {},
): Promise<number> {
  const print = options.print ?? console.log;
  const { values } = parseArgs({
    args: argv,
    options: { project: { type: 'string' }, global: { type: 'boolean' } },
    strict: true,
  });
  if (!values.project && !values.global) {
    print(USAGE);
    return 2;
  }
  const dataDir = resolve(options.dataDir ?? loadLocalConfig(process.env).AUTOFLOW_DATA_DIR);
  if (isRuntimeRunning(dataDir)) {
    print(
      `The local runtime is running (see ${dataDir}/${RUNTIME_LOCK}): stop it first, so the data dir has one reader.`,
    );
    return 2;
  }
  const dir = await openDataDir(dataDir);
  try {
    const chain = values.project ? (await dir.project(values.project)).projectId : GLOBAL_CHAIN;
    const verdict = await verifyAudit(chain, { audit: dir.audit });
    if (verdict.ok) {
      print(
        `audit chain ${chain}: intact, ${verdict.entries} entries${verdict.head ? `, head ${verdict.head.slice(0, 16)}…` : ''}`,
      );
      return 0;
    }
    print(
      `audit chain ${chain}: BROKEN at entry ${verdict.brokenAt} of ${verdict.entries}: ${verdict.reason}`,
    );
    return 1;
  } finally {
    await dir.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditVerifyCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
