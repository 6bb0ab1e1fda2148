import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import type { DomainEvent } from '#core/events.js';
import {
  createProjectConfig,
  createTask,
  CTX,
  issueEvent,
  mergedEvent,
  NOW,
  pullRequestEvent,
  snapshotEvent,
  TASK_ID,
  workflowRunEvent,
} from '../../helpers/factories.js';

const config = createProjectConfig();

describe('decide', () => {
  it.each<[string, DomainEvent]>([
    ['a pull request', pullRequestEvent()],
    ['a workflow run', workflowRunEvent()],
    ['an issue event', issueEvent()],
    ['a touch', { type: 'asana.task_touched', asanaGid: '1', action: 'changed', occurredAt: NOW }],
  ])('creates no task from %s', (_, event) => {
    expect(decide(undefined, event, config, CTX)).toEqual({ task: undefined, actions: [], timeline: [] });
  });

  it('keeps the version and stamps updatedAt only when something changed', () => {
    // Prepare
    const task = createTask();

    // Act
    const changed = decide(task, pullRequestEvent(), config, CTX);
    const unchanged = decide(task, issueEvent({ number: 99 }), config, CTX);

    // Assess
    expect(changed.task).toMatchObject({ version: task.version, updatedAt: NOW });
    expect(unchanged.task).toBe(task);
  });

  it('does not modify the task it was given', () => {
    // Prepare
    const task = createTask();
    const copy = structuredClone(task);

    // Act
    decide(task, snapshotEvent({ autoTask: 'No' }), config, CTX);

    // Assess
    expect(task).toEqual(copy);
  });

  it('numbers actions from the task counter and appends them to the outbox', () => {
    // Prepare
    const task = createTask({ actionSeq: 4 });

    // Act
    const { task: after, actions } = decide(task, snapshotEvent({ autoTask: 'No' }), config, CTX);

    // Assess
    expect(actions.map((a) => a.actionId)).toEqual([`${TASK_ID}-5`, `${TASK_ID}-6`]);
    expect(after?.actionSeq).toBe(6);
    expect(after?.outbox).toEqual(actions);
  });

  it('ignores the context task id for an existing task', () => {
    const { task } = decide(createTask(), snapshotEvent({ name: 'x' }), config, { ...CTX, taskId: 'other' });

    expect(task?.taskId).toBe(TASK_ID);
  });

  it('keeps the stored status in step with the task', () => {
    const { task } = decide(
      createTask({ stage: 'PR_CREATED', pr: { number: 12, url: 'u' } }),
      mergedEvent(),
      config,
      CTX,
    );

    expect(task?.status).toBe('WAITING_CI');
  });
});
