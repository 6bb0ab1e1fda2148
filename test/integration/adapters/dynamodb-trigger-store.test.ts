import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDBBudgetStore } from '#adapters/aws/dynamodb-budget-store.js';
import { DynamoDBTriggerStore } from '#adapters/aws/dynamodb-trigger-store.js';
import { NotFoundError, VersionConflictError } from '#core/errors.js';
import type { TriggerDefinition, TriggerVersion } from '#core/triggers/trigger.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

const definition: TriggerDefinition = {
  name: 'Tell Slack',
  description: '',
  inputs: [],
  pattern: { on: 'task.status_changed', to: 'DEPLOYED' },
  action: { kind: 'notify', params: { channel: 'slack', text: 'Deployed {{task.title}}' } },
};

function version(projectId: string, n: number, name = definition.name): TriggerVersion {
  return {
    projectId,
    triggerId: 'tell-slack',
    version: n,
    definition: { ...definition, name },
    savedBy: 'user:ada',
    savedAt: `2026-11-25T10:0${n}:00.000Z`,
  };
}

describe('DynamoDBTriggerStore', () => {
  let db: Dynalite;
  let store: DynamoDBTriggerStore;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(() => {
    store = new DynamoDBTriggerStore({ client: db.doc, tableName: db.tableName });
    projectId = uniqueProjectId();
  });

  it('keeps every saved version and makes the latest active', async () => {
    await store.saveTriggerVersion(version(projectId, 1), undefined, true);
    await store.saveTriggerVersion(version(projectId, 2, 'Tell Slack v2'), 1, true);

    expect(await store.getTrigger(projectId, 'tell-slack')).toMatchObject({
      version: 2,
      enabled: true,
      definition: { name: 'Tell Slack v2' },
    });
    const versions = await store.listTriggerVersions(projectId, 'tell-slack');
    expect(versions.map((v) => [v.version, v.definition.name])).toEqual([
      [2, 'Tell Slack v2'],
      [1, 'Tell Slack'],
    ]);
  });

  it('refuses a save based on a stale version, and a second creation', async () => {
    await store.saveTriggerVersion(version(projectId, 1), undefined, true);
    await store.saveTriggerVersion(version(projectId, 2), 1, true);

    await expect(store.saveTriggerVersion(version(projectId, 2), 1, true)).rejects.toThrow(
      VersionConflictError,
    );
    await expect(store.saveTriggerVersion(version(projectId, 1), undefined, true)).rejects.toThrow(
      VersionConflictError,
    );
    expect((await store.listTriggerVersions(projectId, 'tell-slack')).length).toBe(2);
  });

  it('switches a trigger off without a new version, and only the enabled ones are active', async () => {
    await store.saveTriggerVersion(version(projectId, 1), undefined, true);
    await store.setTriggerEnabled(projectId, 'tell-slack', false, 'user:bob', '2026-11-25T11:00:00.000Z');

    expect(await store.getTrigger(projectId, 'tell-slack')).toMatchObject({
      version: 1,
      enabled: false,
      changedBy: 'user:bob',
    });
    expect((await store.activeTriggers(projectId)).user).toEqual([]);
    await expect(store.setTriggerEnabled(projectId, 'nope', true, 'user:bob', 'x')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('stores built-in switches beside the user triggers', async () => {
    await store.saveTriggerVersion(version(projectId, 1), undefined, true);
    await store.setBuiltInEnabled(projectId, 'fix-forward', true, 'user:ada', '2026-11-25T11:00:00.000Z');

    const set = await store.activeTriggers(projectId);
    expect(set.builtIns).toEqual({ 'fix-forward': true });
    expect(set.user.map((t) => t.triggerId)).toEqual(['tell-slack']);
  });
});

describe('DynamoDBBudgetStore', () => {
  let db: Dynalite;
  let store: DynamoDBBudgetStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBBudgetStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(async () => {
    await db.stop();
  });

  it('counts each action once per day, whatever the retries', async () => {
    const projectId = uniqueProjectId();
    expect(await store.countEffect(projectId, '2026-11-25', 'a-1', { issuesCreated: 1, agentRuns: 1 })).toBe(
      true,
    );
    expect(await store.countEffect(projectId, '2026-11-25', 'a-1', { issuesCreated: 1, agentRuns: 1 })).toBe(
      false,
    );
    expect(await store.countEffect(projectId, '2026-11-25', 'a-2', { issuesCreated: 1, agentRuns: 0 })).toBe(
      true,
    );

    expect(await store.budgets(projectId, '2026-11-25')).toEqual({
      issuesCreatedToday: 2,
      agentRunsToday: 1,
    });
    expect(await store.budgets(projectId, '2026-11-26')).toEqual({
      issuesCreatedToday: 0,
      agentRunsToday: 0,
    });
  });
});
