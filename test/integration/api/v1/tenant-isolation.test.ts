import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { DocumentValidator, operationsOf, type DocOperation } from './document-validator.js';
import { examplesByOperation, fillPath } from './operation-examples.js';
import { seedTwoProjects, type TwoProjects } from './v1-fixture.js';
import { call, createV1Harness, type V1Harness } from './v1-harness.js';

/** What project B's data looks like to B's own admin token, to compare before and after. */
async function snapshotOfB(h: V1Harness, token: string): Promise<string> {
  const reads = [
    '/project',
    '/repos',
    '/links',
    '/contacts',
    '/notes',
    '/policies/versions',
    '/tasks',
    '/approvals?state=all',
    '/tokens',
    '/triggers',
    '/triggers/b-deploy',
  ];
  const bodies = await Promise.all(reads.map((path) => call(h, 'GET', path, { token })));
  return JSON.stringify(bodies.map((r) => r.json));
}

describe('/api/v1 tenant isolation', () => {
  let db: Dynalite;
  let h: V1Harness;
  let seed: TwoProjects;
  let operations: DocOperation[];
  let doc: DocumentValidator;

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    seed = await seedTwoProjects(h);
    const res = await call(h, 'GET', '/openapi.json');
    operations = operationsOf(res.json);
    doc = new DocumentValidator(res.json);
  });
  afterAll(() => db.stop());

  it("gives project A's admin token 404 for every operation on project B's resources, and changes nothing of B", async () => {
    const before = await snapshotOfB(h, seed.tokens.bAdmin.secret);
    const examples = examplesByOperation(h.v1deps);
    // Ids and positions that exist in B only (A has one link, no policy versions, other repos).
    const ofB = {
      taskId: seed.tasks.b,
      approvalId: 'b-approve',
      tokenId: seed.tokens.bAdmin.token.tokenId,
      index: '2',
      version: '2',
      owner: 'other',
      name: 'api',
      triggerId: 'b-deploy',
    };
    const scoped = operations.filter((o) => o.path.includes('{'));
    expect(scoped.length).toBeGreaterThan(20);

    for (const { operationId, method, path } of scoped) {
      const res = await call(h, method.toUpperCase(), fillPath(path, ofB), {
        token: seed.tokens.admin.secret,
        ...(examples.get(operationId) && { body: examples.get(operationId)!.valid[0] }),
      });
      expect({ operationId, status: res.status }).toEqual({ operationId, status: 404 });
      expect(doc.checkResponse(operationId, res)).toEqual([]);
    }
    expect(await snapshotOfB(h, seed.tokens.bAdmin.secret)).toBe(before);
  });

  it("shows project A's token nothing of B in the operations without ids", async () => {
    const bMarkers = [
      seed.b.projectId,
      seed.tasks.b,
      'b-approve',
      'other/api',
      'B link',
      'B person',
      'B note',
      'B failure reason',
      seed.tokens.bAdmin.token.tokenId,
      'b-deploy',
      'B deploy',
    ];

    const bFailures = await call(h, 'GET', '/analytics/failures', { token: seed.tokens.bAdmin.secret });
    expect(bFailures.text).toContain('B failure reason');

    for (const { operationId, method, path } of operations.filter(
      (o) => !o.path.includes('{') && o.method === 'get',
    )) {
      const res = await call(
        h,
        method.toUpperCase(),
        `${path}${operationId === 'listApprovals' ? '?state=all' : ''}`,
        {
          token: seed.tokens.admin.secret,
        },
      );
      expect({ operationId, status: res.status }).toEqual({ operationId, status: 200 });
      for (const marker of bMarkers)
        expect({ operationId, leaks: res.text.includes(marker) }).toEqual({ operationId, leaks: false });
    }
  });

  it("refuses B's task list cursor to A's token", async () => {
    const bPage = await call(h, 'GET', '/tasks?limit=1', { token: seed.tokens.bAdmin.secret });
    await h.tasks.createTask({
      ...(await h.tasks.getTask(seed.b.projectId, seed.tasks.b))!,
      taskId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      version: 0,
    });
    const withCursor = await call(h, 'GET', '/tasks?limit=1', { token: seed.tokens.bAdmin.secret });
    expect(withCursor.json.cursor).toEqual(expect.any(String));

    const res = await call(h, 'GET', `/tasks?cursor=${withCursor.json.cursor}`, {
      token: seed.tokens.admin.secret,
    });

    expect(bPage.status).toBe(200);
    expect(res.status).toBe(422);
  });
});
