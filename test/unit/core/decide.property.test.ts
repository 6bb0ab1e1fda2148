import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '#core/actions.js';
import { decide } from '#core/decide.js';
import type { DomainEvent } from '#core/events.js';
import type { Task } from '#core/task.js';
import {
  createProjectConfig,
  CTX,
  deletedEvent,
  failedEvent,
  deniedEvent,
  heldEvent,
  issueEvent,
  pullRequestEvent,
  REPO,
  snapshotEvent,
  succeededEvent,
  workflowRunEvent,
} from '../../helpers/factories.js';

type Outcome = 'succeeded' | 'failed' | 'denied' | 'held' | 'dropped';
const config = createProjectConfig();
const SHA = { 12: 'a'.repeat(40), 13: 'b'.repeat(40) } as const;
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, 0) + minute * 60_000).toISOString();

/** A simulated world: every emitted action is answered (by default it succeeds at once) and fed back. */
class World {
  task: Task | undefined;
  readonly issued: Action[] = [];
  private answered = 0;

  /** `twice`: every event (outcomes too) arrives again, right away or only after its effects were answered. */
  constructor(private readonly options: { twice?: 'at-once' | 'after-effects'; outcomes?: Outcome[] } = {}) {}

  deliver(event: DomainEvent): void {
    if (this.options.twice === 'at-once') {
      const actions = [...this.decide(event), ...this.decide(event)];
      for (const action of actions) for (const outcome of this.answer(action)) this.deliver(outcome);
      return;
    }
    for (let round = 0; round < (this.options.twice ? 2 : 1); round += 1) {
      for (const action of this.decide(event))
        for (const outcome of this.answer(action)) this.deliver(outcome);
    }
  }

  private decide(event: DomainEvent): Action[] {
    const decision = decide(this.task, event, config, CTX);
    this.task = decision.task;
    this.issued.push(...decision.actions);
    return decision.actions;
  }

  private answer(action: Action): DomainEvent[] {
    const outcomes = this.options.outcomes ?? ['succeeded'];
    const outcome = outcomes[this.answered++ % outcomes.length];
    const result =
      action.params.kind === 'github.create_issue'
        ? { issueNumber: 7, url: `https://github.com/${REPO}/issues/7` }
        : {};
    switch (outcome) {
      case 'failed':
        return [failedEvent(action)];
      case 'denied':
        return [deniedEvent(action)];
      case 'held':
        return [heldEvent(action), succeededEvent(action, result)];
      case 'dropped':
        return [];
      default:
        return [succeededEvent(action, result)];
    }
  }
}

const snapshotArb = fc.record({
  autoTask: fc.constantFrom('Yes', 'Yes', 'No'),
  repo: fc.constantFrom<string | null>(REPO, REPO, 'Website', null),
  status: fc.constantFrom<string | undefined>(
    undefined,
    undefined,
    undefined,
    undefined,
    'Blocked',
    'Cancelled',
  ),
  name: fc.constantFrom('Add dark mode', 'Dark mode v2'),
  completed: fc.constantFrom(false, false, false, false, true),
});

const runArb = fc.record({
  workflow: fc.constantFrom('build', 'test'),
  conclusion: fc.constantFrom<string | null>('success', 'failure', 'neutral', 'action_required', null),
  runId: fc.integer({ min: 1, max: 5 }),
  minute: fc.integer({ min: 0, max: 30 }),
  number: fc.constantFrom(12 as const, 12 as const, 12 as const, 13 as const),
});

/** One step of a scenario; snapshots get their modified_at from their position so they arrive in order. */
const stepArb = fc.oneof(
  { weight: 4, arbitrary: snapshotArb.map((s) => ({ kind: 'snapshot' as const, ...s })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pr' as const),
      action: fc.constantFrom('opened', 'synchronize', 'closed'),
      number: fc.constantFrom(12 as const, 12 as const, 13 as const),
      merged: fc.boolean(),
      fixes: fc.constantFrom('Fixes #7', 'Fixes #7', 'See #7'),
    }),
  },
  { weight: 6, arbitrary: runArb.map((r) => ({ kind: 'run' as const, ...r })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('closed', 'reopened').map((action) => ({ kind: 'issue' as const, action })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'deleted' as const }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function toEvent(step: Step, index: number): DomainEvent {
  switch (step.kind) {
    case 'snapshot': {
      const { kind: _, ...fields } = step;
      return snapshotEvent({ ...fields, modifiedAt: at(index) });
    }
    case 'pr': {
      const closed = step.action === 'closed';
      const merged = closed && step.merged;
      return pullRequestEvent({
        action: step.action,
        number: step.number,
        url: `https://github.com/${REPO}/pull/${step.number}`,
        body: step.fixes,
        state: closed ? 'closed' : 'open',
        merged,
        mergeSha: merged ? SHA[step.number] : null,
      });
    }
    case 'run':
      return runEvent(step);
    case 'issue':
      return issueEvent({ action: step.action, state: step.action === 'closed' ? 'closed' : 'open' });
    case 'deleted':
      return deletedEvent({ occurredAt: at(index) });
  }
}

function runEvent(run: {
  workflow: string;
  conclusion: string | null;
  runId: number;
  minute: number;
  number: 12 | 13;
}): DomainEvent {
  const completed = run.conclusion !== null;
  return workflowRunEvent({
    workflow: run.workflow,
    runId: run.runId,
    headSha: SHA[run.number],
    action: completed ? 'completed' : 'in_progress',
    status: completed ? 'completed' : 'in_progress',
    conclusion: run.conclusion,
    occurredAt: at(100 + run.minute),
  });
}

const noise = fc.array(stepArb, { maxLength: 10 });
const opened: Step = { kind: 'pr', action: 'opened', number: 12, merged: false, fixes: 'Fixes #7' };
const merged: Step = { ...opened, action: 'closed', merged: true };

/** A task that starts well (AutoTask on, repo resolves), usually gets its PR opened and merged, and meets noise throughout. */
const scenarioArb = fc.tuple(noise, noise, noise, fc.boolean()).map(([before, between, after, happy]) => {
  const steps = happy ? [...before, opened, ...between, merged, ...after] : [...before, ...between, ...after];
  return [snapshotEvent({ modifiedAt: at(-1) }), ...steps.map(toEvent)];
});

const effectKey = (a: Action) => JSON.stringify(a.params);
const withoutBookkeeping = (task: Task | undefined) =>
  task && { ...task, updatedAt: undefined, version: undefined };

describe('decide (properties)', () => {
  it('ends in the same task and issues the same effects once when every event is delivered twice', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom('at-once' as const, 'after-effects' as const),
        (events, when) => {
          // Prepare
          const once = new World();
          const twice = new World({ twice: when });

          // Act
          events.forEach((e) => once.deliver(e));
          events.forEach((e) => twice.deliver(e));

          // Assess
          expect(withoutBookkeeping(twice.task)).toEqual(withoutBookkeeping(once.task));
          expect(twice.issued.map(effectKey).sort()).toEqual(once.issued.map(effectKey).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends in the same state whatever the order of CI runs on the merge commit and of duplicated snapshots', () => {
    const terminal = fc.constantFrom('success', 'neutral', 'failure', 'timed_out', 'cancelled');
    const attempt = fc.record({
      minute: fc.integer({ min: 0, max: 20 }),
      runId: fc.integer({ min: 1, max: 3 }),
      conclusion: fc.constantFrom<string | null>(null, 'action_required', 'failure', 'success'),
    });
    // Per workflow: earlier attempts of any kind, then a terminal one later than all of them.
    const workflowRuns = (workflow: string) =>
      fc
        .tuple(fc.array(attempt, { maxLength: 3 }), terminal, fc.integer({ min: 1, max: 3 }))
        .map(([earlier, conclusion, runId]) => [
          ...earlier.map((a) => runEvent({ ...a, workflow, number: 12 })),
          runEvent({ workflow, conclusion, runId, minute: 30, number: 12 }),
        ]);
    const bagArb = fc
      .tuple(
        workflowRuns('build'),
        workflowRuns('test'),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<string[]>([], ['build', 'test']),
      )
      .chain(([build, test, copies, ciWorkflows]) => {
        const bag = [...build, ...test, ...Array.from({ length: copies }, () => snapshotEvent())];
        const permutation = fc.shuffledSubarray(bag, { minLength: bag.length, maxLength: bag.length });
        return fc.tuple(permutation, permutation, fc.constant(ciWorkflows));
      });

    fc.assert(
      fc.property(bagArb, ([first, second, ciWorkflows]) => {
        // Prepare
        const cfg = createProjectConfig({ github: { ciWorkflows } });
        const run = (bag: DomainEvent[]) => {
          let task: Task | undefined;
          const step = (e: DomainEvent) => {
            const d = decide(task, e, cfg, CTX);
            task = d.task;
            for (const a of d.actions)
              step(
                succeededEvent(
                  a,
                  a.params.kind === 'github.create_issue' ? { issueNumber: 7, url: 'u' } : {},
                ),
              );
          };
          [
            snapshotEvent(),
            pullRequestEvent({ number: 12 }),
            pullRequestEvent({ action: 'closed', state: 'closed', merged: true, mergeSha: SHA[12] }),
            ...bag,
          ].forEach(step);
          // Bookkeeping may differ with the path taken: how many actions were numbered, and how often our own
          // Asana writes advanced the modified_at watermark. The state itself may not.
          return (
            task && {
              ...task,
              updatedAt: undefined,
              version: undefined,
              actionSeq: undefined,
              asanaModifiedAt: undefined,
            }
          );
        };

        // Act
        const a = run(first);
        const b = run(second);

        // Assess
        expect(a?.stage).toMatch(/^(DEPLOYED|FAILED)$/);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('yields no actions and no history when an event is replayed right after being applied', () => {
    fc.assert(
      fc.property(scenarioArb, (events) => {
        const world = new World();
        for (const event of events) {
          // Prepare
          world.deliver(event);

          // Act
          const replay = decide(world.task, event, config, CTX);

          // Assess: only the note about a second PR naming the issue is repeated, as it changes nothing.
          expect(replay.actions).toEqual([]);
          expect(replay.task).toBe(world.task);
          expect(replay.timeline.filter((e) => e.kind !== 'github.pr_ignored')).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never asks for more than one issue per task', () => {
    const outcomesArb = fc.array(
      fc.constantFrom<Outcome>('succeeded', 'failed', 'denied', 'held', 'dropped'),
      { minLength: 1, maxLength: 8 },
    );

    fc.assert(
      fc.property(
        scenarioArb,
        outcomesArb,
        fc.constantFrom(undefined, 'at-once' as const, 'after-effects' as const),
        (events, outcomes, twice) => {
          // Prepare
          const world = new World({ outcomes, twice });

          // Act
          events.forEach((e) => world.deliver(e));

          // Assess
          expect(
            world.issued.filter((a) => a.params.kind === 'github.create_issue').length,
          ).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
