import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import type { DomainEvent } from '#core/events.js';
import type { Task } from '#core/task.js';
import {
  ASANA_GID,
  createProjectConfig,
  createTask,
  CTX,
  MERGE_SHA,
  REPO,
  workflowRunEvent,
} from '../../helpers/factories.js';

const config = createProjectConfig();
const kinds = (d: { actions: { params: { kind: string } }[] }) => d.actions.map((a) => a.params.kind);
const waiting = (overrides: Partial<Task> = {}) =>
  createTask({
    stage: 'WAITING_CI',
    mergeSha: MERGE_SHA,
    pr: { number: 12, url: 'u' },
    waitingReason: 'Waiting for CI on merge commit abcdef0',
    ...overrides,
  });
const failed = workflowRunEvent({
  conclusion: 'failure',
  runId: 200,
  occurredAt: '2025-01-01T11:25:00.000Z',
});

function replay(task: Task, events: DomainEvent[], cfg = config): Task {
  return events.reduce<Task>((t, e) => decide(t, e, cfg, CTX).task ?? t, task);
}

describe('decide: workflow run on the merge commit', () => {
  it.each([
    ['another SHA', workflowRunEvent({ headSha: 'ffff' }), waiting()],
    ['another repo', workflowRunEvent({ repo: 'acme/api' }), waiting()],
    ['a task not merged yet', workflowRunEvent(), createTask()],
  ])('ignores a run on %s', (_, event, task) => {
    expect(decide(task, event, config, CTX)).toEqual({ task, actions: [], timeline: [] });
  });

  it('ignores a workflow that is not configured when CI workflows are configured', () => {
    const task = waiting();

    expect(
      decide(
        task,
        workflowRunEvent({ workflow: 'docs' }),
        createProjectConfig({ github: { ciWorkflows: ['build'] } }),
        CTX,
      ).task,
    ).toBe(task);
  });

  it('deploys on green CI and completes the Asana task', () => {
    // Act
    const { task, actions, timeline } = decide(waiting(), workflowRunEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({
      stage: 'DEPLOYED',
      status: 'DEPLOYED',
      ciRuns: { build: { runId: 100, conclusion: 'success' } },
    });
    expect(task).not.toHaveProperty('waitingReason');
    expect(actions.map((a) => a.params)).toEqual([{ kind: 'asana.complete_task', asanaGid: ASANA_GID }]);
    expect(timeline).toEqual([
      expect.objectContaining({ kind: 'ci.passed', from: 'WAITING_CI', to: 'DEPLOYED' }),
    ]);
  });

  it('does not complete an Asana task that is completed already', () => {
    expect(kinds(decide(waiting({ asanaCompleted: true }), workflowRunEvent(), config, CTX))).toEqual([]);
  });

  it('fails on red CI and comments on both sides without reopening a task it did not complete', () => {
    // Act
    const { task, actions } = decide(waiting(), failed, config, CTX);

    // Assess
    expect(task).toMatchObject({
      stage: 'FAILED',
      failureReason: 'CI failed on abcdef0: build (failure, run 200)',
    });
    expect(actions.map((a) => a.params)).toEqual([
      expect.objectContaining({
        kind: 'github.comment',
        repo: REPO,
        issueNumber: 7,
        body: expect.stringContaining('CI failed'),
      }),
      expect.objectContaining({
        kind: 'asana.comment',
        asanaGid: ASANA_GID,
        text: expect.stringContaining('build (failure, run 200)'),
      }),
    ]);
  });

  it('reopens the Asana task when CI turns red after Auto-Flow completed it', () => {
    // Prepare
    const task = replay(waiting(), [workflowRunEvent()]);
    const completed = { ...task, outbox: [], asanaCompleted: true, completedByAutoFlow: true };

    // Act
    const decision = decide(completed, failed, config, CTX);

    // Assess
    expect(kinds(decision)).toEqual(['github.comment', 'asana.comment', 'asana.reopen_task']);
    expect(decision.task?.stage).toBe('FAILED');
  });

  it('comments once per failing state', () => {
    // Prepare
    const first = decide(waiting(), failed, config, CTX).task!;

    // Act
    const again = decide(first, failed, config, CTX);
    const rerun = decide(
      first,
      { ...failed, runId: 201, occurredAt: '2025-01-01T11:40:00.000Z' },
      config,
      CTX,
    );

    // Assess
    expect(again).toEqual({ task: first, actions: [], timeline: [] });
    expect(kinds(rerun)).toEqual(['github.comment', 'asana.comment']);
  });

  it('deploys on a later green re-run after a failure', () => {
    // Act
    const { task, actions } = decide(
      decide(waiting(), failed, config, CTX).task,
      workflowRunEvent({ runId: 300, occurredAt: '2025-01-01T11:50:00.000Z' }),
      config,
      CTX,
    );

    // Assess
    expect(task).toMatchObject({ stage: 'DEPLOYED' });
    expect(task).not.toHaveProperty('failureReason');
    expect(kinds({ actions })).toContain('asana.complete_task');
  });

  it('keeps the latest run per workflow, whatever the delivery order', () => {
    // Prepare
    const older = workflowRunEvent({
      conclusion: 'failure',
      runId: 1,
      occurredAt: '2025-01-01T11:00:00.000Z',
    });
    const newer = workflowRunEvent({ runId: 2, occurredAt: '2025-01-01T11:30:00.000Z' });

    // Act
    const inOrder = replay(waiting(), [older, newer]);
    const reversed = replay(waiting(), [newer, older]);

    // Assess
    expect(inOrder.stage).toBe('DEPLOYED');
    expect(reversed.ciRuns).toEqual(inOrder.ciRuns);
    expect(reversed.stage).toBe('DEPLOYED');
  });

  it('waits for approval instead of failing on action_required', () => {
    const { task, actions } = decide(
      waiting(),
      workflowRunEvent({ conclusion: 'action_required' }),
      config,
      CTX,
    );

    expect(task).toMatchObject({ stage: 'WAITING_CI', waitingReason: 'build waits for approval' });
    expect(actions).toEqual([]);
  });

  it('says CI is running while a run is not completed', () => {
    const { task, timeline } = decide(
      waiting(),
      workflowRunEvent({ action: 'in_progress', status: 'in_progress', conclusion: null }),
      config,
      CTX,
    );

    expect(task).toMatchObject({ stage: 'WAITING_CI', waitingReason: 'CI running: build' });
    expect(timeline[0]).toMatchObject({ kind: 'ci.waiting', message: 'CI running: build' });
  });

  it('waits for every configured workflow before deploying', () => {
    // Prepare
    const cfg = createProjectConfig({ github: { ciWorkflows: ['build', 'test'] } });

    // Act
    const afterBuild = replay(waiting(), [workflowRunEvent()], cfg);
    const afterBoth = replay(afterBuild, [workflowRunEvent({ workflow: 'test', runId: 101 })], cfg);

    // Assess
    expect(afterBuild).toMatchObject({ stage: 'WAITING_CI', waitingReason: 'waiting for test' });
    expect(afterBoth.stage).toBe('DEPLOYED');
  });

  it('follows CI while AutoTask is off but emits nothing', () => {
    expect(decide(waiting({ autoTask: false }), workflowRunEvent(), config, CTX)).toMatchObject({
      task: { stage: 'DEPLOYED' },
      actions: [],
    });
    expect(decide(waiting({ autoTask: false }), failed, config, CTX)).toMatchObject({
      task: { stage: 'FAILED' },
      actions: [],
    });
  });
});
