import '#lambdas/polyfills.js';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '#adapters/system.js';
import { setKillSwitch } from '#lambdas/app/set-kill-switch.js';
import { loadLocalConfig } from './local/config.js';
import { consoleLogger } from './local/console-logger.js';
import { liveControl } from './local/control.js';
import { openDataDir } from './local/data-dir.js';

const USAGE = 'usage: npm run killswitch -- on|off [--project <slug>] [--as <name>]';

/**
 * `npm run killswitch -- on|off [--project <slug>]`: the global or a project's kill switch, audited.
 * While on, receivers still accept and record and Evaluate holds every effect; off releases held work
 * (at once while the runtime runs, otherwise when it starts). Returns the exit code.
 */
export async function runKillSwitchCli(
  argv: string[],
  options: { dataDir?: string; print?: (line: string) => void } = {},
): Promise<number> {
  const print = options.print ?? console.log;
  const { positionals, values } = parseArgs({
    args: argv,
    options: { project: { type: 'string' }, as: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals[0];
  if (command !== 'on' && command !== 'off') {
    print(USAGE);
    return 2;
  }
  const on = command === 'on';
  const as = values.as ?? userInfo().username;
  const scope = values.project ? `project ${values.project}` : 'global';
  const dataDir = resolve(options.dataDir ?? loadLocalConfig(process.env).AUTOFLOW_DATA_DIR);
  const channel = await liveControl(dataDir);
  if (channel) {
    const res = await fetch(`${channel.url}/local/control/kill-switch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${channel.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ on, as, ...(values.project ? { project: values.project } : {}) }),
    });
    const body = (await res.json()) as { released?: number; error?: { message: string } };
    if (!res.ok) {
      print(body.error?.message ?? `HTTP ${res.status}`);
      return 1;
    }
    print(`kill switch (${scope}) ${command}${on ? '' : `; ${body.released ?? 0} held action(s) released`}`);
    return 0;
  }
  const dir = await openDataDir(dataDir);
  try {
    const projectId = values.project ? (await dir.project(values.project)).projectId : undefined;
    await setKillSwitch(
      { on, by: `cli:${as}`, ...(projectId ? { projectId } : {}) },
      // Offline nothing can run (no pipeline): held actions are released when the runtime starts.
      {
        ...dir,
        clock: systemClock,
        logger: consoleLogger('killswitch', 'WARN'),
      },
    );
    print(
      `kill switch (${scope}) ${command}${on ? '' : '; held actions are released when the runtime starts'}`,
    );
    return 0;
  } finally {
    await dir.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runKillSwitchCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
