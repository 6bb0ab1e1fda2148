import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBMembershipStore } from '#adapters/aws/dynamodb-membership-store.js';
import { DynamoDBTaskStore } from '#adapters/aws/dynamodb-task-store.js';
import { createTask } from '../../helpers/factories.js';
import { uniqueProjectId } from '../../helpers/dynamo-fixtures.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';

describe('DynamoDBMembershipStore', () => {
  let db: Dynalite;
  let store: DynamoDBMembershipStore;

  beforeAll(async () => {
    db = await startDynalite();
    store = new DynamoDBMembershipStore({ client: db.doc, tableName: db.tableName });
  });
  afterAll(() => db.stop());

  it('lists a project’s members and a user’s projects, and changes and removes roles', async () => {
    const [p1, p2] = [uniqueProjectId(), uniqueProjectId()];
    const m = (projectId: string, userId: string, role: 'viewer' | 'editor') => ({
      projectId,
      userId,
      role,
      addedBy: 'admin',
      addedAt: '2026-01-01T00:00:00.000Z',
    });
    await store.putMembership(m(p1, 'u1', 'viewer'));
    await store.putMembership(m(p2, 'u1', 'editor'));
    await store.putMembership(m(p1, 'u2', 'editor'));

    expect((await store.listMembers(p1)).map((x) => x.userId).sort()).toEqual(['u1', 'u2']);
    expect((await store.listMemberships('u1')).map((x) => [x.projectId, x.role]).sort()).toEqual(
      [
        [p1, 'viewer'],
        [p2, 'editor'],
      ].sort(),
    );

    await store.putMembership(m(p1, 'u1', 'editor'));
    expect((await store.getMembership(p1, 'u1'))?.role).toBe('editor');
    await store.deleteMembership(p1, 'u1');
    expect(await store.getMembership(p1, 'u1')).toBeUndefined();
    expect((await store.listMemberships('u1')).map((x) => x.projectId)).toEqual([p2]);
  });

  it('lives beside tasks without showing up in task lists', async () => {
    const projectId = uniqueProjectId();
    const tasks = new DynamoDBTaskStore({ client: db.doc, tableName: db.tableName });
    await tasks.createTask(createTask({ projectId }));
    await store.putMembership({ projectId, userId: 'u1', role: 'viewer', addedBy: 'a', addedAt: 'b' });

    expect((await tasks.listTasks(projectId, { limit: 10 })).items).toHaveLength(1);
    expect(await store.listMembers(projectId)).toHaveLength(1);
  });
});
