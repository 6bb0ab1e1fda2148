import { z } from 'zod';
import type { InboundEvent } from './events.js';
import { parseOrThrow } from './validation.js';

/** What a GitHub delivery means to Auto-Flow: an event to process, a ping, or something ignored on purpose. */
export type GithubNormalised =
  { kind: 'event'; event: InboundEvent } | { kind: 'ping' } | { kind: 'ignored'; reason: string };

// Bounds no real delivery reaches (GitHub caps a PR body at 65,536 characters): they keep a signed
// but absurd payload from producing a queue message SQS would refuse (a 5xx instead of a 400).
const word = z.string().max(255);
const ref = z.string().max(1024);
const sha = z.string().max(128);
const url = z.string().max(2048);

const RepositorySchema = z.object({ full_name: word.min(1), default_branch: ref.min(1) });

const PullRequestPayloadSchema = z.object({
  action: word,
  repository: RepositorySchema,
  label: z.object({ name: word }).optional(),
  pull_request: z.object({
    number: z.number().int().positive(),
    html_url: url,
    body: z.string().max(65_536).nullable(),
    state: z.enum(['open', 'closed']),
    merged: z.boolean().nullable().optional(),
    merge_commit_sha: sha.nullable().optional(),
    updated_at: word,
    base: z.object({ ref }),
    head: z.object({ sha }),
  }),
});

const WorkflowRunPayloadSchema = z.object({
  action: word,
  repository: RepositorySchema,
  workflow_run: z.object({
    id: z.number().int(),
    name: ref.nullable(),
    head_sha: sha,
    head_branch: ref.nullable(),
    status: word.nullable(),
    conclusion: word.nullable(),
    html_url: url,
    updated_at: word,
  }),
});

const IssuesPayloadSchema = z.object({
  action: word,
  repository: RepositorySchema,
  issue: z.object({
    number: z.number().int().positive(),
    state: z.enum(['open', 'closed']),
    state_reason: word.nullable().optional(),
    updated_at: word,
  }),
});

const ActionOnlySchema = z.object({ action: word });

/** The action of a delivery, read before the full shape so ignored actions are never rejected. */
function actionOf(payload: unknown, what: string): string {
  return parseOrThrow(ActionOnlySchema, payload, what).action;
}

const PR_ACTIONS = new Set([
  'opened',
  'edited',
  'reopened',
  'closed',
  'synchronize',
  'ready_for_review',
  'labeled',
]);
const ISSUE_ACTIONS = new Set(['closed', 'reopened']);

/** Turns a GitHub webhook (event name + parsed body) into a small inbound event; throws ValidationError on a bad shape. */
export function normaliseGithub(eventName: string, payload: unknown): GithubNormalised {
  switch (eventName) {
    case 'ping':
      return { kind: 'ping' };
    case 'pull_request':
      return normalisePullRequest(payload);
    case 'workflow_run':
      return normaliseWorkflowRun(payload);
    case 'issues':
      return normaliseIssue(payload);
    case 'issue_comment':
      return { kind: 'ignored', reason: 'issue comments do not drive the pipeline' };
    default:
      return { kind: 'ignored', reason: `event "${eventName}" is not used` };
  }
}

function normalisePullRequest(payload: unknown): GithubNormalised {
  const name = actionOf(payload, 'pull_request payload');
  if (!PR_ACTIONS.has(name)) return { kind: 'ignored', reason: `pull_request.${name} is not used` };
  const {
    action,
    repository,
    label,
    pull_request: pr,
  } = parseOrThrow(PullRequestPayloadSchema, payload, 'pull_request payload');
  return {
    kind: 'event',
    event: {
      type: 'github.pull_request',
      action,
      repo: repository.full_name,
      number: pr.number,
      url: pr.html_url,
      body: pr.body ?? '',
      baseRef: pr.base.ref,
      defaultBranch: repository.default_branch,
      merged: pr.merged === true,
      mergeSha: pr.merged === true ? (pr.merge_commit_sha ?? null) : null,
      headSha: pr.head.sha,
      state: pr.state,
      occurredAt: pr.updated_at,
      ...(action === 'labeled' && label ? { label: label.name } : {}),
    },
  };
}

function normaliseWorkflowRun(payload: unknown): GithubNormalised {
  const {
    action,
    repository,
    workflow_run: run,
  } = parseOrThrow(WorkflowRunPayloadSchema, payload, 'workflow_run payload');
  return {
    kind: 'event',
    event: {
      type: 'github.workflow_run',
      action,
      repo: repository.full_name,
      runId: run.id,
      workflow: run.name ?? `workflow ${run.id}`,
      headSha: run.head_sha,
      headBranch: run.head_branch,
      status: run.status ?? action,
      conclusion: run.conclusion,
      url: run.html_url,
      occurredAt: run.updated_at,
    },
  };
}

function normaliseIssue(payload: unknown): GithubNormalised {
  const name = actionOf(payload, 'issues payload');
  if (!ISSUE_ACTIONS.has(name)) return { kind: 'ignored', reason: `issues.${name} is not used` };
  const { action, repository, issue } = parseOrThrow(IssuesPayloadSchema, payload, 'issues payload');
  return {
    kind: 'event',
    event: {
      type: 'github.issue',
      action,
      repo: repository.full_name,
      number: issue.number,
      state: issue.state,
      stateReason: issue.state_reason ?? null,
      occurredAt: issue.updated_at,
    },
  };
}
