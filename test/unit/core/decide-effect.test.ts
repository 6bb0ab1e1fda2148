import { describe, expect, it } from 'vitest';
import { executionNameOf, type Action, type ActionParams } from '#core/actions.js';
import { decide } from '#core/decide.js';
import type { Task } from '#core/task.js';
import {
  ASANA_GID,
  createAction,
  createProjectConfig,
  createTask,
  CTX,
  deniedEvent,
  failedEvent,
  heldEvent,
  REPO,
  succeededEvent,
  TASK_ID,
} from '../../helpers/factories.js';

const config = createProjectConfig();
const kinds = (d: { actions: { params: { kind: string } }[] }) => d.actions.map((a) => a.params.kind);
const createIssue: ActionParams = {
  kind: 'github.create_issue',
  repo: REPO,
  title: 't',
  body: 'b',
  labels: ['autoflow'],
  marker: 'm',
};
const issueResult = { issueNumber: 7, url: 'https://github.com/acme/web/issues/7' };

function withPending(params: ActionParams, overrides: Partial<Task> = {}): { task: Task; action: Action } {
  const action = createAction({ params });
  return { action, task: createTask({ outbox: [action], actionSeq: 1, ...overrides }) };
}
const receivedWith = (params: ActionParams, overrides: Partial<Task> = {}) =>
  withPending(params, { stage: 'RECEIVED', issue: undefined, ...overrides });

describe('decide: effect outcomes', () => {
  it('ignores an outcome for an action not in the outbox (a duplicate)', () => {
    // Prepare
    const task = createTask();

    // Act
    const decision = decide(task, succeededEvent(createAction()), config, CTX);

    // Assess
    expect(decision).toEqual({ task, actions: [], timeline: [] });
  });

  it('records the created issue and moves to ISSUE_CREATED', () => {
    // Prepare
    const { task, action } = receivedWith(createIssue);

    // Act
    const { task: after, actions, timeline } = decide(task, succeededEvent(action, issueResult), config, CTX);

    // Assess
    expect(after).toMatchObject({
      stage: 'ISSUE_CREATED',
      issue: { repo: REPO, number: 7, url: issueResult.url },
      outbox: [],
    });
    expect(actions).toEqual([]);
    expect(timeline).toEqual([
      expect.objectContaining({ kind: 'issue.created', from: 'RECEIVED', to: 'ISSUE_CREATED' }),
    ]);
  });

  it('labels the new issue at once when AutoTask was turned off meanwhile', () => {
    // Prepare
    const { task, action } = receivedWith(createIssue, { autoTask: false });

    // Act
    const { task: after, actions } = decide(task, succeededEvent(action, issueResult), config, CTX);

    // Assess
    expect(kinds({ actions })).toEqual(['github.label', 'github.comment']);
    expect(actions[0]?.actionId).toBe(`${TASK_ID}-2`);
    expect(after?.autoDisabledLabel).toBe(true);
  });

  it('closes the new issue at once when the task was cancelled meanwhile', () => {
    const { task, action } = receivedWith(createIssue, { workState: 'CANCELLED' });

    expect(kinds(decide(task, succeededEvent(action, issueResult), config, CTX))).toEqual([
      'github.close_issue',
    ]);
  });

  it('fails the task when the created issue comes back without a number', () => {
    const { task, action } = receivedWith(createIssue);

    expect(decide(task, succeededEvent(action, {}), config, CTX).task).toMatchObject({
      stage: 'FAILED',
      outbox: [],
    });
  });

  it('records a completed Asana task as completed by Auto-Flow and stale-proofs older snapshots', () => {
    // Prepare
    const { task, action } = withPending(
      { kind: 'asana.complete_task', asanaGid: ASANA_GID },
      { stage: 'DEPLOYED' },
    );

    // Act
    const { task: after, actions } = decide(task, succeededEvent(action), config, CTX);

    // Assess
    expect(after).toMatchObject({
      asanaCompleted: true,
      completedByAutoFlow: true,
      asanaModifiedAt: '2025-01-01T10:00:00.001Z',
      outbox: [],
    });
    expect(actions).toEqual([]);
  });

  it('reopens at once when CI turned red while the completion was under way', () => {
    const { task, action } = withPending(
      { kind: 'asana.complete_task', asanaGid: ASANA_GID },
      { stage: 'FAILED', mergeSha: 'abc' },
    );

    expect(kinds(decide(task, succeededEvent(action), config, CTX))).toEqual(['asana.reopen_task']);
  });

  it('records a reopened Asana task', () => {
    // Prepare
    const { task, action } = withPending(
      { kind: 'asana.reopen_task', asanaGid: ASANA_GID },
      { stage: 'FAILED', asanaCompleted: true, completedByAutoFlow: true },
    );

    // Act
    const { task: after } = decide(task, succeededEvent(action), config, CTX);

    // Assess
    expect(after).toMatchObject({ asanaCompleted: false, completedByAutoFlow: false });
  });

  it('completes again when a reopen lands after CI turned green again', () => {
    const { task, action } = withPending(
      { kind: 'asana.reopen_task', asanaGid: ASANA_GID },
      { stage: 'DEPLOYED', asanaCompleted: true, completedByAutoFlow: true },
    );

    expect(kinds(decide(task, succeededEvent(action), config, CTX))).toEqual(['asana.complete_task']);
  });

  it('records a closed issue', () => {
    const { task, action } = withPending(
      { kind: 'github.close_issue', repo: REPO, issueNumber: 7, reason: 'not_planned' },
      { workState: 'CANCELLED' },
    );

    expect(decide(task, succeededEvent(action), config, CTX).task).toMatchObject({
      issueClosed: true,
      outbox: [],
    });
  });

  it('reflects the auto-disabled label as applied or removed', () => {
    // Prepare
    const added = withPending({
      kind: 'github.label',
      repo: REPO,
      issueNumber: 7,
      add: ['autoflow:disabled'],
      remove: [],
    });
    const removed = withPending(
      { kind: 'github.label', repo: REPO, issueNumber: 7, add: [], remove: ['autoflow:disabled'] },
      { autoDisabledLabel: true },
    );

    // Act
    const afterAdd = decide(added.task, succeededEvent(added.action), config, CTX);
    const afterRemove = decide(removed.task, succeededEvent(removed.action), config, CTX);

    // Assess
    expect(afterAdd.task?.autoDisabledLabel).toBe(true);
    expect(afterRemove.task?.autoDisabledLabel).toBe(false);
  });

  it('only records a posted comment', () => {
    // Prepare
    const { task, action } = withPending({ kind: 'asana.comment', asanaGid: ASANA_GID, text: 'x' });

    // Act
    const { task: after, actions, timeline } = decide(task, succeededEvent(action), config, CTX);

    // Assess
    expect(after).toEqual({ ...task, outbox: [], updatedAt: CTX.now });
    expect(actions).toEqual([]);
    expect(timeline).toEqual([expect.objectContaining({ kind: 'asana.comment' })]);
  });

  it('fails the task when creating the issue failed', () => {
    // Prepare
    const { task, action } = receivedWith(createIssue);

    // Act
    const { task: after, timeline } = decide(task, failedEvent(action, '422 Validation Failed'), config, CTX);

    // Assess
    expect(after).toMatchObject({
      stage: 'FAILED',
      status: 'FAILED',
      outbox: [],
      failureReason: 'Creating the issue failed: PermanentIntegrationError: 422 Validation Failed',
    });
    expect(timeline).toEqual([
      expect.objectContaining({ kind: 'effect.failed', from: 'RECEIVED', to: 'FAILED' }),
    ]);
  });

  it('holds a retry-safe effect that failed for the reconciler, and gives up on its third failure', () => {
    const { task, action } = withPending({ kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'x' });

    const first = decide(task, failedEvent(action), config, CTX);
    const [held] = first.task!.outbox;
    const second = decide(first.task!, failedEvent(held!), config, CTX);
    const third = decide(second.task!, failedEvent(second.task!.outbox[0]!), config, CTX);

    expect(first.task).toMatchObject({ stage: 'ISSUE_CREATED' });
    expect(held).toMatchObject({
      actionId: action.actionId,
      failures: 1,
      heldReason: expect.stringMatching(/reconciler/),
    });
    expect(first.timeline).toEqual([
      expect.objectContaining({ kind: 'effect.failed', message: expect.stringMatching(/will try again/) }),
    ]);
    expect(second.task!.outbox).toEqual([expect.objectContaining({ failures: 2 })]);
    expect(third.task!.outbox).toEqual([]);
    expect(third.timeline).toEqual([expect.objectContaining({ kind: 'effect.failed' })]);
  });

  it('only records other failures (an issue that was not created fails the task instead)', () => {
    const { task, action } = withPending({
      kind: 'github.workflow_dispatch',
      repo: REPO,
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: {},
    });

    const { task: after, timeline } = decide(task, failedEvent(action), config, CTX);

    expect(after).toMatchObject({ stage: 'ISSUE_CREATED', outbox: [] });
    expect(timeline).toEqual([expect.objectContaining({ kind: 'effect.failed' })]);
  });

  it('fails the task when policy denied creating the issue', () => {
    const { task, action } = receivedWith(createIssue);

    expect(decide(task, deniedEvent(action, 'repo not allowed'), config, CTX).task).toMatchObject({
      stage: 'FAILED',
      failureReason: 'denied: repo not allowed',
      outbox: [],
    });
  });

  it('only records other denials', () => {
    const { task, action } = withPending({ kind: 'asana.comment', asanaGid: ASANA_GID, text: 'x' });

    expect(decide(task, deniedEvent(action), config, CTX)).toMatchObject({
      task: { stage: 'ISSUE_CREATED', outbox: [] },
      actions: [],
      timeline: [{ kind: 'effect.denied', message: 'asana.comment denied: policy forbids' }],
    });
  });

  it('keeps a held action in the outbox with its reason, noted once', () => {
    // Prepare
    const { task, action } = receivedWith(createIssue);

    // Act
    const held = decide(task, heldEvent(action), config, CTX);
    const again = decide(held.task, heldEvent(action), config, CTX);

    // Assess
    expect(held.task?.outbox).toEqual([{ ...action, heldReason: 'kill switch on' }]);
    expect(held.timeline).toEqual([expect.objectContaining({ kind: 'effect.held' })]);
    expect(again).toEqual({ task: held.task, actions: [], timeline: [] });
  });
});

describe('decide: releasing held actions', () => {
  const comment: ActionParams = { kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'x' };
  const release = (extra: object = {}) =>
    ({ type: 'actions.released', reason: 'the kill switch went off', ...extra }) as const;
  /** A task holding a create-issue (kill switch) and a comment that failed once. */
  function holding(): { task: Task; byKill: Action; byFailure: Action } {
    const byKill = { ...createAction({ actionId: `${TASK_ID}-1`, params: createIssue }), heldReason: 'kill' };
    const byFailure = {
      ...createAction({ actionId: `${TASK_ID}-2`, params: comment }),
      failures: 1,
      heldReason: 'failed (1×), retried by the reconciler',
    };
    return { byKill, byFailure, task: createTask({ outbox: [byKill, byFailure], actionSeq: 2 }) };
  }
  const lifted = ({ heldReason: _, ...a }: Action, releases = 1): Action => ({ ...a, releases });

  it('lifts every hold, counts the release that names the next run, and notes each', () => {
    const { task, byKill, byFailure } = holding();

    const d = decide(task, release(), config, CTX);

    expect(d.task?.outbox).toEqual([lifted(byKill), lifted(byFailure)]);
    expect(d.timeline.map((e) => [e.kind, e.ids])).toEqual([
      ['effect.released', { actionId: byKill.actionId }],
      ['effect.released', { actionId: byFailure.actionId }],
    ]);
  });

  it('lifts only the named action, or only those held after failing', () => {
    const { task, byKill, byFailure } = holding();

    expect(decide(task, release({ actionId: byKill.actionId }), config, CTX).task?.outbox).toEqual([
      lifted(byKill),
      byFailure,
    ]);
    expect(decide(task, release({ failedOnly: true }), config, CTX).task?.outbox).toEqual([
      byKill,
      lifted(byFailure),
    ]);
  });

  it('changes nothing for a second release of the same hold (the one that lost a race)', () => {
    const { task } = holding();
    const first = decide(task, release(), config, CTX).task!;

    expect(decide(first, release(), config, CTX)).toEqual({ task: first, actions: [], timeline: [] });
  });

  it('ignores an outcome of an earlier run, and applies the current run’s', () => {
    const { task, byKill } = holding();
    const released = decide(task, release({ actionId: byKill.actionId }), config, CTX).task!;
    const current = released.outbox[0]!;

    // A retried Record of the first run (no release number) must not hold the second run again.
    expect(decide(released, heldEvent(byKill), config, CTX).task).toBe(released);
    expect(decide(released, heldEvent(current), config, CTX).task?.outbox[0]).toEqual({
      ...current,
      heldReason: 'kill switch on',
    });
    expect(decide(released, succeededEvent(current, issueResult), config, CTX).task).toMatchObject({
      stage: 'ISSUE_CREATED',
      outbox: [expect.objectContaining({ actionId: `${TASK_ID}-2` })],
    });
  });

  it('keeps counting releases across holds: the third run is named -r2', () => {
    const { task, byKill } = holding();
    const once = decide(task, release({ actionId: byKill.actionId }), config, CTX).task!;
    const heldAgain = decide(once, heldEvent(once.outbox[0]!), config, CTX).task!;
    const twice = decide(heldAgain, release({ actionId: byKill.actionId }), config, CTX).task!;

    expect(twice.outbox[0]).toEqual(lifted(byKill, 2));
    expect(executionNameOf(twice.outbox[0]!)).toBe(`${byKill.actionId}-r2`);
    expect(executionNameOf(byKill)).toBe(byKill.actionId);
  });
});
