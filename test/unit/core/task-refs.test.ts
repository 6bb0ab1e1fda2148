import { describe, expect, it } from 'vitest';
import { refsOf } from '#core/task-refs.js';
import { ASANA_GID, createTask, MERGE_SHA, REPO } from '../../helpers/factories.js';

describe('refsOf', () => {
  it('returns only the Asana ref for a task without an issue', () => {
    // Prepare
    const task = createTask({ issue: undefined, stage: 'RECEIVED' });

    // Act
    const refs = refsOf(task);

    // Assess
    expect(refs).toEqual([{ kind: 'asana', gid: ASANA_GID }]);
  });

  it('adds the issue, PR and merge SHA refs when they are set', () => {
    const task = createTask({ pr: { number: 12, url: 'u' }, mergeSha: MERGE_SHA, stage: 'WAITING_CI' });

    expect(refsOf(task)).toEqual([
      { kind: 'asana', gid: ASANA_GID },
      { kind: 'issue', repo: REPO, number: 7 },
      { kind: 'pr', repo: REPO, number: 12 },
      { kind: 'sha', repo: REPO, sha: MERGE_SHA },
    ]);
  });
});

describe('refsOf: the PR head', () => {
  it('adds the PR head SHA so runs waiting on the agent PR find the task', () => {
    const refs = refsOf({
      asanaGid: '1',
      issue: { repo: 'acme/web', number: 7, url: 'u' },
      pr: { number: 12, url: 'u', headSha: 'b'.repeat(40) },
    });
    expect(refs).toContainEqual({ kind: 'sha', repo: 'acme/web', sha: 'b'.repeat(40) });
  });
});
