import { describe, expect, it } from 'vitest';
import { failureReasonOf, isEmptyProgress, progressOf } from '#core/analytics/progress.js';
import type { TimelineEntry } from '#core/timeline.js';
import { createTask } from '../../../helpers/factories.js';

const entry = (overrides: Partial<TimelineEntry>): TimelineEntry => ({
  at: '2026-03-02T10:00:00.000Z',
  source: 'autoflow',
  kind: 'note',
  message: '',
  ...overrides,
});

describe('progressOf', () => {
  it('reads a new task as the AutoTask stage of its creation day, with its first status', () => {
    // Prepare
    const task = createTask({
      createdAt: '2026-03-02T23:59:00.000Z',
      stage: 'RECEIVED',
      status: 'RECEIVED',
      issue: undefined,
      pr: undefined,
      mergeSha: undefined,
    });

    // Act
    const progress = progressOf(undefined, task, [entry({ kind: 'task.received', to: 'RECEIVED' })]);

    // Assess
    expect(progress).toEqual({
      projectId: task.projectId,
      taskId: task.taskId,
      cohortDay: '2026-03-02',
      status: { to: 'RECEIVED' },
      stages: ['AUTOTASK'],
      failures: [],
    });
  });

  it('reads CI success and deployment with the lead time from the AutoTask moment', () => {
    const before = createTask({
      createdAt: '2026-03-02T10:00:00.000Z',
      stage: 'WAITING_CI',
      status: 'WAITING_CI',
    });
    const after = { ...before, stage: 'DEPLOYED' as const, status: 'DEPLOYED' as const };
    const at = '2026-03-09T10:00:05.000Z';

    const progress = progressOf(before, after, [
      entry({ at, kind: 'ci.passed', from: 'WAITING_CI', to: 'DEPLOYED' }),
    ]);

    expect(progress.stages).toEqual(['CI_SUCCESS', 'DEPLOYED']);
    expect(progress.status).toEqual({ from: 'WAITING_CI', to: 'DEPLOYED' });
    expect(progress.leadTime).toEqual({ ms: 7 * 86_400_000 + 5000, day: '2026-03-09' });
  });

  it('reads each stage of the funnel from the entry that marks it', () => {
    const task = createTask({ status: 'PR_CREATED' });
    const kinds = ['issue.created', 'github.pr_linked', 'console.pr_linked', 'github.pr_merged'];

    const progress = progressOf(
      task,
      task,
      kinds.map((kind) => entry({ kind })),
    );

    expect(progress.stages).toEqual(['ISSUE', 'PR', 'MERGE']);
    expect(progress.status).toBeUndefined();
  });

  it('lists failures with the day they happened and reports nothing else as empty', () => {
    const task = createTask({ status: 'FAILED' });
    const failed = entry({
      at: '2026-03-03T01:00:00.000Z',
      kind: 'ci.failed',
      message: 'CI failed on abc1234: build',
      links: [
        { label: 'test', url: 'u1' },
        { label: 'build', url: 'u2' },
      ],
    });

    const progress = progressOf(task, task, [failed]);

    expect(progress.failures).toEqual([{ reason: 'CI failed: build, test', day: '2026-03-03' }]);
    expect(isEmptyProgress(progress)).toBe(false);
    expect(isEmptyProgress(progressOf(task, task, [entry({ kind: 'console.note' })]))).toBe(true);
  });
});

describe('failureReasonOf', () => {
  it('groups effect failures by action kind and leaves other entries out', () => {
    expect(
      failureReasonOf(entry({ kind: 'effect.failed', message: 'github.create_issue failed: 500' })),
    ).toBe('github.create_issue failed');
    expect(failureReasonOf(entry({ kind: 'effect.denied', message: 'asana.complete_task forbidden' }))).toBe(
      'asana.complete_task denied by policy',
    );
    expect(failureReasonOf(entry({ kind: 'ci.failed', message: 'x' }))).toBe('CI failed');
    expect(failureReasonOf(entry({ kind: 'ci.passed' }))).toBeUndefined();
  });
});

describe('progressOf from the task fields', () => {
  it('reads the PR stage from a merge that linked the PR without a link entry', () => {
    const before = createTask({
      stage: 'ISSUE_CREATED',
      status: 'ISSUE_CREATED',
      pr: undefined,
      mergeSha: undefined,
    });
    const after = {
      ...before,
      stage: 'WAITING_CI' as const,
      status: 'WAITING_CI' as const,
      pr: { number: 3, url: 'u' },
      mergeSha: 'abc',
    };

    const progress = progressOf(before, after, [entry({ kind: 'github.pr_merged' })]);

    expect(progress.stages).toEqual(['PR', 'MERGE']);
  });
});
