import { createHmac } from 'node:crypto';
import githubExamples from '@octokit/webhooks-examples/api.github.com/index.json' with { type: 'json' };
import { createGithubReceiver } from '#lambdas/functions/github-receiver.js';
import { createProjectConfig } from '../../test/helpers/factories.js';
import {
  fixedClock,
  memoryDeliveries,
  memoryLogger,
  memoryProjects,
  memoryQueue,
  memorySecrets,
} from '../../test/helpers/memory-ports.js';
import { githubDelivery } from '../../test/helpers/webhook-requests.js';
import { formatNs, nsPerOp } from './measure.js';

const SECRET = 'bench-secret';
const EXAMPLE_REPOS = ['Codertocat/Hello-World', 'octo-org/octo-repo', 'Octocoders/Hello-World'];
const CONSUMED = new Set(['ping', 'issues', 'issue_comment', 'pull_request', 'workflow_run']);

/**
 * (a) The GitHub receiver handler, in process, on every real example payload of the consumed events,
 * against the floor for the same bytes: HMAC-SHA256 + JSON.parse and nothing else.
 */
export async function benchReceiver(): Promise<{
  handlerNs: number;
  floorNs: number;
  ratio: number;
  payloads: number;
}> {
  const payloads = (githubExamples as { name: string; examples: unknown[] }[])
    .filter((e) => CONSUMED.has(e.name))
    .flatMap((e) => e.examples.map((p) => ({ name: e.name, body: JSON.stringify(p) })));
  const queue = memoryQueue();
  const deliveries = memoryDeliveries();
  const receive = createGithubReceiver({
    projects: memoryProjects([
      createProjectConfig({ projectId: 'proj-1', github: { repos: EXAMPLE_REPOS } }),
    ]),
    secrets: memorySecrets({ 'proj-1': { github: SECRET } }),
    deliveries,
    queue,
    clock: fixedClock(),
    logger: memoryLogger(),
  });
  const events = payloads.map((p) => githubDelivery('proj-1', SECRET, p.name, undefined, { body: p.body }));
  let i = 0;
  let n = 0;
  const handler = async () => {
    const event = events[i++ % events.length]!;
    event.headers['x-github-delivery'] = `d-${n++}`;
    if (queue.sent.length > 10_000) queue.sent.length = 0;
    if (deliveries.seen.size > 100_000) deliveries.seen.clear();
    await receive(event);
  };
  let j = 0;
  const floor = async () => {
    const body = Buffer.from(events[j++ % events.length]!.body!, 'base64');
    createHmac('sha256', SECRET).update(body).digest('hex');
    JSON.parse(body.toString('utf8'));
  };
  // Interleaved, best of three each: neither side profits from running second (JIT, GC state).
  const handlerRuns: number[] = [];
  const floorRuns: number[] = [];
  for (let round = 0; round < 3; round++) {
    floorRuns.push(await nsPerOp(floor, { rounds: 3 }));
    handlerRuns.push(await nsPerOp(handler, { rounds: 3 }));
  }
  const handlerNs = Math.min(...handlerRuns);
  const floorNs = Math.min(...floorRuns);
  return { handlerNs, floorNs, ratio: handlerNs / floorNs, payloads: payloads.length };
}

/** Prints the receiver benchmark. */
export function printReceiver(r: Awaited<ReturnType<typeof benchReceiver>>): void {
  console.log(`receiver: ${r.payloads} real payloads`);
  console.log(`  floor (HMAC + JSON.parse)  ${formatNs(r.floorNs)}/op`);
  console.log(`  GitHub receiver handler    ${formatNs(r.handlerNs)}/op`);
  console.log(`  ratio handler / floor      ${r.ratio.toFixed(2)}x   (target ≤ 2x)`);
  console.log('  (both sides include decoding the base64 body API Gateway hands over)');
}
