import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import type { Task } from '#core/task.js';
import {
  createProjectConfig,
  createTask,
  CTX,
  MERGE_SHA,
  mergedEvent,
  pullRequestEvent,
} from '../../helpers/factories.js';

const config = createProjectConfig();
const linked = (overrides: Partial<Task> = {}) =>
  createTask({
    stage: 'PR_CREATED',
    pr: { number: 12, url: 'https://github.com/acme/web/pull/12', headSha: '1111' },
    ...overrides,
  });

describe('decide: pull request', () => {
  it('links the PR when its body says Fixes #N in the same repo against the default branch', () => {
    // Act
    const { task, actions, timeline } = decide(createTask(), pullRequestEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({
      stage: 'PR_CREATED',
      status: 'PR_CREATED',
      pr: {
        number: 12,
        url: 'https://github.com/acme/web/pull/12',
        headSha: '1111111111111111111111111111111111111111',
      },
    });
    expect(actions).toEqual([]);
    expect(timeline).toEqual([
      expect.objectContaining({ kind: 'github.pr_linked', from: 'ISSUE_CREATED', to: 'PR_CREATED' }),
    ]);
  });

  it.each(['reopened', 'edited', 'ready_for_review', 'synchronize'])('links on %s as well', (action) => {
    expect(decide(createTask(), pullRequestEvent({ action }), config, CTX).task?.stage).toBe('PR_CREATED');
  });

  it.each([
    ['another repo', { repo: 'acme/api' }],
    ['no closing keyword', { body: 'Related to #7' }],
    ['another issue', { body: 'Fixes #8' }],
    ['another base branch', { baseRef: 'develop' }],
    ['an unknown action', { action: 'labeled' }],
    ['a closed state', { action: 'edited', state: 'closed' as const }],
  ])('does not link a PR with %s', (_, overrides) => {
    // Prepare
    const task = createTask();

    // Act
    const decision = decide(task, pullRequestEvent(overrides), config, CTX);

    // Assess
    expect(decision).toEqual({ task, actions: [], timeline: [] });
  });

  it('does nothing for a task whose issue was not created yet', () => {
    const task = createTask({ stage: 'RECEIVED', issue: undefined });

    expect(decide(task, pullRequestEvent(), config, CTX).task).toBe(task);
  });

  it('changes nothing on a late event for a stage already passed', () => {
    // Prepare
    const waiting = createTask({ stage: 'WAITING_CI', mergeSha: MERGE_SHA, pr: { number: 12, url: 'u' } });
    const fresh = createTask({ stage: 'WAITING_CI', mergeSha: MERGE_SHA });

    // Act
    const synced = decide(waiting, pullRequestEvent({ action: 'synchronize' }), config, CTX);
    const opened = decide(fresh, pullRequestEvent(), config, CTX);

    // Assess
    expect(synced.task).toBe(waiting);
    expect(opened.task).toBe(fresh);
  });

  it('follows pushes to the linked PR: the newer head is recorded and noted, an older or repeated one ignored', () => {
    const task = linked({
      pr: { number: 12, url: 'u', headSha: '1111', headAt: '2025-01-01T11:10:00.000Z' },
    });
    const push = pullRequestEvent({
      action: 'synchronize',
      headSha: '2222',
      occurredAt: '2025-01-01T11:15:00.000Z',
    });

    const pushed = decide(task, push, config, CTX);
    const late = decide(pushed.task, pullRequestEvent({ headSha: '1111' }), config, CTX);
    const again = decide(pushed.task, push, config, CTX);
    const edited = decide(
      pushed.task,
      { ...push, action: 'edited', occurredAt: '2025-01-01T11:16:00.000Z' },
      config,
      CTX,
    );

    expect(pushed.task?.pr).toEqual({ number: 12, url: 'u', headSha: '2222', headAt: push.occurredAt });
    expect(pushed.task?.stage).toBe('PR_CREATED');
    expect(pushed.timeline).toEqual([
      expect.objectContaining({ kind: 'github.pr_updated', message: 'PR #12 updated: head 2222' }),
    ]);
    expect(late.task).toBe(pushed.task);
    expect(again.task).toBe(pushed.task);
    expect(edited.task).toBe(pushed.task);
  });

  it('follows a push to a PR linked before heads were dated, and not to a closed one', () => {
    const task = linked();
    const push = pullRequestEvent({ action: 'synchronize', headSha: '2222' });

    expect(decide(task, push, config, CTX).task?.pr?.headSha).toBe('2222');
    expect(decide(task, { ...push, state: 'closed' }, config, CTX).task).toBe(task);
  });

  it('records the merge SHA and waits for CI when the linked PR merges', () => {
    // Act
    const { task, timeline } = decide(linked(), mergedEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({
      stage: 'WAITING_CI',
      mergeSha: MERGE_SHA,
      waitingReason: 'Waiting for CI on merge commit abcdef0',
    });
    expect(timeline).toEqual([
      expect.objectContaining({
        kind: 'github.pr_merged',
        from: 'PR_CREATED',
        to: 'WAITING_CI',
        ids: { mergeSha: MERGE_SHA },
      }),
    ]);
  });

  it('links and records the merge when the merge arrives before the PR was linked', () => {
    const { task } = decide(createTask(), mergedEvent(), config, CTX);

    expect(task).toMatchObject({ stage: 'WAITING_CI', mergeSha: MERGE_SHA, pr: { number: 12 } });
  });

  it('ignores a merge that does not link (body, base) or has no merge SHA', () => {
    expect(decide(createTask(), mergedEvent({ body: 'no link' }), config, CTX).task?.stage).toBe(
      'ISSUE_CREATED',
    );
    expect(decide(linked(), mergedEvent({ baseRef: 'develop' }), config, CTX).task?.stage).toBe('PR_CREATED');
    expect(decide(linked(), mergedEvent({ mergeSha: null }), config, CTX).task?.stage).toBe('PR_CREATED');
  });

  it('changes nothing when the merge is delivered again', () => {
    // Prepare
    const { task } = decide(linked(), mergedEvent(), config, CTX);

    // Act
    const again = decide(task, mergedEvent(), config, CTX);

    // Assess
    expect(again).toEqual({ task, actions: [], timeline: [] });
  });

  it('goes back to waiting for a PR when the linked PR closes unmerged', () => {
    // Act
    const { task, timeline } = decide(
      linked(),
      pullRequestEvent({ action: 'closed', state: 'closed' }),
      config,
      CTX,
    );

    // Assess
    expect(task?.stage).toBe('ISSUE_CREATED');
    expect(task).not.toHaveProperty('pr');
    expect(timeline[0]).toMatchObject({
      kind: 'github.pr_closed',
      message: expect.stringContaining('back to waiting for a PR'),
    });
  });

  it('ignores an unmerged close of a PR that was never linked', () => {
    const task = createTask();

    expect(decide(task, pullRequestEvent({ action: 'closed', state: 'closed' }), config, CTX).task).toBe(
      task,
    );
  });

  it('only notes a different PR while one is linked', () => {
    // Prepare
    const task = linked();

    // Act
    const {
      task: after,
      actions,
      timeline,
    } = decide(task, mergedEvent({ number: 13, url: 'https://github.com/acme/web/pull/13' }), config, CTX);

    // Assess
    expect(after).toBe(task);
    expect(actions).toEqual([]);
    expect(timeline).toEqual([
      expect.objectContaining({
        kind: 'github.pr_ignored',
        message: expect.stringContaining('PR #12 stays linked'),
      }),
    ]);
  });

  it('says nothing about a different PR that does not reference the issue', () => {
    expect(decide(linked(), pullRequestEvent({ number: 13, body: 'x' }), config, CTX).timeline).toEqual([]);
  });

  it('still follows the PR while AutoTask is off, without effects', () => {
    const { task, actions } = decide(createTask({ autoTask: false }), pullRequestEvent(), config, CTX);

    expect(task).toMatchObject({ stage: 'PR_CREATED', status: 'AUTO_DISABLED' });
    expect(actions).toEqual([]);
  });
});
