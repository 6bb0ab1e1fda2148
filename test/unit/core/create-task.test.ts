import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import { renderTaskSpec, taskMarker } from '#core/task-spec.js';
import {
  ASANA_GID,
  createProjectConfig,
  CTX,
  NOW,
  REPO,
  snapshotEvent,
  TASK_ID,
} from '../../helpers/factories.js';

const config = createProjectConfig();

describe('decide: first Asana snapshot', () => {
  it('creates nothing when AutoTask is off', () => {
    // Act
    const decision = decide(undefined, snapshotEvent({ autoTask: 'No' }), config, CTX);

    // Assess
    expect(decision).toEqual({ task: undefined, actions: [], timeline: [] });
  });

  it('creates nothing when the Asana task is already completed', () => {
    expect(decide(undefined, snapshotEvent({ completed: true }), config, CTX)).toEqual({
      task: undefined,
      actions: [],
      timeline: [],
    });
  });

  it('creates a RECEIVED task and asks for its issue', () => {
    // Act
    const { task, actions } = decide(undefined, snapshotEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({
      projectId: 'proj-1',
      taskId: TASK_ID,
      asanaGid: ASANA_GID,
      title: 'Add dark mode',
      stage: 'RECEIVED',
      status: 'RECEIVED',
      repo: REPO,
      repoOption: REPO,
      autoTask: true,
      workState: 'ACTIVE',
      version: 0,
      actionSeq: 1,
      specVersion: 1,
      createdAt: NOW,
      updatedAt: NOW,
      asanaModifiedAt: '2025-01-01T11:00:00.000Z',
      completedByAutoFlow: false,
      autoDisabledLabel: false,
      issueClosed: false,
      ciRuns: {},
    });
    expect(actions).toHaveLength(1);
    expect(task?.outbox).toEqual(actions);
  });

  it('renders the issue from the task spec with the configured labels and the marker', () => {
    // Act
    const { task, actions } = decide(undefined, snapshotEvent(), config, CTX);

    // Assess
    const spec = renderTaskSpec(task!, config);
    expect(actions[0]).toEqual({
      actionId: `${TASK_ID}-1`,
      projectId: 'proj-1',
      taskId: TASK_ID,
      createdAt: NOW,
      params: {
        kind: 'github.create_issue',
        repo: REPO,
        title: spec.title,
        body: spec.body,
        labels: ['autoflow'],
        marker: taskMarker(TASK_ID),
      },
    });
  });

  it('records "task received" with the status it starts in', () => {
    const { timeline } = decide(undefined, snapshotEvent(), config, CTX);

    expect(timeline[0]).toMatchObject({ at: NOW, source: 'asana', kind: 'task.received', to: 'RECEIVED' });
    expect(timeline[0]).not.toHaveProperty('from');
  });

  it('waits in NEEDS_REPO when the repo does not resolve', () => {
    // Act
    const { task, actions, timeline } = decide(undefined, snapshotEvent({ repo: 'other/repo' }), config, CTX);

    // Assess
    expect(task).toMatchObject({ status: 'NEEDS_REPO', repoOption: 'other/repo' });
    expect(task).not.toHaveProperty('repo');
    expect(actions).toEqual([]);
    expect(timeline).toEqual([expect.objectContaining({ kind: 'task.received', to: 'NEEDS_REPO' })]);
  });

  it('tracks a cancelled task without creating its issue', () => {
    const { task, actions } = decide(undefined, snapshotEvent({ status: 'Cancelled' }), config, CTX);

    expect(task?.status).toBe('CANCELLED');
    expect(actions).toEqual([]);
  });

  it('still creates the issue for a blocked task and marks it BLOCKED', () => {
    const { task, actions } = decide(undefined, snapshotEvent({ status: 'Blocked' }), config, CTX);

    expect(task?.status).toBe('BLOCKED');
    expect(actions.map((a) => a.params.kind)).toEqual(['github.create_issue']);
  });
});
