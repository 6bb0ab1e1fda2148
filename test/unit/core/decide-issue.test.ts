import { describe, expect, it } from 'vitest';
import { decide } from '#core/decide.js';
import { createProjectConfig, createTask, CTX, issueEvent } from '../../helpers/factories.js';

const config = createProjectConfig();

describe('decide: GitHub issue event', () => {
  it('records a closed issue in the timeline without effects or stage change', () => {
    // Act
    const { task, actions, timeline } = decide(createTask(), issueEvent(), config, CTX);

    // Assess
    expect(task).toMatchObject({ issueClosed: true, stage: 'ISSUE_CREATED' });
    expect(actions).toEqual([]);
    expect(timeline).toEqual([
      expect.objectContaining({
        kind: 'github.issue_closed',
        message: 'Issue #7 closed on GitHub (completed)',
      }),
    ]);
  });

  it('records a reopened issue', () => {
    const { task, timeline } = decide(
      createTask({ issueClosed: true }),
      issueEvent({ action: 'reopened', state: 'open', stateReason: null }),
      config,
      CTX,
    );

    expect(task?.issueClosed).toBe(false);
    expect(timeline[0]?.kind).toBe('github.issue_reopened');
  });

  it('stays silent when the event is delivered again', () => {
    const task = createTask({ issueClosed: true });

    expect(decide(task, issueEvent(), config, CTX)).toEqual({ task, actions: [], timeline: [] });
  });

  it('ignores other issues and tasks without an issue', () => {
    const task = createTask();
    const noIssue = createTask({ issue: undefined, stage: 'RECEIVED' });

    expect(decide(task, issueEvent({ number: 8 }), config, CTX).task).toBe(task);
    expect(decide(task, issueEvent({ action: 'labeled' }), config, CTX).task).toBe(task);
    expect(decide(noIssue, issueEvent(), config, CTX).task).toBe(noIssue);
  });
});
