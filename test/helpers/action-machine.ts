import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBProjectStore } from '#adapters/aws/dynamodb-project-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { staticPolicySource } from '#adapters/stored-policy-source.js';
import { ulidIds } from '#adapters/system.js';
import type { Action, ActionParams } from '#core/actions.js';
import { createLocalActionMachine } from '../../scripts/local/action-machine.js';
import type { Dynalite } from './dynalite.js';
import { uniqueProjectId } from './dynamo-fixtures.js';
import { createProjectConfig, createTask, REPO } from './factories.js';
import { fixedClock, memoryLogger, memoryTriggerSecrets } from './memory-ports.js';
import { memoryIntegrations } from './memory-trackers.js';

/** A policy set that asks one approval for every new issue (and allows the rest of the loop). */
export const APPROVE_CREATE_ISSUE = `
@id("create-issue-needs-approval") @approvals("1")
permit (principal, action == Action::"github.create_issue", resource);
@id("routine") permit (principal, action in [Action::"github.comment", Action::"github.label", Action::"asana.complete_task", Action::"asana.comment"], resource);
@id("kill-switch") forbid (principal, action, resource) when { context.killSwitch };`;

/** The action machine on the local runner over dynalite, with in-memory GitHub/Asana and a stopped clock. */
export async function setUpActionMachine(
  db: Dynalite,
  options: {
    policy?: string;
    taskTokenTimeoutMs?: number;
    file?: string;
    signingDir?: string;
    projectId?: string;
    params?: ActionParams;
    requestedBy?: Action['requestedBy'];
    trigger?: Action['trigger'];
    createProject?: boolean;
  } = {},
) {
  const table = { client: db.doc, tableName: db.tableName };
  const projects = new DynamoDBProjectStore(table);
  const tasks = new DynamoDBTaskStore(table);
  const projectId = options.projectId ?? uniqueProjectId();
  if (options.createProject !== false)
    await projects.createProject(createProjectConfig({ projectId, slug: projectId.toLowerCase() }));
  const integrations = memoryIntegrations();
  const clock = fixedClock('2026-11-25T10:00:00.000Z');
  const logger = memoryLogger();
  const notified: { subject: string }[] = [];
  const triggerSecrets = memoryTriggerSecrets();
  const machine = createLocalActionMachine({
    doc: db.doc,
    tableName: db.tableName,
    auditTableName: db.auditTableName,
    projects,
    tasks,
    integrations,
    clock,
    ids: ulidIds(clock),
    logger,
    signingDir: options.signingDir ?? mkdtempSync(join(tmpdir(), 'af-keys-')),
    ...(options.policy ? { policies: staticPolicySource(options.policy, 'test') } : {}),
    notifier: { notify: async (m) => void notified.push(m) },
    triggerSecrets,
    retryPauseMs: 1,
    ...(options.taskTokenTimeoutMs !== undefined ? { taskTokenTimeoutMs: options.taskTokenTimeoutMs } : {}),
    ...(options.file ? { file: options.file } : {}),
  });
  const taskId = ulidIds(clock).newId();
  const action: Action = {
    actionId: `${taskId}-1`,
    projectId,
    taskId,
    createdAt: clock.now().toISOString(),
    params: options.params ?? {
      kind: 'github.create_issue',
      repo: REPO,
      title: 'Add dark mode',
      body: 'spec <!-- m -->',
      labels: ['autoflow'],
      marker: '<!-- m -->',
    },
    ...(options.requestedBy ? { requestedBy: options.requestedBy } : {}),
    ...(options.trigger ? { trigger: options.trigger } : {}),
  };
  if (options.createProject !== false)
    await tasks.createTask(
      createTask({
        projectId,
        taskId,
        stage: 'RECEIVED',
        status: 'RECEIVED',
        issue: undefined,
        outbox: [action],
        actionSeq: 1,
      }),
    );
  return {
    ...machine,
    sfn: machine.workflows,
    /** What applying events (a release) needs, starting actions on this machine. */
    pipeline: { tasks, workflows: machine.workflowsPort, clock, ids: ulidIds(clock), logger },
    projects,
    tasks,
    integrations,
    clock,
    logger,
    projectId,
    taskId,
    action,
    notified,
    triggerSecrets,
  };
}

/** Polls until `check` holds (the runner works in the background), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
