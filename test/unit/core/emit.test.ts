import { describe, expect, it } from 'vitest';
import { closeDraft, emit, hasPending, note, openDraft, setOptional } from '#core/emit.js';
import { createTask, NOW, TASK_ID } from '../../helpers/factories.js';

const comment = { kind: 'github.comment', repo: 'acme/web', issueNumber: 7, body: 'hi' } as const;

describe('emit', () => {
  it('numbers the action from the task counter and appends it to the outbox', () => {
    // Prepare
    const d = openDraft(createTask({ actionSeq: 2 }), createTask({ actionSeq: 2 }), NOW);

    // Act
    const action = emit(d, comment);

    // Assess
    expect(action).toEqual({
      actionId: `${TASK_ID}-3`,
      projectId: 'proj-1',
      taskId: TASK_ID,
      params: comment,
      createdAt: NOW,
    });
    expect(d.task.outbox).toEqual([action]);
    expect(d.actions).toEqual([action]);
    expect(hasPending(d.task, 'github.comment')).toBe(true);
    expect(hasPending(d.task, 'github.label')).toBe(false);
  });
});

describe('note', () => {
  it('carries the status move since the previous entry, and none when the status did not move', () => {
    // Prepare
    const task = createTask();
    const d = openDraft(task, task, NOW);

    // Act
    d.task.workState = 'BLOCKED';
    note(d, { source: 'asana', kind: 'a', message: 'blocked' });
    note(d, { source: 'asana', kind: 'b', message: 'still blocked' });

    // Assess
    expect(d.timeline).toEqual([
      { at: NOW, source: 'asana', kind: 'a', message: 'blocked', from: 'ISSUE_CREATED', to: 'BLOCKED' },
      { at: NOW, source: 'asana', kind: 'b', message: 'still blocked' },
    ]);
  });
});

describe('closeDraft', () => {
  it('returns the original task and nothing else when nothing changed', () => {
    const task = createTask();

    expect(closeDraft(openDraft(task, task, NOW))).toEqual({ task, actions: [], timeline: [] });
  });

  it('stamps updatedAt, derives the status and records a status move nobody noted', () => {
    // Prepare
    const task = createTask();
    const d = openDraft(task, task, NOW);
    d.task.stage = 'PR_CREATED';

    // Act
    const decision = closeDraft(d);

    // Assess
    expect(decision.task).toMatchObject({ status: 'PR_CREATED', updatedAt: NOW, version: task.version });
    expect(decision.timeline).toEqual([
      expect.objectContaining({ kind: 'status.changed', from: 'ISSUE_CREATED', to: 'PR_CREATED' }),
    ]);
  });

  it('leaves the task it was opened on untouched', () => {
    const task = createTask();
    const d = openDraft(task, task, NOW);

    emit(d, comment);

    expect(task.outbox).toEqual([]);
  });
});

describe('setOptional', () => {
  it('sets a value or deletes the key', () => {
    const task = createTask();

    setOptional(task, 'waitingReason', 'CI running');
    expect(task.waitingReason).toBe('CI running');
    setOptional(task, 'waitingReason', undefined);
    expect(task).not.toHaveProperty('waitingReason');
  });
});
