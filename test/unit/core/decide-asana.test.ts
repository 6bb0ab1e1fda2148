import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import type { Task } from '#core/task.js';
import {
  createAction,
  createProjectConfig,
  createTask,
  CTX,
  deletedEvent,
  NOW,
  REPO,
  snapshotEvent,
  TASK_ID,
} from '../../helpers/factories.js';

const config = createProjectConfig();
const kinds = (d: { actions: { params: { kind: string } }[] }) => d.actions.map((a) => a.params.kind);
const received = (overrides: Partial<Task> = {}) =>
  createTask({ stage: 'RECEIVED', issue: undefined, ...overrides });

describe('decide: Asana snapshot of a tracked task', () => {
  it('ignores a snapshot older than the one applied', () => {
    // Prepare
    const task = createTask();

    // Act
    const decision = decide(
      task,
      snapshotEvent({ modifiedAt: '2025-01-01T09:00:00.000Z', autoTask: 'No' }),
      config,
      CTX,
    );

    // Assess
    expect(decision).toEqual({ task, actions: [], timeline: [] });
  });

  it('ignores a snapshot of another Asana task', () => {
    const task = createTask();

    expect(decide(task, snapshotEvent({ gid: 'other', autoTask: 'No' }), config, CTX).task).toBe(task);
  });

  it('changes nothing when the same snapshot is applied again', () => {
    // Prepare
    const task = createTask({ asanaModifiedAt: '2025-01-01T11:00:00.000Z' });

    // Act
    const decision = decide(task, snapshotEvent(), config, CTX);

    // Assess
    expect(decision).toEqual({ task, actions: [], timeline: [] });
  });

  it('updates the task fields and counts a new spec version when title or notes change', () => {
    // Act
    const { task, actions, timeline } = decide(
      createTask(),
      snapshotEvent({ name: 'Dark mode v2', notes: 'New', permalinkUrl: 'https://a/1', completed: true }),
      config,
      CTX,
    );

    // Assess
    expect(task).toMatchObject({
      title: 'Dark mode v2',
      notes: 'New',
      asanaUrl: 'https://a/1',
      asanaCompleted: true,
      specVersion: 2,
      asanaModifiedAt: '2025-01-01T11:00:00.000Z',
      updatedAt: NOW,
      version: 3,
    });
    expect(actions).toEqual([]);
    expect(timeline.map((e) => e.kind)).toEqual(['asana.details_changed', 'asana.completion']);
  });

  it('stores a newer modified_at silently when nothing else changed', () => {
    const { task, timeline } = decide(createTask(), snapshotEvent(), config, CTX);

    expect(task?.asanaModifiedAt).toBe('2025-01-01T11:00:00.000Z');
    expect(timeline).toEqual([]);
  });

  describe('AutoTask turned off', () => {
    it('labels the open issue, explains in a comment and marks the label applied', () => {
      // Act
      const { task, actions, timeline } = decide(
        createTask(),
        snapshotEvent({ autoTask: 'No' }),
        config,
        CTX,
      );

      // Assess
      expect(actions.map((a) => a.params)).toEqual([
        { kind: 'github.label', repo: REPO, issueNumber: 7, add: ['autoflow:disabled'], remove: [] },
        expect.objectContaining({
          kind: 'github.comment',
          repo: REPO,
          issueNumber: 7,
          body: expect.stringContaining('AutoTask was turned off in Asana'),
        }),
      ]);
      expect(task).toMatchObject({
        autoTask: false,
        autoDisabledLabel: true,
        status: 'AUTO_DISABLED',
        actionSeq: 2,
      });
      expect(timeline).toEqual([
        expect.objectContaining({ kind: 'asana.auto_task_off', from: 'ISSUE_CREATED', to: 'AUTO_DISABLED' }),
      ]);
    });

    it('only marks the task AUTO_DISABLED when no issue exists yet', () => {
      const { task, actions } = decide(received(), snapshotEvent({ autoTask: 'No' }), config, CTX);

      expect(task?.status).toBe('AUTO_DISABLED');
      expect(actions).toEqual([]);
    });

    it('leaves a closed issue alone', () => {
      expect(
        kinds(decide(createTask({ issueClosed: true }), snapshotEvent({ autoTask: 'No' }), config, CTX)),
      ).toEqual([]);
    });

    it('does not label twice', () => {
      const task = createTask({ autoDisabledLabel: true });

      expect(kinds(decide(task, snapshotEvent({ autoTask: 'No' }), config, CTX))).toEqual([]);
    });

    it('emits nothing else while off, even when the repo now resolves or the task is cancelled', () => {
      // Prepare
      const unresolved = received({ autoTask: false, repo: undefined, repoOption: 'x' });
      const withIssue = createTask({ autoTask: false, autoDisabledLabel: true });

      // Act
      const healed = decide(unresolved, snapshotEvent({ autoTask: 'No' }), config, CTX);
      const cancelled = decide(
        withIssue,
        snapshotEvent({ autoTask: 'No', status: 'Cancelled' }),
        config,
        CTX,
      );

      // Assess
      expect(healed.task?.repo).toBe(REPO);
      expect(healed.actions).toEqual([]);
      expect(cancelled.task?.status).toBe('CANCELLED');
      expect(cancelled.actions).toEqual([]);
    });
  });

  describe('AutoTask turned on again', () => {
    it('removes the label and says syncing resumed', () => {
      // Prepare
      const task = createTask({ autoTask: false, autoDisabledLabel: true });

      // Act
      const { task: after, actions } = decide(task, snapshotEvent(), config, CTX);

      // Assess
      expect(actions.map((a) => a.params)).toEqual([
        { kind: 'github.label', repo: REPO, issueNumber: 7, add: [], remove: ['autoflow:disabled'] },
        { kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'AutoTask on again; syncing resumed.' },
      ]);
      expect(after).toMatchObject({ autoTask: true, autoDisabledLabel: false, status: 'ISSUE_CREATED' });
    });

    it('resumes by creating the issue the task never got', () => {
      expect(kinds(decide(received({ autoTask: false }), snapshotEvent(), config, CTX))).toEqual([
        'github.create_issue',
      ]);
    });

    it('catches up by completing the Asana task of a task deployed meanwhile', () => {
      // Prepare
      const task = createTask({ autoTask: false, stage: 'DEPLOYED', mergeSha: 'abc' });

      // Act
      const { actions } = decide(task, snapshotEvent(), config, CTX);

      // Assess
      expect(actions.map((a) => a.params)).toEqual([
        { kind: 'asana.complete_task', asanaGid: task.asanaGid },
      ]);
    });

    it('removes the label even when the task was deployed meanwhile', () => {
      const task = createTask({
        autoTask: false,
        autoDisabledLabel: true,
        stage: 'DEPLOYED',
        asanaCompleted: true,
      });

      expect(kinds(decide(task, snapshotEvent({ completed: true }), config, CTX))).toEqual([
        'github.label',
        'github.comment',
      ]);
    });

    it('catches up by closing the issue of a task cancelled meanwhile', () => {
      const task = createTask({ autoTask: false, workState: 'CANCELLED' });

      expect(kinds(decide(task, snapshotEvent({ status: 'Cancelled' }), config, CTX))).toEqual([
        'github.close_issue',
      ]);
    });
  });

  describe('resume and heal', () => {
    it('creates the issue once the Repo option resolves (NEEDS_REPO heals)', () => {
      // Prepare
      const task = received({ repo: undefined, repoOption: 'Website' });

      // Act
      const {
        task: after,
        actions,
        timeline,
      } = decide(task, snapshotEvent({ repo: 'acme/web' }), config, CTX);

      // Assess
      expect(after).toMatchObject({ repo: REPO, status: 'RECEIVED' });
      expect(kinds({ actions })).toEqual(['github.create_issue']);
      expect(timeline[0]).toMatchObject({ kind: 'asana.repo_changed', from: 'NEEDS_REPO', to: 'RECEIVED' });
    });

    it('creates the issue once a manual mapping covers the option', () => {
      // Prepare
      const task = received({
        repo: undefined,
        repoOption: 'Website',
        asanaModifiedAt: '2025-01-01T11:00:00.000Z',
      });
      const mapped = createProjectConfig({ asana: { repoMap: { Website: REPO } } });

      // Act
      const { actions } = decide(task, snapshotEvent({ repo: 'Website' }), mapped, CTX);

      // Assess
      expect(kinds({ actions })).toEqual(['github.create_issue']);
    });

    it('notes a repo that no longer resolves', () => {
      const { task, timeline } = decide(received(), snapshotEvent({ repo: 'nope' }), config, CTX);

      expect(task?.status).toBe('NEEDS_REPO');
      expect(timeline[0]?.message).toContain('does not resolve');
    });

    it('creates the issue when the task is no longer cancelled', () => {
      expect(kinds(decide(received({ workState: 'CANCELLED' }), snapshotEvent(), config, CTX))).toEqual([
        'github.create_issue',
      ]);
    });

    it('does not ask for a second issue while one is on the way', () => {
      // Prepare
      const pending = createAction({
        params: { kind: 'github.create_issue', repo: REPO, title: 't', body: 'b', labels: [], marker: 'm' },
      });
      const task = received({ outbox: [pending], actionSeq: 1, workState: 'BLOCKED' });

      // Act
      const decision = decide(task, snapshotEvent(), config, CTX);

      // Assess
      expect(decision.actions).toEqual([]);
    });

    it('keeps a requested issue in its repo when the Repo option changes before it exists', () => {
      // Prepare
      const pending = createAction({
        params: { kind: 'github.create_issue', repo: REPO, title: 't', body: 'b', labels: [], marker: 'm' },
      });
      const task = received({ outbox: [pending], actionSeq: 1 });

      // Act
      const {
        task: after,
        actions,
        timeline,
      } = decide(task, snapshotEvent({ repo: 'acme/api' }), config, CTX);

      // Assess
      expect(after?.repo).toBe(REPO);
      expect(actions).toEqual([]);
      expect(timeline[0]?.message).toContain(`the issue stays in ${REPO}`);
    });

    it('does not retry an issue whose creation failed', () => {
      expect(
        kinds(decide(received({ stage: 'FAILED' }), snapshotEvent({ name: 'new' }), config, CTX)),
      ).toEqual([]);
    });

    it('keeps the issue in its repo when the Repo option changes afterwards', () => {
      // Act
      const { task, actions, timeline } = decide(
        createTask(),
        snapshotEvent({ repo: 'acme/api' }),
        config,
        CTX,
      );

      // Assess
      expect(task).toMatchObject({ repo: REPO, repoOption: 'acme/api' });
      expect(actions).toEqual([]);
      expect(timeline).toEqual([
        expect.objectContaining({
          kind: 'asana.repo_changed',
          message: expect.stringContaining(`the issue stays in ${REPO}`),
        }),
      ]);
    });
  });

  describe('work state', () => {
    it('closes the open issue as not planned when cancelled', () => {
      // Act
      const { task, actions } = decide(createTask(), snapshotEvent({ status: 'Cancelled' }), config, CTX);

      // Assess
      expect(actions.map((a) => a.params)).toEqual([
        { kind: 'github.close_issue', repo: REPO, issueNumber: 7, reason: 'not_planned' },
      ]);
      expect(task?.status).toBe('CANCELLED');
    });

    it('does not close twice: not when closed already, not while a close is on the way', () => {
      // Prepare
      const close = createAction({
        params: { kind: 'github.close_issue', repo: REPO, issueNumber: 7, reason: 'not_planned' },
      });
      const closed = createTask({ issueClosed: true });
      const closing = createTask({ workState: 'BLOCKED', outbox: [close], actionSeq: 1 });

      // Act
      const first = decide(closed, snapshotEvent({ status: 'Cancelled' }), config, CTX);
      const second = decide(closing, snapshotEvent({ status: 'Cancelled' }), config, CTX);

      // Assess
      expect(first.actions).toEqual([]);
      expect(second.actions).toEqual([]);
    });

    it('only marks a blocked task', () => {
      const { task, actions, timeline } = decide(
        createTask(),
        snapshotEvent({ status: 'Blocked' }),
        config,
        CTX,
      );

      expect(task?.status).toBe('BLOCKED');
      expect(actions).toEqual([]);
      expect(timeline).toEqual([
        expect.objectContaining({ kind: 'asana.work_state', from: 'ISSUE_CREATED', to: 'BLOCKED' }),
      ]);
    });

    it('notes a task active again after being blocked', () => {
      const { task, timeline } = decide(
        createTask({ workState: 'BLOCKED' }),
        snapshotEvent({ status: 'In progress' }),
        config,
        CTX,
      );

      expect(task?.status).toBe('ISSUE_CREATED');
      expect(timeline[0]).toMatchObject({ from: 'BLOCKED', to: 'ISSUE_CREATED' });
    });
  });

  describe('deployed tasks', () => {
    it('updates fields only: no close, no label', () => {
      // Prepare
      const task = createTask({ stage: 'DEPLOYED', asanaCompleted: true, mergeSha: 'abc' });

      // Act
      const { task: after, actions } = decide(
        task,
        snapshotEvent({ autoTask: 'No', status: 'Cancelled', completed: true, name: 'Renamed' }),
        config,
        CTX,
      );

      // Assess
      expect(after).toMatchObject({
        title: 'Renamed',
        autoTask: false,
        workState: 'CANCELLED',
        status: 'DEPLOYED',
      });
      expect(actions).toEqual([]);
    });
  });
});

describe('decide: Asana task deleted', () => {
  it('treats the task as cancelled and closes its open issue', () => {
    // Act
    const { task, actions, timeline } = decide(createTask(), deletedEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({
      workState: 'CANCELLED',
      status: 'CANCELLED',
      asanaModifiedAt: '2025-01-01T11:30:00.000Z',
    });
    expect(kinds({ actions })).toEqual(['github.close_issue']);
    expect(timeline[0]).toMatchObject({ kind: 'asana.deleted', to: 'CANCELLED' });
  });

  it('does nothing the second time', () => {
    // Prepare
    const first = decide(createTask(), deletedEvent(), config, CTX);

    // Act
    const again = decide(first.task, deletedEvent(), config, CTX);

    // Assess
    expect(again).toEqual({ task: first.task, actions: [], timeline: [] });
  });

  it('ignores a deletion older than the snapshot applied (undeleted since)', () => {
    const task = createTask({ asanaModifiedAt: '2025-01-01T12:00:00.000Z' });

    expect(decide(task, deletedEvent(), config, CTX).task).toBe(task);
  });

  it('ignores the deletion of another Asana task', () => {
    const task = createTask();

    expect(decide(task, deletedEvent({ asanaGid: 'other' }), config, CTX).task).toBe(task);
  });

  it('closes nothing while AutoTask is off or when no issue exists', () => {
    expect(kinds(decide(createTask({ autoTask: false }), deletedEvent(), config, CTX))).toEqual([]);
    expect(kinds(decide(received(), deletedEvent(), config, CTX))).toEqual([]);
  });

  it('creates no task for an unknown Asana task', () => {
    expect(decide(undefined, deletedEvent(), config, { ...CTX, taskId: TASK_ID })).toEqual({
      task: undefined,
      actions: [],
      timeline: [],
    });
  });
});
