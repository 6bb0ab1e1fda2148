import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import type { Browser } from './harness.js';
import { createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';

const deployDefinition = {
  name: 'Deploy',
  description: 'Dispatch the deploy workflow',
  pattern: { on: 'manual' },
  inputs: [{ name: 'env', type: 'string', choices: ['staging', 'production'] }],
  action: {
    kind: 'github.workflow_dispatch',
    params: {
      repo: 'acme/web',
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { env: '{{inputs.env}}' },
      environment: '{{inputs.env}}',
    },
  },
};

describe('trigger registry through the console API', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;
  let projectId: string;
  const base = '/projects/acme/triggers';

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    projectId = (await seedProject(h)).projectId;
  });

  it('lists the built-ins with fix forward off and the core ones required', async () => {
    const res = await admin.request('GET', base);
    expect(res.status).toBe(200);
    const builtIns = res.json.builtIns as { triggerId: string; enabled: boolean; required: boolean }[];
    expect(builtIns.find((t) => t.triggerId === 'fix-forward')).toMatchObject({
      enabled: false,
      required: false,
    });
    expect(builtIns.find((t) => t.triggerId === 'create-issue')).toMatchObject({
      enabled: true,
      required: true,
    });
    expect(res.json.items).toEqual([]);
  });

  it('creates, updates as a new version, and shows every version; the secret stays write-only', async () => {
    const created = await admin.request('POST', base, {
      id: 'deploy',
      definition: deployDefinition,
      secret: 's3cret-value',
    });
    expect(created.status).toBe(201);
    expect(created.json.trigger).toMatchObject({
      triggerId: 'deploy',
      version: 1,
      enabled: true,
      secretSet: true,
    });

    const renamed = { ...deployDefinition, name: 'Deploy (v2)' };
    expect(
      (await admin.request('PUT', `${base}/deploy`, { baseVersion: 1, definition: renamed })).status,
    ).toBe(200);
    const stale = await admin.request('PUT', `${base}/deploy`, { baseVersion: 1, definition: renamed });
    expect(stale.status).toBe(409);

    const got = await admin.request('GET', `${base}/deploy`);
    expect(got.json.trigger).toMatchObject({ version: 2, definition: { name: 'Deploy (v2)' } });
    expect((got.json.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect(JSON.stringify(admin.seen)).not.toContain('s3cret-value');
    const audit = await h.audit.listChain(projectId);
    expect(audit.filter((e) => e.type === 'trigger.saved').map((e) => e.data.version)).toEqual([1, 2]);
  });

  it('refuses an unknown placeholder with 400 naming it', async () => {
    const bad = {
      ...deployDefinition,
      action: {
        ...deployDefinition.action,
        params: { ...deployDefinition.action.params, ref: '{{task.branch}}' },
      },
    };
    const res = await admin.request('POST', base, { id: 'deploy', definition: bad });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.error.issues)).toContain('unknown placeholder {{task.branch}}');
  });

  it('starts a run through the action machine with valid inputs, as the user', async () => {
    await admin.request('POST', base, { id: 'deploy', definition: deployDefinition });
    const editor = await member(h, admin, 'acme', 'editor', 'eve-editor');

    const res = await editor.request('POST', `${base}/deploy/start`, { inputs: { env: 'staging' } });

    expect(res.status).toBe(202);
    expect(h.started).toHaveLength(1);
    expect(h.started[0]).toMatchObject({
      params: { kind: 'github.workflow_dispatch', environment: 'staging', inputs: { env: 'staging' } },
      requestedBy: { type: 'User' },
      trigger: { id: 'deploy', version: 1 },
    });
    const audit = await h.audit.listChain(projectId);
    expect(audit.find((e) => e.type === 'trigger.started')).toMatchObject({ actor: 'user:eve-editor' });
  });

  it('refuses invalid inputs with a clear 400 and starts nothing', async () => {
    await admin.request('POST', base, { id: 'deploy', definition: deployDefinition });

    const res = await admin.request('POST', `${base}/deploy/start`, { inputs: { env: 'qa' } });

    expect(res.status).toBe(400);
    expect(res.json.error.issues[0]).toMatchObject({ path: 'env' });
    expect(h.started).toEqual([]);
  });

  it('a disabled trigger does nothing: 409 trigger_disabled, no run', async () => {
    await admin.request('POST', base, { id: 'deploy', definition: deployDefinition });
    expect((await admin.request('PUT', `${base}/deploy/enabled`, { enabled: false })).status).toBe(200);

    const res = await admin.request('POST', `${base}/deploy/start`, { inputs: { env: 'staging' } });

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('trigger_disabled');
    expect(h.started).toEqual([]);
  });

  it('refuses to start a run while the kill switch is on (409), starting nothing', async () => {
    await admin.request('POST', base, { id: 'deploy', definition: deployDefinition });
    await h.deps.killSwitches.setKillSwitch({ projectId }, true, 'ops', new Date());

    const res = await admin.request('POST', `${base}/deploy/start`, { inputs: { env: 'staging' } });

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('kill_switch_on');
    expect(h.started).toEqual([]);
  });

  it('answers 404 for an update of a trigger that does not exist', async () => {
    const res = await admin.request('PUT', `${base}/nope`, { baseVersion: 1, definition: deployDefinition });
    expect(res.status).toBe(404);
  });

  it('switches fix forward on, refuses to disable a required built-in, and audits switches', async () => {
    expect((await admin.request('PUT', `${base}/fix-forward/enabled`, { enabled: true })).status).toBe(200);
    const refused = await admin.request('PUT', `${base}/create-issue/enabled`, { enabled: false });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('built_in');

    const list = await admin.request('GET', base);
    expect(
      (list.json.builtIns as { triggerId: string; enabled: boolean }[]).find(
        (t) => t.triggerId === 'fix-forward',
      )?.enabled,
    ).toBe(true);
    expect((await h.triggers.activeTriggers(projectId)).builtIns).toEqual({ 'fix-forward': true });
    const audit = await h.audit.listChain(projectId);
    expect(audit.filter((e) => e.type === 'trigger.switched').map((e) => e.subject)).toEqual(['fix-forward']);
  });
});
