import { describe, expect, it } from 'vitest';
import { statusOf } from '#core/status.js';
import { createTask } from '../../helpers/factories.js';

describe('statusOf', () => {
  it('returns the stage when no side state applies', () => {
    // Prepare
    const task = createTask({ stage: 'PR_CREATED' });

    // Act
    const status = statusOf(task);

    // Assess
    expect(status).toBe('PR_CREATED');
  });

  it('lets DEPLOYED win over every side state', () => {
    const task = createTask({
      stage: 'DEPLOYED',
      workState: 'CANCELLED',
      autoTask: false,
      repo: undefined,
      issue: undefined,
    });

    expect(statusOf(task)).toBe('DEPLOYED');
  });

  it('ranks CANCELLED above AUTO_DISABLED, NEEDS_REPO and BLOCKED', () => {
    const task = createTask({ workState: 'CANCELLED', autoTask: false, repo: undefined, issue: undefined });

    expect(statusOf(task)).toBe('CANCELLED');
  });

  it('ranks AUTO_DISABLED above NEEDS_REPO and BLOCKED', () => {
    const task = createTask({ autoTask: false, repo: undefined, issue: undefined, workState: 'BLOCKED' });

    expect(statusOf(task)).toBe('AUTO_DISABLED');
  });

  it('reports NEEDS_REPO when no repo resolves and no issue exists', () => {
    const task = createTask({ stage: 'RECEIVED', repo: undefined, issue: undefined, workState: 'BLOCKED' });

    expect(statusOf(task)).toBe('NEEDS_REPO');
  });

  it('does not report NEEDS_REPO once an issue exists', () => {
    const task = createTask({ repo: undefined });

    expect(statusOf(task)).toBe('ISSUE_CREATED');
  });

  it('reports BLOCKED over the stage', () => {
    const task = createTask({ workState: 'BLOCKED', stage: 'WAITING_CI' });

    expect(statusOf(task)).toBe('BLOCKED');
  });
});
