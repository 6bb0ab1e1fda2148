import type { ChaosInput } from './fault-schemas.js';
import { startSandbox } from './start-sandbox.js';

/** Runs the sandbox standalone: `npx tsx scripts/sandbox/main.ts` (configuration from the environment). */
const env = process.env;
const number = (value: string | undefined, fallback: number): number => (value ? Number(value) : fallback);

const sandbox = await startSandbox({
  port: number(env.SANDBOX_PORT, 4010),
  githubToken: env.SANDBOX_GITHUB_TOKEN ?? 'sandbox-github-token',
  asanaToken: env.SANDBOX_ASANA_TOKEN ?? 'sandbox-asana-token',
  agentDelayMs: number(env.SANDBOX_AGENT_DELAY_MS, 1000),
  mergeDelayMs: number(env.SANDBOX_MERGE_DELAY_MS, 1000),
  ciDelayMs: number(env.SANDBOX_CI_DELAY_MS, 2000),
  persistFile: env.SANDBOX_STATE_FILE ?? '.autoflow/sandbox.json',
  chaos: env.SANDBOX_CHAOS ? (JSON.parse(env.SANDBOX_CHAOS) as ChaosInput) : undefined,
});
console.log(
  `sandbox listening on ${sandbox.url} (GitHub: ${sandbox.url}/github, Asana: ${sandbox.url}/asana/api/1.0, control: ${sandbox.url}/sandbox)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void sandbox.stop().then(() => process.exit(0)));
}
