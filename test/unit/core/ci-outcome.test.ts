import { describe, expect, it } from 'vitest';
import { ciOutcome, isNewerRun } from '#core/ci-outcome.js';
import type { CiRun } from '#core/task.js';
import { MERGE_SHA } from '../../helpers/factories.js';

function run(overrides: Partial<CiRun> = {}): CiRun {
  return {
    runId: 1,
    url: 'https://ci/1',
    status: 'completed',
    conclusion: 'success',
    occurredAt: '2025-01-01T11:00:00.000Z',
    ...overrides,
  };
}

describe('ciOutcome', () => {
  it('waits for CI while no run has been seen', () => {
    expect(ciOutcome({}, [], MERGE_SHA)).toEqual({
      stage: 'WAITING_CI',
      waitingReason: 'Waiting for CI on abcdef0',
    });
  });

  it('deploys when every seen workflow passed (success or neutral)', () => {
    expect(ciOutcome({ build: run(), lint: run({ conclusion: 'neutral' }) }, [], MERGE_SHA)).toEqual({
      stage: 'DEPLOYED',
    });
  });

  it.each(['failure', 'timed_out', 'cancelled', 'startup_failure', 'stale'])(
    'fails on a %s conclusion, naming the run',
    (conclusion) => {
      // Act
      const outcome = ciOutcome({ build: run({ conclusion, runId: 9 }), test: run() }, [], MERGE_SHA);

      // Assess
      expect(outcome).toEqual({
        stage: 'FAILED',
        failureReason: `CI failed on abcdef0: build (${conclusion}, run 9)`,
        failing: ['build'],
      });
    },
  );

  it('waits for approval on action_required instead of failing', () => {
    expect(ciOutcome({ build: run({ conclusion: 'action_required' }) }, [], MERGE_SHA)).toEqual({
      stage: 'WAITING_CI',
      waitingReason: 'build waits for approval',
    });
  });

  it('says CI is running while a run has not completed', () => {
    expect(
      ciOutcome({ build: run({ status: 'in_progress', conclusion: null }), lint: run() }, [], MERGE_SHA),
    ).toEqual({
      stage: 'WAITING_CI',
      waitingReason: 'CI running: build',
    });
  });

  it('counts only the configured workflows and waits for missing ones', () => {
    // Prepare
    const runs = { build: run(), docs: run({ conclusion: 'failure' }) };

    // Act
    const outcome = ciOutcome(runs, ['build', 'test'], MERGE_SHA);

    // Assess
    expect(outcome).toEqual({ stage: 'WAITING_CI', waitingReason: 'waiting for test' });
  });

  it('deploys once every configured workflow passed', () => {
    expect(ciOutcome({ build: run(), test: run() }, ['test', 'build'], MERGE_SHA)).toEqual({
      stage: 'DEPLOYED',
    });
  });

  it('keeps waiting on another conclusion such as skipped', () => {
    expect(ciOutcome({ build: run({ conclusion: 'skipped' }) }, [], MERGE_SHA)).toEqual({
      stage: 'WAITING_CI',
      waitingReason: 'build concluded skipped',
    });
  });
});

describe('isNewerRun', () => {
  it('prefers the later occurredAt', () => {
    expect(isNewerRun(run({ occurredAt: '2025-01-01T11:00:01.000Z' }), run())).toBe(true);
    expect(isNewerRun(run(), run({ occurredAt: '2025-01-01T11:00:01.000Z' }))).toBe(false);
  });

  it('breaks a tie by completion, then run id, and never replaces an identical run', () => {
    expect(isNewerRun(run(), run({ status: 'in_progress', conclusion: null }))).toBe(true);
    expect(isNewerRun(run({ status: 'in_progress', conclusion: null }), run())).toBe(false);
    expect(isNewerRun(run({ runId: 2 }), run())).toBe(true);
    expect(isNewerRun(run(), run())).toBe(false);
  });
});
