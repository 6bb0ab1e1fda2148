import '#lambdas/polyfills.js';
import { ValidationError } from '#core/errors.js';
import { parseSimulateArgs } from './simulate/args.js';
import { runScenario } from './simulate/run-scenario.js';

/** `npm run simulate -- --tasks N [--ci-fail-rate R] [--seed S]`: last line is the JSON report. */
async function main(): Promise<void> {
  const args = parseSimulateArgs(process.argv.slice(2));
  console.log(
    `simulating ${args.tasks} tasks at ${args.rate > 0 ? `${args.rate}/s` : 'once (burst)'}, CI fail rate ${args.ciFailRate}, seed ${args.seed}…`,
  );
  const report = await runScenario(args);
  for (const [name, verdict] of Object.entries(report.invariants))
    console.log(`  ${verdict === true ? 'ok  ' : 'FAIL'} ${name}${verdict === true ? '' : `: ${verdict}`}`);
  console.log(
    `  per task: ${report.callsPerTask.github} GitHub, ${report.callsPerTask.asana} Asana, ${report.callsPerTask.dynamodb} DynamoDB calls; ` +
      `to issue p95 ${report.latencyMs.toIssue.p95} ms; done in ${report.elapsedMs} ms`,
  );
  if (report.analytics) {
    const { scenario, api } = report.analytics;
    console.log(`  funnel    scenario ${JSON.stringify(scenario.funnel)}`);
    console.log(`            analytics ${JSON.stringify(api.funnel)}`);
    console.log(`  lead time scenario ${JSON.stringify(scenario.leadTime)}`);
    console.log(`            analytics ${JSON.stringify(api.leadTime)}`);
  }
  const { invariants: _i, ok: _ok, elapsedMs: _e, analytics: _a, ...line } = report;
  console.log(JSON.stringify(line));
  if (!report.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof ValidationError ? error.message : error);
  process.exitCode = 2;
});
