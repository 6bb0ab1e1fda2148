import '#lambdas/polyfills.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CedarPolicyDecisionPoint } from '#adapters/cedar/cedar-policy-decision-point.js';
import { staticPolicySource } from '#adapters/stored-policy-source.js';
import { encodeUlid } from '#adapters/system.js';
import { targetOf } from '#core/approval/preview.js';
import { decide } from '#core/decide.js';
import { DomainEventSchema, type DomainEvent } from '#core/events.js';
import { formatProblem } from '#core/policy/policy-set.js';
import { buildPolicyRequest } from '#core/policy/request.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import { routeEvent } from '#core/route-event.js';
import { refsOf } from '#core/task-refs.js';
import type { Task } from '#core/task.js';
import { parseOrThrow } from '#core/validation.js';
import { loadLocalConfig } from './local/config.js';
import { sharedCedarEngine } from './local/action-machine.js';
import { openDataDir } from './local/data-dir.js';

const USAGE =
  'usage: npm run simulate:policy -- (--project <slug> | --config <project.json>) --policy <file.cedar> --events <events.json> [--out policy-check-result.json] [--at <ISO time>]';

/** One replayed event and what the policy would have said about each action it causes. */
export interface PolicyCheckEntry {
  index: number;
  event: string;
  taskId: string | null;
  actions: {
    actionId: string;
    kind: string;
    target: string;
    decision: string;
    approvals: number;
    determiningPolicies: string[];
    errors: string[];
  }[];
}

/** The tasks a replay knows, found by id or by any of their references (in memory: no side effects). */
function findTask(tasks: Map<string, Task>, event: DomainEvent): Task | undefined {
  if (event.type === 'asana.task_snapshot' || event.type === 'asana.task_deleted') {
    const gid = event.type === 'asana.task_snapshot' ? event.task.gid : event.asanaGid;
    return [...tasks.values()].find((t) => t.asanaGid === gid);
  }
  if (
    event.type === 'github.pull_request' ||
    event.type === 'github.workflow_run' ||
    event.type === 'github.issue'
  ) {
    const wanted = new Set(routeEvent(event).candidates.map((r) => JSON.stringify(r)));
    return [...tasks.values()].find((t) => refsOf(t).some((r) => wanted.has(JSON.stringify(r))));
  }
  return 'actionId' in event
    ? [...tasks.values()].find((t) => t.outbox.some((a) => a.actionId === event.actionId))
    : undefined;
}

/**
 * Replays events through `decide` and the Cedar PDP with a candidate policy set: no store is written,
 * no effect runs. Each event lists the actions it would cause and the decision with its policies.
 * An effect the policy would let run (at once or after approval) is assumed to succeed in memory, so
 * later events find their task (a created issue gets a simulated number); a denied one is recorded as denied.
 */
export async function simulatePolicy(input: {
  config: ProjectConfig;
  policyText: string;
  events: DomainEvent[];
  at: Date;
}): Promise<PolicyCheckEntry[]> {
  const pdp = new CedarPolicyDecisionPoint({
    engine: sharedCedarEngine(),
    policies: staticPolicySource(input.policyText, 'candidate'),
  });
  const tasks = new Map<string, Task>();
  const results: PolicyCheckEntry[] = [];
  let seq = 0;
  let issues = 0;
  for (const [index, event] of input.events.entries()) {
    const found = findTask(tasks, event);
    const taskId = found?.taskId ?? encodeUlid(input.at.getTime(), new Uint8Array(10).fill(++seq % 256));
    const decision = decide(found, event, input.config, { now: input.at.toISOString(), taskId });
    let task = decision.task;
    const actions = [];
    for (const action of decision.actions) {
      const d = await pdp.evaluate(
        buildPolicyRequest(action, { projectSlug: input.config.slug, now: input.at, killSwitch: false }),
      );
      actions.push({
        actionId: action.actionId,
        kind: action.params.kind,
        target: targetOf(action.params),
        decision: d.decision,
        approvals: d.approvals,
        determiningPolicies: d.determiningPolicies,
        errors: d.errors,
      });
      if (!task) continue;
      const { actionId, params } = action;
      const outcome: DomainEvent =
        d.decision === 'deny'
          ? { type: 'effect.denied', actionId, params, reason: 'denied by the candidate policy' }
          : {
              type: 'effect.succeeded',
              actionId,
              params,
              result:
                params.kind === 'github.create_issue'
                  ? { issueNumber: ++issues, url: `simulated:${params.repo}#${issues}` }
                  : {},
            };
      task = decide(task, outcome, input.config, { now: input.at.toISOString(), taskId: task.taskId }).task;
    }
    if (task) tasks.set(task.taskId, task);
    results.push({ index, event: event.type, taskId: decision.task?.taskId ?? null, actions });
  }
  return results;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      project: { type: 'string' },
      config: { type: 'string' },
      policy: { type: 'string' },
      events: { type: 'string' },
      out: { type: 'string' },
      at: { type: 'string' },
    },
    strict: true,
  });
  if ((!values.project && !values.config) || !values.policy || !values.events) {
    console.error(USAGE);
    return 2;
  }
  const policyText = readFileSync(values.policy, 'utf8');
  const problems = sharedCedarEngine()
    .validate(policyText)
    .filter((p) => p.severity === 'error');
  if (problems.length > 0) {
    for (const p of problems) console.error(`${values.policy}:${formatProblem(p)}`);
    return 1;
  }
  const raw = JSON.parse(readFileSync(values.events, 'utf8')) as unknown;
  const events = parseOrThrow(
    z.array(DomainEventSchema),
    Array.isArray(raw) ? raw : (raw as { events?: unknown }).events,
    'events',
  );
  const config = values.config
    ? parseOrThrow(ProjectConfigSchema, JSON.parse(readFileSync(values.config, 'utf8')), 'project config')
    : await projectFromDataDir(values.project as string);
  const at = values.at ? new Date(values.at) : new Date();
  const results = await simulatePolicy({ config, policyText, events, at });
  const out = resolve(values.out ?? 'policy-check-result.json');
  writeFileSync(
    out,
    `${JSON.stringify({ project: config.slug, policy: values.policy, at: at.toISOString(), results }, null, 2)}\n`,
  );
  const counts = results
    .flatMap((r) => r.actions)
    .reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.decision]: (acc[a.decision] ?? 0) + 1 }), {});
  console.log(
    `${events.length} events → ${
      Object.entries(counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'no actions'
    }; wrote ${out}`,
  );
  return 0;
}

async function projectFromDataDir(slug: string): Promise<ProjectConfig> {
  const dir = await openDataDir(resolve(loadLocalConfig(process.env).AUTOFLOW_DATA_DIR));
  try {
    return await dir.project(slug);
  } finally {
    await dir.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
