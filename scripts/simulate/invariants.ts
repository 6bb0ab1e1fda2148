import { taskMarker } from '#core/task-spec.js';
import type { Task } from '#core/task.js';
import type { SandboxState } from '../sandbox/index.js';
import type { Planned } from './run-scenario.js';

/** What must hold after a scenario: each is true, or a string naming what broke. */
export interface Invariants {
  everyTaskTracked: true | string;
  everyTaskInExpectedState: true | string;
  oneIssuePerTask: true | string;
  failedCommentedOnBothSides: true | string;
  deployedCompletedInAsana: true | string;
  deadLetterQueueEmpty: true | string;
  /** The demo project's audit hash chain recomputes (checked by the runner, which reads the audit table). */
  auditChainIntact?: true | string;
  /** With a gating policy and `--decide none`: every task waits for approval and no issue exists. */
  approvalsPendingForEveryTask?: true | string;
  /** The analytics API's funnel and weekly lead times equal the scenario's own counts. */
  analyticsMatchScenario?: true | string;
}

/** Checks a finished scenario against the sandbox's own record of what happened. */
export function checkInvariants(input: {
  planned: Planned[];
  tasks: Task[];
  sandbox: SandboxState;
  dlq: number;
}): Invariants {
  const { planned, tasks, sandbox } = input;
  const byGid = new Map(tasks.map((t) => [t.asanaGid, t]));
  const missing = planned.filter((p) => !byGid.has(p.asanaGid)).map((p) => p.asanaGid);
  const wrong = planned
    .filter((p) => byGid.get(p.asanaGid) && byGid.get(p.asanaGid)!.status !== p.expected)
    .map((p) => `${p.asanaGid}: ${byGid.get(p.asanaGid)!.status} (expected ${p.expected})`);
  const issueCounts = tasks.map((t) => ({
    t,
    n: sandbox.github.issues.filter((i) => i.body.includes(taskMarker(t.taskId))).length,
  }));
  const notOne = issueCounts.filter(({ n }) => n !== 1).map(({ t, n }) => `${t.taskId}: ${n} issues`);
  const failed = tasks.filter((t) => t.status === 'FAILED');
  const uncommented = failed
    .filter((t) => {
      const github = sandbox.github.comments.some(
        (c) => t.issue && c.repo === t.issue.repo && c.issueNumber === t.issue.number,
      );
      const asana = sandbox.asana.stories.some(
        (s) => s.taskGid === t.asanaGid && s.type === 'comment' && s.createdBy === 'bot',
      );
      return !(github && asana);
    })
    .map((t) => t.taskId);
  const notCompleted = tasks
    .filter((t) => t.status === 'DEPLOYED' && !sandbox.asana.tasks[t.asanaGid]?.completed)
    .map((t) => t.taskId);
  const verdict = (problems: string[], what: string): true | string =>
    problems.length === 0 ? true : `${problems.length} ${what}: ${problems.slice(0, 5).join(', ')}`;
  return {
    everyTaskTracked: verdict(missing, 'Asana tasks without an Auto-Flow task'),
    everyTaskInExpectedState: verdict(wrong, 'tasks in the wrong state'),
    oneIssuePerTask: verdict(notOne, 'tasks without exactly one issue'),
    failedCommentedOnBothSides: verdict(uncommented, 'failed tasks missing a comment'),
    deployedCompletedInAsana: verdict(notCompleted, 'deployed tasks not completed in Asana'),
    deadLetterQueueEmpty: input.dlq === 0 ? true : `${input.dlq} messages in the DLQ`,
  };
}
