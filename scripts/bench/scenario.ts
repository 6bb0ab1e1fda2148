import { runScenario, type ScenarioReport } from '../simulate/run-scenario.js';

/** (b) The scenario runner's latencies and calls per task: one task alone (the baseline), then 50 at 10/s. */
export async function benchScenario(): Promise<{
  baseline: ScenarioReport;
  load: ScenarioReport;
  burst: ScenarioReport;
}> {
  const common = { ciFailRate: 0, seed: 1, timeoutMs: 180_000, keep: false };
  const baseline = await runScenario({ ...common, tasks: 1, rate: 0 });
  const load = await runScenario({ ...common, tasks: 50, rate: 10 });
  const burst = await runScenario({ ...common, tasks: 50, rate: 0 });
  return { baseline, load, burst };
}

/** Prints the scenario benchmark against its targets, with ratios to the one-task baseline. */
export function printScenario({ baseline, load, burst }: Awaited<ReturnType<typeof benchScenario>>): void {
  const ratio = (a: number | null, b: number | null) =>
    a !== null && b ? `${(a / b).toFixed(1)}x baseline` : 'n/a';
  console.log('scenario (sandbox, in one process):');
  for (const [name, r] of [
    ['1 task (baseline)', baseline],
    ['50 tasks at 10/s', load],
    ['50 tasks at once', burst],
  ] as const) {
    const { toIssue, toDeployed } = r.latencyMs;
    console.log(
      `  ${name.padEnd(18)} to issue p50 ${toIssue.p50} ms, p95 ${toIssue.p95} ms (${ratio(toIssue.p95, baseline.latencyMs.toIssue.p95)}); ` +
        `to DEPLOYED p95 ${toDeployed.p95} ms; per task ${r.callsPerTask.github} GitHub, ${r.callsPerTask.asana} Asana, ${r.callsPerTask.dynamodb} DynamoDB; ok=${r.ok}`,
    );
  }
  console.log('  targets: p95 to issue ≤ 500 ms; per task ≤ 5 GitHub, ≤ 4 Asana, ≤ 20 DynamoDB');
}
