import { describe, expect, it } from 'vitest';
import { refsOf } from '#core/task-refs.js';
import { decide } from '#core/decide.js';
import type { Task } from '#core/task.js';
import type { UserTrigger } from '#core/triggers/trigger.js';
import type { TriggerSet } from '#core/triggers/trigger-set.js';
import {
  createProjectConfig,
  createTask,
  CTX,
  MERGE_SHA,
  pullRequestEvent,
  REPO,
  workflowRunEvent,
} from '../../../helpers/factories.js';

const config = createProjectConfig();
const HEAD = '1111111111111111111111111111111111111111';

function userTrigger(overrides: Partial<UserTrigger> & Pick<UserTrigger, 'definition'>): UserTrigger {
  return {
    projectId: 'proj-1',
    triggerId: 'notify-deployed',
    version: 2,
    enabled: true,
    savedBy: 'user:ada',
    savedAt: CTX.now,
    changedBy: 'user:ada',
    changedAt: CTX.now,
    ...overrides,
  };
}

const notifyDeployed = userTrigger({
  definition: {
    name: 'Tell Slack',
    description: '',
    inputs: [],
    pattern: { on: 'task.status_changed', to: 'DEPLOYED' },
    action: { kind: 'notify', params: { channel: 'slack', text: 'Deployed {{task.title}} ({{issue.url}})' } },
  },
});
const dispatchOnLabel = userTrigger({
  triggerId: 'deploy-staging',
  version: 1,
  definition: {
    name: 'Deploy to staging',
    description: '',
    inputs: [],
    pattern: { on: 'pr.labeled', label: 'deploy:staging' },
    action: {
      kind: 'github.workflow_dispatch',
      params: {
        repo: '{{issue.repo}}',
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: { pr: '{{pr.number}}' },
        environment: 'staging',
      },
    },
  },
});
const approveRuns = userTrigger({
  triggerId: 'approve-agent-ci',
  version: 1,
  definition: {
    name: 'Approve agent CI',
    description: '',
    inputs: [],
    pattern: { on: 'workflow_run.action_required' },
    action: { kind: 'github.approve_workflow_run', params: { repo: '{{run.repo}}', runId: '{{run.id}}' } },
  },
});

const set = (user: UserTrigger[], builtIns: TriggerSet['builtIns'] = {}) => ({
  ...CTX,
  triggers: { builtIns, user },
});
const waiting = (overrides: Partial<Task> = {}) =>
  createTask({
    stage: 'WAITING_CI',
    mergeSha: MERGE_SHA,
    pr: { number: 12, url: 'u', headSha: HEAD },
    ...overrides,
  });
const linked = () => createTask({ stage: 'PR_CREATED', pr: { number: 12, url: 'u', headSha: HEAD } });

describe('decide: user triggers', () => {
  it('fires on the status it names, requested by the trigger, with the template rendered', () => {
    const d = decide(waiting(), workflowRunEvent(), config, set([notifyDeployed]));
    const notify = d.actions.find((a) => a.params.kind === 'notify');
    expect(notify).toMatchObject({
      params: {
        kind: 'notify',
        channel: 'slack',
        text: `Deployed Add dark mode (https://github.com/${REPO}/issues/7)`,
      },
      requestedBy: { type: 'Trigger', id: 'notify-deployed' },
      trigger: { id: 'notify-deployed', version: 2 },
    });
    expect(d.timeline.map((e) => e.kind)).toContain('trigger.fired');
  });

  it('does nothing when the trigger is disabled', () => {
    const d = decide(waiting(), workflowRunEvent(), config, set([{ ...notifyDeployed, enabled: false }]));
    expect(d.actions.map((a) => a.params.kind)).toEqual(['asana.complete_task']);
  });

  it('fires once: replaying the event changes nothing', () => {
    const first = decide(waiting(), workflowRunEvent(), config, set([notifyDeployed]));
    const again = decide(first.task, workflowRunEvent(), config, set([notifyDeployed]));
    expect(again.actions).toEqual([]);
  });

  it('dispatches on the PR label, once per PR and label', () => {
    const labeled = pullRequestEvent({ action: 'labeled', label: 'deploy:staging' });
    const d = decide(linked(), labeled, config, set([dispatchOnLabel]));
    expect(d.actions.map((a) => a.params)).toEqual([
      {
        kind: 'github.workflow_dispatch',
        repo: REPO,
        workflow: 'deploy.yml',
        ref: 'main',
        inputs: { pr: 12 },
        environment: 'staging',
      },
    ]);
    expect(decide(d.task, labeled, config, set([dispatchOnLabel])).actions).toEqual([]);
    const other = pullRequestEvent({ action: 'labeled', label: 'bug' });
    expect(decide(linked(), other, config, set([dispatchOnLabel])).actions).toEqual([]);
  });

  it('approves a run waiting on the head of the agent PR, and not one on another commit', () => {
    const waitingRun = workflowRunEvent({ headSha: HEAD, conclusion: 'action_required', runId: 555 });
    const d = decide(linked(), waitingRun, config, set([approveRuns]));
    expect(d.actions.map((a) => a.params)).toEqual([
      { kind: 'github.approve_workflow_run', repo: REPO, runId: 555 },
    ]);
    const elsewhere = workflowRunEvent({ headSha: 'f'.repeat(40), conclusion: 'action_required' });
    expect(decide(linked(), elsewhere, config, set([approveRuns])).actions).toEqual([]);
  });

  it('approves a run waiting on the agent PR after a push, by the new head and its reference', () => {
    const pushed = 'a'.repeat(40);
    const push = pullRequestEvent({
      action: 'synchronize',
      headSha: pushed,
      occurredAt: '2025-01-01T12:00:00.000Z',
    });
    const after = decide(linked(), push, config, set([approveRuns])).task!;
    const waitingRun = workflowRunEvent({ headSha: pushed, conclusion: 'action_required', runId: 556 });

    expect(refsOf(after)).toContainEqual({ kind: 'sha', repo: REPO, sha: pushed });
    expect(decide(after, waitingRun, config, set([approveRuns])).actions.map((a) => a.params)).toEqual([
      { kind: 'github.approve_workflow_run', repo: REPO, runId: 556 },
    ]);
  });

  it('skips with a timeline note when the event lacks a value the template needs', () => {
    const needsPr = userTrigger({
      definition: {
        ...notifyDeployed.definition,
        action: { kind: 'notify', params: { channel: 'slack', text: 'PR {{pr.url}}' } },
      },
    });
    const d = decide(waiting({ pr: undefined }), workflowRunEvent(), config, set([needsPr]));
    expect(d.actions.map((a) => a.params.kind)).toEqual(['asana.complete_task']);
    expect(d.timeline.find((e) => e.kind === 'trigger.skipped')?.message).toMatch(
      /\{\{pr\.url\}\} has no value/,
    );
  });
});

describe('decide: built-in triggers', () => {
  const failedRun = workflowRunEvent({ conclusion: 'failure', runId: 200 });

  it('leaves fix forward off by default', () => {
    const d = decide(waiting(), failedRun, config, CTX);
    expect(d.actions.map((a) => a.params.kind)).toEqual(['github.comment', 'asana.comment']);
  });

  it('opens one follow-up issue per merge commit when fix forward is on, as Trigger fix-forward', () => {
    const ctx = set([], { 'fix-forward': true });
    const d = decide(waiting(), failedRun, config, ctx);
    const issue = d.actions.find((a) => a.params.kind === 'github.create_issue');
    expect(issue?.requestedBy).toEqual({ type: 'Trigger', id: 'fix-forward' });
    expect(issue?.params).toMatchObject({ repo: REPO, title: 'Fix forward: Add dark mode' });
    expect(issue?.params.kind === 'github.create_issue' && issue.params.body).toContain(
      '/opencode implement',
    );
    const rerunFailed = workflowRunEvent({
      conclusion: 'failure',
      runId: 201,
      occurredAt: '2025-01-01T11:30:00.000Z',
      workflow: 'lint',
    });
    const again = decide(d.task, rerunFailed, config, ctx);
    expect(again.actions.filter((a) => a.params.kind === 'github.create_issue')).toEqual([]);
  });

  it('records the follow-up issue without touching the task issue or stage', () => {
    const ctx = set([], { 'fix-forward': true });
    const d = decide(waiting(), failedRun, config, ctx);
    const action = d.task!.outbox.find((a) => a.params.kind === 'github.create_issue')!;
    const done = decide(
      d.task,
      {
        type: 'effect.succeeded',
        actionId: action.actionId,
        params: action.params,
        result: { issueNumber: 9, url: 'https://x/9' },
      },
      config,
      ctx,
    );
    expect(done.task).toMatchObject({ stage: 'FAILED', issue: { number: 7 }, followUpIssue: { number: 9 } });
  });

  it('keeps the required built-ins on whatever the stored switch says', () => {
    const d = decide(
      waiting(),
      workflowRunEvent(),
      config,
      set([], { 'complete-on-deployed': false } as never),
    );
    expect(d.actions.map((a) => a.params.kind)).toEqual(['asana.complete_task']);
  });

  it('does not report CI failures or close cancelled issues when those built-ins are off', () => {
    const off = set([], { 'report-ci-failure': false, 'close-cancelled': false });
    expect(decide(waiting(), failedRun, config, off).actions).toEqual([]);
  });
});
