import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { DocumentValidator, operationsOf, type DocOperation } from './document-validator.js';
import { examplesByOperation, fillPath } from './operation-examples.js';
import { seedTwoProjects, type TwoProjects } from './v1-fixture.js';
import { call, createV1Harness, type V1Harness, type V1Response } from './v1-harness.js';

type Who = 'admin' | 'editor' | 'viewer';

const FEBRUARY = '?from=2026-02-01&to=2026-02-28';
interface Scenario {
  as: Who;
  path: Record<string, string>;
  body?: unknown;
  query?: string;
  status: number;
}

/**
 * Drives every operation of the served OpenAPI document against the API on dynalite and checks each
 * answer (status, content type, body) against the document with ajv (JSON Schema 2020-12).
 */
describe('/api/v1 contract', () => {
  let db: Dynalite;
  let h: V1Harness;
  let seed: TwoProjects;
  let doc: DocumentValidator;
  let operations: DocOperation[];
  let examples: ReturnType<typeof examplesByOperation>;
  const seen = new Map<string, Set<number>>();

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    seed = await seedTwoProjects(h);
    const res = await call(h, 'GET', '/openapi.json');
    doc = new DocumentValidator(res.json);
    operations = operationsOf(res.json);
    examples = examplesByOperation(h.v1deps);
  });
  afterAll(() => db.stop());

  const tokenOf = (who: Who) => seed.tokens[who].secret;
  const op = (operationId: string) => operations.find((o) => o.operationId === operationId)!;

  /** Calls an operation and checks the answer against the document. */
  async function drive(
    operationId: string,
    options: {
      token?: string;
      path?: Record<string, string>;
      body?: unknown;
      query?: string;
      headers?: Record<string, string>;
    },
  ): Promise<V1Response> {
    const { method, path } = op(operationId);
    const res = await call(
      h,
      method.toUpperCase(),
      `${fillPath(path, options.path ?? {})}${options.query ?? ''}`,
      {
        ...(options.token !== undefined && { token: options.token }),
        ...(options.body !== undefined && { body: options.body }),
        ...(options.headers && { headers: options.headers }),
      },
    );
    expect(doc.checkResponse(operationId, res)).toEqual([]);
    seen.set(operationId, (seen.get(operationId) ?? new Set()).add(res.status));
    return res;
  }

  const missing = {
    taskId: '01JNOPE0000000000000000000',
    approvalId: 'nope-1',
    tokenId: '01JNOPETOKEN00000000000000',
    index: '99',
    version: '99',
    owner: 'nobody',
    name: 'nothing',
    triggerId: 'no-such-trigger',
  };
  const validBody = (operationId: string) => examples.get(operationId)?.valid[0];

  // Success, in an order where each operation finds what it needs (reads before the writes that change them).
  const scenarios = (): Record<string, Scenario> => ({
    getProject: { as: 'viewer', path: {}, status: 200 },
    updateProject: {
      as: 'admin',
      path: {},
      body: { name: 'Acme Corp', defaultRepo: 'acme/api' },
      status: 200,
    },
    listRepos: { as: 'viewer', path: {}, status: 200 },
    addRepo: { as: 'admin', path: {}, body: { repo: 'acme/docs', defaultBranch: 'main' }, status: 201 },
    getRepo: { as: 'viewer', path: { owner: 'acme', name: 'docs' }, status: 200 },
    updateRepo: {
      as: 'admin',
      path: { owner: 'acme', name: 'docs' },
      body: { defaultBranch: 'trunk' },
      status: 200,
    },
    removeRepo: { as: 'admin', path: { owner: 'acme', name: 'docs' }, status: 200 },
    ...Object.fromEntries(
      [
        ['Link', 'links', { title: 'Runbook', url: 'https://runbook.acme.test' }],
        ['Contact', 'contacts', { name: 'Bob', email: 'bob@acme.test' }],
        ['Note', 'notes', { title: 'Tests', body: 'Run them.' }],
      ].flatMap(([one, many, body]) => [
        [
          `list${String(many).replace(/^./, (c) => c.toUpperCase())}`,
          { as: 'viewer', path: {}, status: 200 },
        ],
        [`add${String(one)}`, { as: 'admin', path: {}, body, status: 201 }],
        [`get${String(one)}`, { as: 'viewer', path: { index: '1' }, status: 200 }],
        [`replace${String(one)}`, { as: 'admin', path: { index: '1' }, body, status: 200 }],
        [`remove${String(one)}`, { as: 'admin', path: { index: '1' }, status: 200 }],
      ]),
    ),
    getActivePolicy: { as: 'viewer', path: {}, status: 200 },
    savePolicyVersion: {
      as: 'admin',
      path: {},
      body: { text: 'permit (principal, action, resource);', comment: 'open' },
      status: 201,
    },
    listPolicyVersions: { as: 'viewer', path: {}, status: 200 },
    getPolicyVersion: { as: 'viewer', path: { version: '1' }, status: 200 },
    listTasks: { as: 'viewer', path: {}, query: '?limit=2', status: 200 },
    getTask: { as: 'viewer', path: { taskId: seed.tasks.main }, status: 200 },
    listTaskEvents: { as: 'viewer', path: { taskId: seed.tasks.main }, status: 200 },
    retryTask: { as: 'editor', path: { taskId: seed.tasks.failed }, status: 200 },
    resyncTask: { as: 'editor', path: { taskId: seed.tasks.main }, status: 200 },
    changeTaskRepo: {
      as: 'editor',
      path: { taskId: seed.tasks.noRepo },
      body: { repo: 'acme/api' },
      status: 200,
    },
    forceLinkPullRequest: {
      as: 'editor',
      path: { taskId: seed.tasks.main },
      body: { number: 12 },
      status: 200,
    },
    addTaskNote: { as: 'editor', path: { taskId: seed.tasks.main }, body: { text: 'Checked.' }, status: 200 },
    getAnalyticsSummary: { as: 'viewer', path: {}, status: 200 },
    getAnalyticsFunnel: { as: 'viewer', path: {}, query: FEBRUARY, status: 200 },
    getAnalyticsLeadTime: { as: 'viewer', path: {}, query: FEBRUARY, status: 200 },
    getAnalyticsFailures: { as: 'viewer', path: {}, query: `${FEBRUARY}&limit=5`, status: 200 },
    getWebhooksHealth: { as: 'viewer', path: {}, status: 200 },
    getJobsHealth: { as: 'viewer', path: {}, status: 200 },
    listApprovals: { as: 'viewer', path: {}, query: '?state=all', status: 200 },
    getApproval: { as: 'viewer', path: { approvalId: 'a-approve' }, status: 200 },
    decideApproval: {
      as: 'editor',
      path: { approvalId: 'a-approve' },
      body: { decision: 'approve' },
      status: 200,
    },
    listTokens: { as: 'admin', path: {}, status: 200 },
    createToken: { as: 'admin', path: {}, body: { name: 'deploy bot', role: 'editor' }, status: 201 },
    getToken: { as: 'admin', path: { tokenId: seed.tokens.viewer.token.tokenId }, status: 200 },
    revokeToken: { as: 'admin', path: { tokenId: seed.tokens.editor.token.tokenId }, status: 200 },
    ...triggerScenarios(),
  });
  const triggerScenarios = (): Record<string, Scenario> => ({
    listTriggers: { as: 'viewer', path: {}, status: 200 },
    createTrigger: { as: 'admin', path: {}, body: validBody('createTrigger'), status: 201 },
    getTrigger: { as: 'viewer', path: { triggerId: 'deploy' }, status: 200 },
    createTriggerVersion: {
      as: 'admin',
      path: { triggerId: 'deploy' },
      body: validBody('createTriggerVersion'),
      status: 201,
    },
    startTrigger: {
      as: 'admin',
      path: { triggerId: 'deploy' },
      body: { inputs: { env: 'staging' } },
      status: 202,
    },
    setTriggerEnabled: { as: 'admin', path: { triggerId: 'deploy' }, body: { enabled: false }, status: 200 },
  });

  it('has a success scenario for every operation of the document', () => {
    expect(Object.keys(scenarios()).sort()).toEqual(operations.map((o) => o.operationId).sort());
  });

  it('answers 401 with WWW-Authenticate: Bearer without a token, with a malformed one, and with an unknown one', async () => {
    const unknown = `afp_${'0'.repeat(43)}${'0'.repeat(6)}`;
    for (const { operationId } of operations)
      for (const token of [undefined, 'afp_nope', unknown]) {
        const res = await drive(operationId, {
          ...(token && { token }),
          path: missing,
          body: validBody(operationId),
        });
        expect({ operationId, status: res.status, auth: res.headers.get('www-authenticate') }).toEqual({
          operationId,
          status: 401,
          auth: 'Bearer',
        });
      }
  });

  it('answers 403 to a token whose role is too low, before looking at anything else', async () => {
    for (const { operationId, role } of operations.filter((o) => o.role !== 'viewer'))
      for (const who of role === 'admin' ? (['viewer', 'editor'] as const) : (['viewer'] as const)) {
        const res = await drive(operationId, {
          token: tokenOf(who),
          path: missing,
          body: validBody(operationId),
        });
        expect({ operationId, who, status: res.status }).toEqual({ operationId, who, status: 403 });
      }
  });

  it('answers 404 for ids that do not exist and for ids that cannot exist', async () => {
    for (const { operationId, path } of operations.filter((o) => o.path.includes('{'))) {
      const res = await drive(operationId, {
        token: tokenOf('admin'),
        path: missing,
        body: validBody(operationId),
      });
      expect({ operationId, status: res.status }).toEqual({ operationId, status: 404 });
      if (path.includes('{taskId}')) {
        const bad = await drive(operationId, {
          token: tokenOf('admin'),
          path: { ...missing, taskId: 'not a task id!' },
          body: validBody(operationId),
        });
        expect({ operationId, status: bad.status }).toEqual({ operationId, status: 404 });
      }
    }
  });

  it('answers 422 naming the field for every invalid example body, and 400 for a body that is not JSON', async () => {
    for (const [operationId, { invalid }] of examples)
      for (const body of invalid) {
        const res = await drive(operationId, { token: tokenOf('admin'), path: missing, body });
        expect({ operationId, body, status: res.status }).toEqual({ operationId, body, status: 422 });
        expect(res.json.errors.length).toBeGreaterThan(0);
      }
    const res = await drive('addLink', {
      token: tokenOf('admin'),
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    expect(res.status).toBe(400);
  });

  it('answers 422 for invalid query parameters and references', async () => {
    const tasks = await drive('listTasks', { token: tokenOf('viewer'), query: '?limit=0&status=DONE' });
    const approvals = await drive('listApprovals', { token: tokenOf('viewer'), query: '?state=some' });
    const cursor = await drive('listTasks', { token: tokenOf('viewer'), query: '?cursor=not-ours' });
    const unknownRepo = await drive('updateProject', {
      token: tokenOf('admin'),
      body: { defaultRepo: 'acme/unknown' },
    });

    expect(tasks.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'status']);
    expect(approvals.status).toBe(422);
    expect(cursor.status).toBe(422);
    expect(unknownRepo.json.errors).toEqual([{ path: 'defaultRepo', message: 'must be one of the repos' }]);
  });

  it('answers 422 naming the field for a range backwards, too long or malformed, and a bad limit', async () => {
    const viewer = tokenOf('viewer');
    const backwards = await drive('getAnalyticsFunnel', {
      token: viewer,
      query: '?from=2026-02-10&to=2026-02-01',
    });
    const tooLong = await drive('getAnalyticsLeadTime', {
      token: viewer,
      query: '?from=2025-01-01&to=2026-02-28',
    });
    const malformed = await drive('getAnalyticsFunnel', {
      token: viewer,
      query: '?from=2026-02-30&to=yesterday',
    });
    const limit = await drive('getAnalyticsFailures', { token: viewer, query: `${FEBRUARY}&limit=51` });
    const unknown = await drive('getAnalyticsFunnel', { token: viewer, query: '?since=2026-02-01' });
    const paths = (res: V1Response) => res.json.errors.map((e: { path: string }) => e.path).sort();

    expect([backwards, tooLong, malformed, limit, unknown].map((r) => r.status)).toEqual([
      422, 422, 422, 422, 422,
    ]);
    expect(paths(backwards)).toEqual(['from']);
    expect(paths(tooLong)).toEqual(['to']);
    expect(paths(malformed)).toEqual(['from', 'to']);
    expect(paths(limit)).toEqual(['limit']);
    expect(unknown.json.errors).toEqual([{ path: '(root)', message: expect.stringContaining('since') }]);
  });

  it("reports the token's own project analytics, none of another project's", async () => {
    const viewer = tokenOf('viewer');
    await h.deps.webhookHealth.record(seed.a.projectId, 'github', 'accepted', h.clock.now());
    await h.deps.webhookHealth.record(seed.b.projectId, 'asana', 'failed', h.clock.now());
    h.queue.sendRaw('{}');

    const summary = await drive('getAnalyticsSummary', { token: viewer });
    const funnel = await drive('getAnalyticsFunnel', { token: viewer, query: FEBRUARY });
    const leadTime = await drive('getAnalyticsLeadTime', { token: viewer, query: FEBRUARY });
    const failures = await drive('getAnalyticsFailures', { token: viewer, query: FEBRUARY });
    const webhooks = await drive('getWebhooksHealth', { token: viewer });
    const jobs = await drive('getJobsHealth', { token: viewer });
    const defaultRange = await drive('getAnalyticsFunnel', { token: viewer });

    expect(summary.json).toMatchObject({
      byStatus: { RECEIVED: 1, ISSUE_CREATED: 1, FAILED: 1, DEPLOYED: 0 },
      total: 3,
      open: 3,
    });
    expect(funnel.json).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      stages: [
        { stage: 'AUTOTASK', count: 3 },
        { stage: 'ISSUE', count: 1 },
        { stage: 'PR', count: 0 },
        { stage: 'MERGE', count: 0 },
        { stage: 'CI_SUCCESS', count: 0 },
        { stage: 'DEPLOYED', count: 0 },
      ],
    });
    expect(leadTime.json.weeks.every((w: { count: number }) => w.count === 0)).toBe(true);
    expect(failures.json.reasons).toEqual([{ reason: 'github.create_issue failed', count: 1 }]);
    expect(webhooks.json.github.totals).toEqual({ accepted: 1 });
    expect(webhooks.json.asana).toMatchObject({ totals: {}, lastDeliveryAt: null });
    expect(jobs.json).toMatchObject({ queueDepth: 1, deadLetterDepth: 0 });
    expect(defaultRange.json).toMatchObject({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('answers every operation successfully, as documented', async () => {
    for (const [operationId, s] of Object.entries(scenarios())) {
      const res = await drive(operationId, {
        token: tokenOf(s.as),
        path: s.path,
        ...(s.body !== undefined && { body: s.body }),
        ...(s.query && { query: s.query }),
      });
      expect({ operationId, status: res.status, body: res.status >= 400 ? res.json : undefined }).toEqual({
        operationId,
        status: s.status,
        body: undefined,
      });
    }
    expect(h.policySaves).toEqual([seed.a.projectId]);
  });

  it('answers 409 on conflicts and 410 when an approval wait is over', async () => {
    const admin = tokenOf('admin');
    const dupRepo = await drive('addRepo', { token: admin, body: { repo: 'acme/web' } });
    const nothing = await drive('retryTask', { token: admin, path: { taskId: seed.tasks.main } });
    await drive('decideApproval', {
      token: admin,
      path: { approvalId: 'a-twice' },
      body: { decision: 'approve' },
    });
    const twice = await drive('decideApproval', {
      token: admin,
      path: { approvalId: 'a-twice' },
      body: { decision: 'reject' },
    });
    const expired = await drive('decideApproval', {
      token: admin,
      path: { approvalId: 'a-expired' },
      body: { decision: 'approve' },
    });

    expect([dupRepo.status, nothing.status, twice.status, expired.status]).toEqual([409, 409, 409, 410]);
    expect(twice.json.type).toBe('urn:autoflow:problem:already_decided');
  });

  it('answers 422 with Cedar’s messages for an invalid policy set', async () => {
    const res = await drive('savePolicyVersion', {
      token: tokenOf('admin'),
      body: { text: 'permit (principal, action == Action::"no-such-action", resource);' },
    });

    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({
      path: expect.stringMatching(/^\d+:\d+$/),
      message: expect.any(String),
    });
  });

  it('lets no token act after it is revoked', async () => {
    const res = await drive('getProject', { token: tokenOf('editor') });

    expect(res.status).toBe(401);
  });

  it('saw every operation answer at least one success and one error', () => {
    for (const { operationId } of operations) {
      const statuses = [...(seen.get(operationId) ?? [])];
      expect({
        operationId,
        ok: statuses.some((s) => s < 300),
        error: statuses.some((s) => s >= 400),
      }).toEqual({
        operationId,
        ok: true,
        error: true,
      });
    }
  });
});
