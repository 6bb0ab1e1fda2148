import type { Action, ActionParams, EffectResult } from '#core/actions.js';
import type { AsanaCustomField, AsanaTaskRecord, DomainEvent } from '#core/events.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import { statusOf } from '#core/status.js';
import type { Task } from '#core/task.js';

type EventOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;
type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** Gids of the Asana custom fields in the default project config. */
export const FIELD_GIDS = { autoTask: 'cf-autotask', repo: 'cf-repo', status: 'cf-status' } as const;
export const NOW = '2025-01-01T12:00:00.000Z';
export const TASK_ID = '01JTASK0000000000000000001';
export const ASANA_GID = '1200000000000001';
export const REPO = 'acme/web';
export const MERGE_SHA = 'abcdef0123456789abcdef0123456789abcdef01';

/** A parsed project config (defaults applied); nested objects merge with the overrides. */
export function createProjectConfig(overrides: DeepPartial<ProjectConfig> = {}): ProjectConfig {
  const { asana, github, context, ...top } = overrides;
  return ProjectConfigSchema.parse({
    projectId: 'proj-1',
    slug: 'acme',
    name: 'Acme',
    ...top,
    asana: {
      workspaceGid: 'ws-1',
      projectGids: ['asana-proj-1'],
      fields: { ...FIELD_GIDS },
      statusMap: { Blocked: 'BLOCKED', Cancelled: 'CANCELLED', 'In progress': 'ACTIVE' },
      repoMap: {},
      ...asana,
    },
    github: { repos: [REPO, 'acme/api'], defaultBranches: { [REPO]: 'main' }, ciWorkflows: [], ...github },
    context: { links: [], contacts: [], notes: [], ...context },
  });
}

/** A tracked task; by default its issue #7 exists in acme/web (status is derived unless given). */
export function createTask(overrides: Partial<Task> = {}): Task {
  const task: Task = {
    projectId: 'proj-1',
    taskId: TASK_ID,
    asanaGid: ASANA_GID,
    title: 'Add dark mode',
    notes: 'Make the app dark.',
    asanaUrl: `https://app.asana.com/0/1/${ASANA_GID}`,
    autoTask: true,
    workState: 'ACTIVE',
    asanaCompleted: false,
    asanaModifiedAt: '2025-01-01T10:00:00.000Z',
    repoOption: REPO,
    repo: REPO,
    stage: 'ISSUE_CREATED',
    status: 'ISSUE_CREATED',
    issue: { repo: REPO, number: 7, url: `https://github.com/${REPO}/issues/7` },
    ciRuns: {},
    completedByAutoFlow: false,
    autoDisabledLabel: false,
    issueClosed: false,
    outbox: [],
    actionSeq: 0,
    specVersion: 1,
    version: 3,
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
  for (const key of Object.keys(task) as (keyof Task)[]) if (task[key] === undefined) delete task[key];
  return 'status' in overrides ? task : { ...task, status: statusOf(task) };
}

/** Friendly values for the three custom fields (null: field present but unset; undefined: field absent). */
export interface AsanaFieldValues {
  autoTask?: string | null;
  repo?: string | null;
  status?: string | null;
}

/** An Asana task record with AutoTask Yes, Repo acme/web and no status unless told otherwise. */
export function createAsanaRecord(
  overrides: Partial<AsanaTaskRecord> & AsanaFieldValues = {},
): AsanaTaskRecord {
  const { autoTask, repo, status, ...record } = overrides;
  // A key left out takes the default; a key given as undefined leaves the field off the task.
  const fields: [string, string | null | undefined][] = [
    [FIELD_GIDS.autoTask, 'autoTask' in overrides ? autoTask : 'Yes'],
    [FIELD_GIDS.repo, 'repo' in overrides ? repo : REPO],
    [FIELD_GIDS.status, status],
  ];
  return {
    gid: ASANA_GID,
    name: 'Add dark mode',
    notes: 'Make the app dark.',
    completed: false,
    modifiedAt: '2025-01-01T11:00:00.000Z',
    permalinkUrl: `https://app.asana.com/0/1/${ASANA_GID}`,
    customFields: fields.flatMap(([gid, value]) => (value === undefined ? [] : [enumField(gid, value)])),
    ...record,
  };
}

/** An enum custom field with the given option name (null: no option chosen). */
export function enumField(gid: string, name: string | null): AsanaCustomField {
  return { gid, type: 'enum', enumValue: name === null ? null : { gid: `${gid}-${name}`, name } };
}

/** An Asana snapshot event. */
export function snapshotEvent(
  overrides: Parameters<typeof createAsanaRecord>[0] = {},
): EventOf<'asana.task_snapshot'> {
  return { type: 'asana.task_snapshot', task: createAsanaRecord(overrides) };
}

/** An Asana deletion event. */
export function deletedEvent(
  overrides: Partial<EventOf<'asana.task_deleted'>> = {},
): EventOf<'asana.task_deleted'> {
  return {
    type: 'asana.task_deleted',
    asanaGid: ASANA_GID,
    occurredAt: '2025-01-01T11:30:00.000Z',
    ...overrides,
  };
}

/** An open PR #12 in acme/web against main whose body says `Fixes #7`. */
export function pullRequestEvent(
  overrides: Partial<EventOf<'github.pull_request'>> = {},
): EventOf<'github.pull_request'> {
  return {
    type: 'github.pull_request',
    action: 'opened',
    repo: REPO,
    number: 12,
    url: `https://github.com/${REPO}/pull/12`,
    body: 'Dark mode.\n\nFixes #7',
    baseRef: 'main',
    defaultBranch: 'main',
    merged: false,
    mergeSha: null,
    headSha: '1111111111111111111111111111111111111111',
    state: 'open',
    occurredAt: '2025-01-01T11:10:00.000Z',
    ...overrides,
  };
}

/** PR #12 closed and merged as MERGE_SHA. */
export function mergedEvent(
  overrides: Partial<EventOf<'github.pull_request'>> = {},
): EventOf<'github.pull_request'> {
  return pullRequestEvent({
    action: 'closed',
    state: 'closed',
    merged: true,
    mergeSha: MERGE_SHA,
    ...overrides,
  });
}

/** A completed, successful `build` run on MERGE_SHA. */
export function workflowRunEvent(
  overrides: Partial<EventOf<'github.workflow_run'>> = {},
): EventOf<'github.workflow_run'> {
  const runId = overrides.runId ?? 100;
  return {
    type: 'github.workflow_run',
    action: 'completed',
    repo: REPO,
    runId,
    workflow: 'build',
    headSha: MERGE_SHA,
    headBranch: 'main',
    status: 'completed',
    conclusion: 'success',
    url: `https://github.com/${REPO}/actions/runs/${runId}`,
    occurredAt: '2025-01-01T11:20:00.000Z',
    ...overrides,
  };
}

/** Issue #7 in acme/web closed. */
export function issueEvent(overrides: Partial<EventOf<'github.issue'>> = {}): EventOf<'github.issue'> {
  return {
    type: 'github.issue',
    action: 'closed',
    repo: REPO,
    number: 7,
    state: 'closed',
    stateReason: 'completed',
    occurredAt: '2025-01-01T11:40:00.000Z',
    ...overrides,
  };
}

/** An outbox action (a comment on issue #7 unless told otherwise). */
export function createAction(overrides: Partial<Action> & { params?: ActionParams } = {}): Action {
  return {
    actionId: `${TASK_ID}-1`,
    projectId: 'proj-1',
    taskId: TASK_ID,
    params: { kind: 'github.comment', repo: REPO, issueNumber: 7, body: 'hello' },
    createdAt: NOW,
    ...overrides,
  };
}

/** Which action, and which run of it, an outcome is about. */
function outcomeOf(action: Action) {
  return {
    actionId: action.actionId,
    params: action.params,
    ...(action.releases === undefined ? {} : { releases: action.releases }),
  };
}

/** The effect succeeded. */
export function succeededEvent(action: Action, result: EffectResult = {}): EventOf<'effect.succeeded'> {
  return { type: 'effect.succeeded', ...outcomeOf(action), result };
}

/** The effect failed. */
export function failedEvent(action: Action, message = 'boom'): EventOf<'effect.failed'> {
  return {
    type: 'effect.failed',
    ...outcomeOf(action),
    error: { name: 'PermanentIntegrationError', message },
  };
}

/** Policy denied the effect. */
export function deniedEvent(action: Action, reason = 'policy forbids'): EventOf<'effect.denied'> {
  return { type: 'effect.denied', ...outcomeOf(action), reason };
}

/** The effect was held (kill switch). */
export function heldEvent(action: Action, reason = 'kill switch on'): EventOf<'effect.held'> {
  return { type: 'effect.held', ...outcomeOf(action), reason };
}

/** The fixed context the core tests decide in. */
export const CTX = { now: NOW, taskId: TASK_ID } as const;
