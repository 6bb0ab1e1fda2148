import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionSchema, type Action } from '#core/actions.js';
import { decide } from '#core/decide.js';
import type { DomainEvent } from '#core/events.js';
import { TaskSchema, type Task } from '#core/task.js';
import {
  createProjectConfig,
  CTX,
  deletedEvent,
  deniedEvent,
  failedEvent,
  heldEvent,
  issueEvent,
  pullRequestEvent,
  REPO,
  snapshotEvent,
  succeededEvent,
  workflowRunEvent,
} from '../../helpers/factories.js';

const SHAS = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, 0) + minute * 60_000).toISOString();
const configs = [
  createProjectConfig(),
  createProjectConfig({ github: { ciWorkflows: ['build', 'test'] } }),
  createProjectConfig({ asana: { repoMap: { Website: REPO } } }),
];

/** A name drawn from realistic values and arbitrary text (prototype names are left to their own test). */
const nameOf = (...usual: string[]) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(usual[0]!, usual[0]!, ...usual) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).filter((s) => !PROTOTYPE_NAMES.includes(s.trim())) },
  );
const repoArb = nameOf(REPO, 'acme/api', 'ACME/Web', 'other/repo');
const minute = fc.integer({ min: -5, max: 200 });

const snapshotArb = fc
  .record({
    autoTask: fc.option(nameOf('Yes', 'No', 'yes ', 'TRUE', 'off'), { nil: null, freq: 10 }),
    repo: fc.option(nameOf(REPO, 'acme/api', 'Website', ' acme/web ', 'other/repo'), { nil: null, freq: 10 }),
    status: fc.option(nameOf('On track', 'Blocked', 'Cancelled', 'In progress', 'blocked'), {
      nil: undefined,
    }),
    completed: fc.constantFrom(false, false, false, false, false, true),
    name: fc.string({ maxLength: 20 }),
    minute,
  })
  .map(({ minute: m, ...fields }) => snapshotEvent({ ...fields, modifiedAt: at(m) }));

const prArb = fc
  .record({
    action: nameOf('opened', 'closed', 'reopened', 'edited', 'synchronize'),
    repo: repoArb,
    number: fc.integer({ min: 1, max: 20 }),
    body: nameOf('Fixes #7', 'fixes #7 and #8', 'Closes #7', 'See #7', 'Fixes acme/web#7', ''),
    baseRef: nameOf('main', 'develop'),
    merged: fc.boolean(),
    sha: fc.constantFrom(...SHAS),
    minute,
  })
  .map((p) =>
    pullRequestEvent({
      action: p.action,
      repo: p.repo,
      number: p.number,
      body: p.body,
      baseRef: p.baseRef,
      state: p.action === 'closed' ? 'closed' : 'open',
      merged: p.action === 'closed' && p.merged,
      mergeSha: p.action === 'closed' && p.merged ? p.sha : null,
      occurredAt: at(p.minute),
    }),
  );

const runArb = fc
  .record({
    workflow: nameOf('build', 'test', 'deploy'),
    repo: repoArb,
    runId: fc.integer({ min: 1, max: 6 }),
    sha: fc.constantFrom(...SHAS),
    conclusion: fc.option(nameOf('success', 'failure', 'neutral', 'cancelled', 'action_required'), {
      nil: null,
    }),
    minute,
  })
  .map((r) =>
    workflowRunEvent({
      workflow: r.workflow,
      repo: r.repo,
      runId: r.runId,
      headSha: r.sha,
      action: r.conclusion === null ? 'in_progress' : 'completed',
      status: r.conclusion === null ? 'in_progress' : 'completed',
      conclusion: r.conclusion,
      occurredAt: at(r.minute),
    }),
  );

const issueArb = fc
  .record({
    action: nameOf('closed', 'reopened'),
    repo: repoArb,
    number: fc.integer({ min: 1, max: 9 }),
    minute,
  })
  .map((i) =>
    issueEvent({
      action: i.action,
      repo: i.repo,
      number: i.number,
      state: i.action === 'closed' ? 'closed' : 'open',
      occurredAt: at(i.minute),
    }),
  );

const consoleArb = fc
  .oneof(
    fc.constant({ kind: 'retry' as const }),
    fc.constant({ kind: 'resync' as const }),
    fc.integer({ min: 1, max: 20 }).map((number) => ({ kind: 'force_link_pr' as const, number })),
    fc.constantFrom(REPO, 'acme/api', 'other/repo').map((repo) => ({ kind: 'change_repo' as const, repo })),
    fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((t) => t.trim() !== '')
      .map((text) => ({ kind: 'add_note' as const, text })),
  )
  .map((command): DomainEvent => ({
    type: 'console.command',
    by: { userId: 'u1', username: 'ada' },
    command,
  }));

/** The events of a task going well: its PR fixes #7, merges as SHAS[0], and CI passes on it. */
const happyArb = fc.constantFrom<DomainEvent>(
  pullRequestEvent(),
  pullRequestEvent({ action: 'closed', state: 'closed', merged: true, mergeSha: SHAS[0]! }),
  workflowRunEvent({ workflow: 'build', headSha: SHAS[0]! }),
  workflowRunEvent({ workflow: 'test', headSha: SHAS[0]!, runId: 2 }),
);

const eventArb: fc.Arbitrary<DomainEvent> = fc.oneof(
  { weight: 6, arbitrary: happyArb },
  { weight: 4, arbitrary: snapshotArb },
  { weight: 3, arbitrary: prArb },
  { weight: 2, arbitrary: runArb },
  { weight: 2, arbitrary: issueArb },
  { weight: 1, arbitrary: minute.map((m) => deletedEvent({ occurredAt: at(m) })) },
  { weight: 1, arbitrary: consoleArb },
);

type Outcome = 'succeeded' | 'failed' | 'denied' | 'held';
/** A step: an event arrives, or one emitted action is answered (possibly again, possibly late). */
type Step =
  | { kind: 'event'; event: DomainEvent }
  | { kind: 'answer'; pick: number; outcome: Outcome; issueNumber: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: eventArb.map((event) => ({ kind: 'event' as const, event })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom<Outcome>('succeeded', 'succeeded', 'failed', 'denied', 'held'),
      issueNumber: fc.constantFrom(7, 7, 8),
    }),
  },
);

/** Usually starts like a real task (AutoTask on, repo resolves), then anything happens in any order. */
const historyArb = fc
  .tuple(fc.constantFrom(true, true, true, false), fc.array(stepArb, { maxLength: 40 }))
  .map(([start, steps]): Step[] =>
    start ? [{ kind: 'event', event: snapshotEvent({ modifiedAt: at(-10) }) }, ...steps] : steps,
  );

function answer(action: Action, outcome: Outcome, issueNumber: number): DomainEvent {
  const result =
    action.params.kind === 'github.create_issue'
      ? { issueNumber, url: `https://github.com/${action.params.repo}/issues/${issueNumber}` }
      : {};
  switch (outcome) {
    case 'failed':
      return failedEvent(action);
    case 'denied':
      return deniedEvent(action);
    case 'held':
      return heldEvent(action);
    default:
      return succeededEvent(action, result);
  }
}

/**
 * Plays steps against decide; `check` sees every decision. Outcomes may come late, twice, or never,
 * but an action has one fate: a repeat of its outcome repeats the first (Record retried), as in production.
 */
function play(
  steps: Step[],
  config: (typeof configs)[number],
  check: (before: Task | undefined, event: DomainEvent, after: Task | undefined, actions: Action[]) => void,
): void {
  let task: Task | undefined;
  const emitted: Action[] = [];
  const fates = new Map<string, Outcome>();
  for (const step of steps) {
    let event: DomainEvent;
    if (step.kind === 'event') event = step.event;
    else {
      const action = emitted[step.pick % Math.max(1, emitted.length)];
      if (!action) continue;
      const fate = fates.get(action.actionId) ?? step.outcome;
      fates.set(action.actionId, fate);
      event = answer(action, fate, step.issueNumber);
    }
    const decision = decide(task, event, config, CTX);
    check(task, event, decision.task, decision.actions);
    task = decision.task;
    emitted.push(...decision.actions);
  }
}

describe('decide under adversarial histories (properties)', () => {
  it('never throws and always leaves a valid task with valid, uniquely numbered actions', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...configs), (steps, config) => {
        const ids = new Set<string>();
        play(steps, config, (_before, _event, after, actions) => {
          if (after) expect(TaskSchema.safeParse(after).error).toBeUndefined();
          for (const action of actions) {
            expect(ActionSchema.safeParse(action).error).toBeUndefined();
            expect(ids.has(action.actionId)).toBe(false);
            ids.add(action.actionId);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never asks for an issue while one exists or is being created, whatever the order and fate of events and effects', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...configs), (steps, config) => {
        play(steps, config, (before, _event, after, actions) => {
          const isCreate = (a: Action) => a.params.kind === 'github.create_issue';
          expect(after?.outbox.filter(isCreate).length ?? 0).toBeLessThanOrEqual(1);
          if (!actions.some(isCreate) || !before) return;
          expect(before.issue).toBeUndefined();
          // Only a create held by the kill switch (never executed) may be replaced, on a retry.
          expect(before.outbox.filter((a) => isCreate(a) && a.heldReason === undefined)).toEqual([]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('opens at most one issue per task when every create_issue succeeds, however often events repeat', () => {
    const succeeding = stepArb.map((s): Step => (s.kind === 'answer' ? { ...s, outcome: 'succeeded' } : s));
    fc.assert(
      fc.property(fc.array(succeeding, { maxLength: 40 }), fc.constantFrom(...configs), (steps, config) => {
        let creates = 0;
        play([...steps, ...steps], config, (_b, _e, _a, actions) => {
          creates += actions.filter((a) => a.params.kind === 'github.create_issue').length;
        });
        expect(creates).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  // Config maps and ciRuns are read through `own()`, never plain indexing (core/own.ts).
  it('never throws when Asana options or workflows are named like Object.prototype members', () => {
    const proto = fc.constantFrom(...PROTOTYPE_NAMES);
    fc.assert(
      fc.property(proto, proto, proto, (repo, status, workflow) => {
        const config = configs[2]!;
        play(
          [
            { kind: 'event', event: snapshotEvent({ repo: REPO, modifiedAt: at(0) }) },
            { kind: 'answer', pick: 0, outcome: 'succeeded', issueNumber: 7 },
            {
              kind: 'event',
              event: pullRequestEvent({
                action: 'closed',
                state: 'closed',
                merged: true,
                mergeSha: SHAS[0]!,
              }),
            },
            { kind: 'event', event: workflowRunEvent({ workflow, headSha: SHAS[0]! }) },
            { kind: 'event', event: snapshotEvent({ repo, status, modifiedAt: at(5) }) },
          ],
          config,
          (_b, _e, after) => {
            if (after) expect(TaskSchema.safeParse(after).error).toBeUndefined();
          },
        );
        play(
          [{ kind: 'event', event: snapshotEvent({ repo, status, modifiedAt: at(0) }) }],
          config,
          () => undefined,
        );
      }),
      { numRuns: 50 },
    );
  });
});
