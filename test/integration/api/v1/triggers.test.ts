import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTriggerDefinition } from '#lambdas/api/v1/trigger-examples.js';
import { startDynalite, type Dynalite } from '../../../helpers/dynalite.js';
import { DocumentValidator } from './document-validator.js';
import { seedTwoProjects, type TwoProjects } from './v1-fixture.js';
import { call, createV1Harness, type V1Harness, type V1Response } from './v1-harness.js';

const SECRET = 'deploy-hmac-secret-42';

describe('/api/v1 triggers', () => {
  let db: Dynalite;
  let h: V1Harness;
  let seed: TwoProjects;
  let doc: DocumentValidator;
  const responses: V1Response[] = [];

  beforeAll(async () => {
    db = await startDynalite();
    h = await createV1Harness(db);
    seed = await seedTwoProjects(h);
    doc = new DocumentValidator((await call(h, 'GET', '/openapi.json')).json);
  });
  afterAll(() => db.stop());

  /** Calls an operation as a role of project A and checks the answer against the document. */
  async function send(
    operationId: string,
    method: string,
    path: string,
    who: 'admin' | 'editor' | 'viewer',
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<V1Response> {
    const res = await call(h, method, path, {
      token: seed.tokens[who].secret,
      ...(body !== undefined && { body }),
      ...(headers && { headers }),
    });
    expect(doc.checkResponse(operationId, res)).toEqual([]);
    responses.push(res);
    return res;
  }
  const auditOf = async (type: string) =>
    (await h.audit.listChain(seed.a.projectId)).filter((e) => e.type === type);

  it('creates a trigger and a new version as the token, audits both, and never returns the secret', async () => {
    const created = await send('createTrigger', 'POST', '/triggers', 'admin', {
      id: 'deploy',
      definition: exampleTriggerDefinition,
      secret: SECRET,
    });
    const renamed = { ...exampleTriggerDefinition, name: 'Deploy (v2)' };
    const updated = await send('createTriggerVersion', 'POST', '/triggers/deploy/versions', 'admin', {
      baseVersion: 1,
      definition: renamed,
    });
    const got = await send('getTrigger', 'GET', '/triggers/deploy', 'viewer');
    const list = await send('listTriggers', 'GET', '/triggers', 'viewer');

    const by = `token:${seed.tokens.admin.token.tokenId}`;
    expect(created.status).toBe(201);
    expect(updated.json.trigger).toMatchObject({ version: 2, savedBy: by, secretSet: true, builtIn: false });
    expect(got.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.json.items.map((t: { triggerId: string }) => t.triggerId)).toEqual(['deploy']);
    expect(
      list.json.builtIns.find((t: { triggerId: string }) => t.triggerId === 'create-issue'),
    ).toMatchObject({ required: true, enabled: true });
    expect(
      (await auditOf('trigger.saved')).map((e) => [e.actor, e.data.version, e.data.secretChanged]),
    ).toEqual([
      [by, 1, true],
      [by, 2, false],
    ]);
    expect(await h.triggerSecrets.get(seed.a.projectId, 'deploy')).toBe(SECRET);
  });

  it('answers 409 to a stale base version and 422 to a taken id or an unknown placeholder', async () => {
    const stale = await send('createTriggerVersion', 'POST', '/triggers/deploy/versions', 'admin', {
      baseVersion: 1,
      definition: exampleTriggerDefinition,
    });
    const taken = await send('createTrigger', 'POST', '/triggers', 'admin', {
      id: 'deploy',
      definition: exampleTriggerDefinition,
    });
    const placeholder = await send('createTrigger', 'POST', '/triggers', 'admin', {
      id: 'deploy-branch',
      definition: {
        ...exampleTriggerDefinition,
        action: {
          ...exampleTriggerDefinition.action,
          params: { ...exampleTriggerDefinition.action.params, ref: '{{task.branch}}' },
        },
      },
    });
    const builtIn = await send('createTrigger', 'POST', '/triggers', 'admin', {
      id: 'fix-forward',
      definition: exampleTriggerDefinition,
    });

    expect([stale.status, taken.status, placeholder.status, builtIn.status]).toEqual([409, 422, 422, 409]);
    expect(taken.json.errors).toEqual([{ path: 'id', message: expect.stringContaining('taken') }]);
    expect(JSON.stringify(placeholder.json.errors)).toContain('unknown placeholder {{task.branch}}');
    expect(builtIn.json.type).toBe('urn:autoflow:problem:built_in');
  });

  it('switches built-ins and user triggers, but never a required built-in (409)', async () => {
    const required = await send('setTriggerEnabled', 'PUT', '/triggers/create-issue/enabled', 'admin', {
      enabled: false,
    });
    const fixForward = await send('setTriggerEnabled', 'PUT', '/triggers/fix-forward/enabled', 'admin', {
      enabled: true,
    });
    const builtIn = await send('getTrigger', 'GET', '/triggers/fix-forward', 'viewer');

    expect(required.status).toBe(409);
    expect(required.json.type).toBe('urn:autoflow:problem:built_in');
    expect(fixForward.json).toEqual({ triggerId: 'fix-forward', enabled: true });
    expect(builtIn.json).toMatchObject({ trigger: { builtIn: true, enabled: true }, versions: [] });
    expect((await auditOf('trigger.switched')).map((e) => [e.subject, e.actor, e.data.enabled])).toEqual([
      ['fix-forward', `token:${seed.tokens.admin.token.tokenId}`, true],
    ]);
  });

  it('refuses a run with invalid inputs (422 naming the input) and a built-in run (409), starting nothing', async () => {
    const choice = await send('startTrigger', 'POST', '/triggers/deploy/start', 'editor', {
      inputs: { env: 'qa' },
    });
    const unknown = await send('startTrigger', 'POST', '/triggers/deploy/start', 'editor', {
      inputs: { env: 'staging', region: 'eu' },
    });
    const builtIn = await send('startTrigger', 'POST', '/triggers/fix-forward/start', 'editor', {});

    expect([choice.status, unknown.status, builtIn.status]).toEqual([422, 422, 409]);
    expect(choice.json.errors[0]).toMatchObject({ path: 'env' });
    expect(JSON.stringify(unknown.json.errors)).toContain('region');
    expect(h.started).toEqual([]);
  });

  it('starts a run as the token through the action machine, once per Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'deploy-staging-1' };
    const first = await send(
      'startTrigger',
      'POST',
      '/triggers/deploy/start',
      'editor',
      { inputs: { env: 'staging' } },
      headers,
    );
    const again = await send(
      'startTrigger',
      'POST',
      '/triggers/deploy/start',
      'editor',
      { inputs: { env: 'staging' } },
      headers,
    );

    const token = `token:${seed.tokens.editor.token.tokenId}`;
    expect(first.status).toBe(202);
    expect(first.json.params).toMatchObject({ kind: 'github.workflow_dispatch', environment: 'staging' });
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(h.started).toHaveLength(1);
    expect(h.started[0]).toMatchObject({
      actionId: first.json.actionId,
      requestedBy: { type: 'User', id: token },
      trigger: { id: 'deploy', version: 2 },
    });
    expect((await auditOf('trigger.started')).map((e) => [e.actor, e.subject])).toEqual([
      [token, first.json.actionId],
    ]);
  });

  it('refuses a run while the kill switch is on, and a run of a disabled trigger (409 each)', async () => {
    await h.deps.killSwitches.setKillSwitch({ projectId: seed.a.projectId }, true, 'ops', new Date());
    const killed = await send('startTrigger', 'POST', '/triggers/deploy/start', 'editor', {
      inputs: { env: 'staging' },
    });
    await h.deps.killSwitches.setKillSwitch({ projectId: seed.a.projectId }, false, 'ops', new Date());
    await send('setTriggerEnabled', 'PUT', '/triggers/deploy/enabled', 'admin', { enabled: false });
    const disabled = await send('startTrigger', 'POST', '/triggers/deploy/start', 'editor', {
      inputs: { env: 'staging' },
    });

    expect([killed.json.type, disabled.json.type]).toEqual([
      'urn:autoflow:problem:kill_switch_on',
      'urn:autoflow:problem:trigger_disabled',
    ]);
    expect([killed.status, disabled.status]).toEqual([409, 409]);
    expect(h.started).toHaveLength(1);
  });

  it('showed no trigger secret in any response', () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const res of responses) expect(res.text).not.toContain(SECRET);
  });
});
