import type { TaskRef } from './refs.js';
import type { Task } from './task.js';

/** The reference items a saved task needs: its Asana gid always, then its issue, PR, PR head and merge SHA when set. */
export function refsOf(task: Pick<Task, 'asanaGid' | 'issue' | 'pr' | 'mergeSha'>): TaskRef[] {
  const refs: TaskRef[] = [{ kind: 'asana', gid: task.asanaGid }];
  const { issue, pr, mergeSha } = task;
  if (!issue) return refs;
  refs.push({ kind: 'issue', repo: issue.repo, number: issue.number });
  // A PR is linked only in the issue's repo, so the issue's repo names the PR and the merge SHA too.
  if (pr) refs.push({ kind: 'pr', repo: issue.repo, number: pr.number });
  // The PR's head SHA finds the task for runs waiting for approval on the agent's PR (user triggers).
  if (pr?.headSha && pr.headSha !== mergeSha) refs.push({ kind: 'sha', repo: issue.repo, sha: pr.headSha });
  if (mergeSha) refs.push({ kind: 'sha', repo: issue.repo, sha: mergeSha });
  return refs;
}
