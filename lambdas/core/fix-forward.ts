import { emit, note, type Draft } from './emit.js';
import { own } from './own.js';
import type { ProjectConfig } from './project-config.js';
import { shortSha } from './time.js';
import { FIX_FORWARD_TRIGGER_ID } from './triggers/built-ins.js';
import { isBuiltInEnabled } from './triggers/trigger-set.js';

/** The hidden marker of a fix-forward issue: one per task and merge commit (safe retries find it). */
export function fixForwardMarker(taskId: string, mergeSha: string): string {
  return `<!-- autoflow:fix-forward=${taskId}:${mergeSha} -->`;
}

/**
 * The built-in "fix forward" trigger (off by default): CI failed on the merge commit, so open a
 * follow-up issue for the agent in the same repo, once per merge commit. It is requested by
 * `Trigger::"fix-forward"`, which the default policy makes wait for one approval.
 */
export function fixForward(d: Draft, failing: string[], config: ProjectConfig): void {
  const t = d.task;
  const { issue, mergeSha } = t;
  if (!isBuiltInEnabled(d.triggers, 'fix-forward')) return;
  if (!t.autoTask || !issue || !mergeSha || t.fixForwardSha === mergeSha) return;
  t.fixForwardSha = mergeSha;
  const runs = failing.map((workflow) => {
    const run = own(t.ciRuns, workflow);
    return `- [${workflow}](${run?.url ?? ''}): ${run?.conclusion ?? 'unknown'}`;
  });
  const body = [
    `CI failed on the merge commit ${mergeSha} of #${issue.number} (${t.pr ? `PR #${t.pr.number}` : 'merged'}).`,
    '',
    'Failing runs:',
    ...runs,
    '',
    `Fix forward: make CI on the default branch green again without reverting #${issue.number}.`,
    '',
    fixForwardMarker(t.taskId, mergeSha),
    '',
    config.github.agentCommand,
  ].join('\n');
  emit(
    d,
    {
      kind: 'github.create_issue',
      repo: issue.repo,
      title: `Fix forward: ${t.title}`.slice(0, 256),
      body,
      labels: [...config.github.issueLabels],
      marker: fixForwardMarker(t.taskId, mergeSha),
    },
    { requestedBy: { type: 'Trigger', id: FIX_FORWARD_TRIGGER_ID } },
  );
  note(d, {
    source: 'autoflow',
    kind: 'trigger.fired',
    message: `Fix forward: requesting a follow-up issue for CI on ${shortSha(mergeSha)}`,
    ids: { triggerId: FIX_FORWARD_TRIGGER_ID, mergeSha },
  });
}
