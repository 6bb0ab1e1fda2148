import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureMainTable } from '#adapters/aws/create-table.js';
import { DynamoDBKillSwitchStore } from '#adapters/aws/dynamodb-kill-switch-store.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite } from '../../helpers/dynalite.js';
import type { Dynalite } from '../../helpers/dynalite.js';

const at = new Date('2025-01-01T00:00:00.000Z');

describe('DynamoDBKillSwitchStore', () => {
  let db: Dynalite;
  let store: DynamoDBKillSwitchStore;
  let projectId: string;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    // The global switch is shared state: each test gets a table of its own.
    const tableName = `${db.tableName}-${randomUUID()}`;
    await ensureMainTable(db.client, tableName);
    store = new DynamoDBKillSwitchStore({ client: db.doc, tableName });
    projectId = uniqueProjectId();
  });

  it('reports nothing killed when no switch was ever set', async () => {
    expect(await store.isKilled(projectId)).toEqual({ global: false, project: false });
  });

  it('kills one project without touching the others', async () => {
    await store.setKillSwitch({ projectId }, true, 'ops@example.com', at);

    expect(await store.isKilled(projectId)).toEqual({ global: false, project: true });
    expect(await store.isKilled(uniqueProjectId())).toEqual({ global: false, project: false });
  });

  it('kills every project with the global switch', async () => {
    await store.setKillSwitch({}, true, 'ops@example.com', at);

    expect(await store.isKilled(projectId)).toEqual({ global: true, project: false });
  });

  it('switches off again', async () => {
    await store.setKillSwitch({}, true, 'ops@example.com', at);
    await store.setKillSwitch({ projectId }, true, 'ops@example.com', at);

    await store.setKillSwitch({}, false, 'ops@example.com', at);
    await store.setKillSwitch({ projectId: undefined }, false, 'ops@example.com', at);
    await store.setKillSwitch({ projectId }, false, 'ops@example.com', at);

    expect(await store.isKilled(projectId)).toEqual({ global: false, project: false });
  });
});
