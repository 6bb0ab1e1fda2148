import { describe, expect, it } from 'vitest';
import { openDraft, type Draft } from '#core/emit.js';
import {
  closeIfCancelled,
  disableSync,
  enableSync,
  maybeCreateIssue,
  syncAsanaCompletion,
} from '#core/intents.js';
import type { Task } from '#core/task.js';
import { createAction, createProjectConfig, createTask, NOW, REPO } from '../../helpers/factories.js';

const config = createProjectConfig();
const draftOf = (overrides: Partial<Task> = {}): Draft => {
  const task = createTask(overrides);
  return openDraft(task, task, NOW);
};
const kinds = (d: Draft) => d.actions.map((a) => a.params.kind);
const closing = createAction({
  params: { kind: 'github.close_issue', repo: REPO, issueNumber: 7, reason: 'not_planned' },
});

describe('maybeCreateIssue', () => {
  it('asks for the issue of a RECEIVED task that may have one', () => {
    // Prepare
    const d = draftOf({ stage: 'RECEIVED', issue: undefined });

    // Act
    maybeCreateIssue(d, config);

    // Assess
    expect(kinds(d)).toEqual(['github.create_issue']);
    expect(d.timeline).toEqual([expect.objectContaining({ kind: 'issue.requested' })]);
  });

  it.each<[string, Partial<Task>]>([
    ['AutoTask is off', { autoTask: false }],
    ['no repo resolves', { repo: undefined }],
    ['the task is cancelled', { workState: 'CANCELLED' }],
    ['the stage moved on', { stage: 'FAILED' }],
  ])('asks for nothing when %s', (_, overrides) => {
    const d = draftOf({ stage: 'RECEIVED', issue: undefined, ...overrides });

    maybeCreateIssue(d, config);

    expect(d.actions).toEqual([]);
  });
});

describe('disableSync', () => {
  it('does not label an issue that is being closed', () => {
    const d = draftOf({ autoTask: false, outbox: [closing], actionSeq: 1 });

    disableSync(d, config);

    expect(d.actions).toEqual([]);
  });

  it('labels with the configured label', () => {
    const d = draftOf({ autoTask: false });

    disableSync(d, createProjectConfig({ github: { autoDisabledLabel: 'paused' } }));

    expect(d.actions[0]?.params).toMatchObject({ kind: 'github.label', add: ['paused'] });
  });
});

describe('enableSync', () => {
  it('does nothing while AutoTask is off or when no label was applied', () => {
    const off = draftOf({ autoTask: false, autoDisabledLabel: true });
    const unlabelled = draftOf();

    enableSync(off, config);
    enableSync(unlabelled, config);

    expect([...off.actions, ...unlabelled.actions]).toEqual([]);
  });
});

describe('closeIfCancelled', () => {
  it('closes the open issue of a cancelled task once', () => {
    const d = draftOf({ workState: 'CANCELLED' });

    closeIfCancelled(d);
    closeIfCancelled(d);

    expect(kinds(d)).toEqual(['github.close_issue']);
  });
});

describe('syncAsanaCompletion', () => {
  it('completes a deployed task once and reopens a failed one Auto-Flow completed', () => {
    // Prepare
    const deployed = draftOf({ stage: 'DEPLOYED' });
    const failed = draftOf({ stage: 'FAILED', asanaCompleted: true, completedByAutoFlow: true });
    const failedByHand = draftOf({ stage: 'FAILED', asanaCompleted: true });

    // Act
    [deployed, deployed, failed, failed, failedByHand].forEach(syncAsanaCompletion);

    // Assess
    expect(kinds(deployed)).toEqual(['asana.complete_task']);
    expect(kinds(failed)).toEqual(['asana.reopen_task']);
    expect(failedByHand.actions).toEqual([]);
  });

  it('does nothing while AutoTask is off', () => {
    const d = draftOf({ stage: 'DEPLOYED', autoTask: false });

    syncAsanaCompletion(d);

    expect(d.actions).toEqual([]);
  });
});
