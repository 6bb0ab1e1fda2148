import '#lambdas/polyfills.js';
import { ValidationError } from '#core/errors.js';
import { parseChaosArgs } from './chaos/args.js';
import { runChaos } from './chaos/run-chaos.js';

/** `npm run chaos -- --tasks N --seed S`: every fault at once; last line is the JSON invariants report. */
async function main(): Promise<void> {
  const args = parseChaosArgs(process.argv.slice(2));
  console.log(
    `chaos: ${args.tasks} tasks, seed ${args.seed}, every fault on, a worker crash per 4 tasks, one process restart…`,
  );
  const report = await runChaos(args);
  for (const [name, verdict] of Object.entries(report.invariants)) {
    console.log(`  ${verdict === true ? 'ok  ' : 'FAIL'} ${name}${verdict === true ? '' : `: ${verdict}`}`);
  }
  console.log(`  faults injected: ${JSON.stringify(report.faults)}; done in ${report.elapsedMs} ms`);
  const { recovery: r, queue: q } = report;
  console.log(
    `  recovery: ${q.retried} deliveries retried, ${r.deferred} deferred for rate limits, ` +
      `${q.deadLettered} dead-lettered at the end, ` +
      `${report.redriven} redriven; ${r.reconcileRuns} reconcile runs repaired ${r.repaired} tasks, ` +
      `asked GitHub to redeliver ${r.githubRedelivered} and backfilled ${r.asanaBackfilled} from Asana; ` +
      `kill switch: work in flight ended ${report.killSwitch.inFlightMs} ms after it flipped, ` +
      `${report.killSwitch.released} held actions released, ${r.releasedAtRecord} more at Record`,
  );
  console.log(JSON.stringify(report));
  if (!report.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof ValidationError ? error.message : error);
  process.exitCode = 2;
});
