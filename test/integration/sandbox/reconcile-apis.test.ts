import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { githubEventOf, startReceiver, type Receiver } from './receiver.js';
import { asana, control, github, startTestSandbox } from './sandbox-client.js';

interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  repository_id: number;
}

/** The fields Auto-Flow's Asana adapter asks for (see AsanaWorkTracker). */
const TASK_FIELDS =
  'gid,name,notes,completed,modified_at,permalink_url,custom_fields.gid,custom_fields.name,custom_fields.type,' +
  'custom_fields.resource_subtype,custom_fields.enum_value.gid,custom_fields.enum_value.name,custom_fields.text_value';

describe('sandbox APIs a reconciler needs', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let project: ProjectSummary;
  let hookId: number;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web', 'acme/api'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
    receiver.respondWith((r) => (r.path === '/failing' ? 500 : 200));
    hookId = Number(
      sandbox.control.registerHook({ repo: 'acme/web', url: `${receiver.url}/gh`, events: ['issues'] }).id,
    );
    await sandbox.control.idle();
    receiver.requests.length = 0;
  });
  afterEach(() => sandbox.stop());
  afterAll(() => receiver.stop());

  const deliveries = (query = '') =>
    github<HookDelivery[]>(sandbox, `/repos/acme/web/hooks/${hookId}/deliveries${query}`);

  describe('GitHub hook deliveries', () => {
    it("lists a hook's deliveries newest first, shaped like GitHub's", async () => {
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'one' } });
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'two', labels: ['bug'] } });
      await sandbox.control.idle();

      const res = await deliveries();

      expect(res.status).toBe(200);
      expect(res.body.map((d) => `${d.event}.${d.action ?? ''}`)).toEqual([
        'issues.labeled',
        'issues.opened',
        'issues.opened',
        'ping.',
      ]);
      expect(res.body[0]).toEqual({
        id: expect.any(Number),
        guid: receiver.requests.find((r) => githubEventOf(r) === 'issues.labeled')!.headers[
          'x-github-delivery'
        ],
        delivered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        redelivery: false,
        duration: expect.any(Number),
        status: 'OK',
        status_code: 200,
        event: 'issues',
        action: 'labeled',
        installation_id: null,
        repository_id: sandbox.state.github.repos['acme/web']!.id,
        throttled_at: null,
      });
      expect(res.body.map((d) => d.id)).toEqual([...res.body.map((d) => d.id)].sort((a, b) => b - a));
    });

    it('lists failed and lost deliveries as failures, and filters by status', async () => {
      sandbox.control.setChaos({ webhooks: { github: { drop: 1 } } });
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'lost' } });
      await sandbox.control.idle();
      sandbox.control.clearChaos();
      sandbox.state.github.hooks[0]!.url = `${receiver.url}/failing`;
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'refused' } });
      await sandbox.control.idle();

      const failures = await deliveries('?status=failure');
      const successes = await deliveries('?status=success');

      expect(failures.body.map((d) => [d.status_code, d.status, d.redelivery])).toEqual([
        [500, 'Invalid HTTP Response: 500', true],
        [500, 'Invalid HTTP Response: 500', true],
        [500, 'Invalid HTTP Response: 500', true],
        [500, 'Invalid HTTP Response: 500', false],
        [0, 'timed out', false],
      ]);
      expect(successes.body.map((d) => d.event)).toEqual(['ping']);
    });

    it('pages with a cursor in the Link header', async () => {
      for (const title of ['a', 'b', 'c'])
        await github(sandbox, '/repos/acme/web/issues', { body: { title } });
      await sandbox.control.idle();

      const first = await deliveries('?per_page=2');
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
      const second = await fetch(next!, { headers: { authorization: 'token gh-sandbox-token' } });
      const rest = (await second.json()) as HookDelivery[];

      expect(first.body).toHaveLength(2);
      expect(rest.map((d) => d.event)).toEqual(['issues', 'ping']);
      expect(second.headers.get('link')).toBeNull();
      expect(new Set([...first.body, ...rest].map((d) => d.id)).size).toBe(4);
    });

    it('redelivers a delivery with the same X-GitHub-Delivery and payload, listed as a redelivery', async () => {
      sandbox.control.setChaos({ webhooks: { github: { drop: 1, events: ['issues'] } } });
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'missed' } });
      await sandbox.control.idle();
      sandbox.control.clearChaos();
      const [lost] = (await deliveries('?status=failure')).body;

      const res = await github(sandbox, `/repos/acme/web/hooks/${hookId}/deliveries/${lost!.id}/attempts`, {
        method: 'POST',
      });
      const [arrived] = await receiver.waitFor((r) => githubEventOf(r) === 'issues.opened');
      await sandbox.control.idle();
      const [latest] = (await deliveries()).body;

      expect(res.status).toBe(202);
      expect(res.body).toEqual({});
      expect(arrived!.headers['x-github-delivery']).toBe(lost!.guid);
      expect(JSON.parse(arrived!.body)).toMatchObject({ action: 'opened', issue: { title: 'missed' } });
      expect(latest).toMatchObject({ guid: lost!.guid, redelivery: true, status_code: 200, status: 'OK' });
    });

    it('shows one delivery with its request headers and payload', async () => {
      await github(sandbox, '/repos/acme/web/issues', { body: { title: 'detail' } });
      await sandbox.control.idle();
      const [one] = (await deliveries()).body;

      const res = await github<{
        request: { headers: Record<string, string>; payload: unknown };
        url: string;
      }>(sandbox, `/repos/acme/web/hooks/${hookId}/deliveries/${one!.id}`);

      expect(res.body).toMatchObject({ id: one!.id, guid: one!.guid, url: `${receiver.url}/gh` });
      expect(res.body.request.headers).toMatchObject({
        'X-GitHub-Delivery': one!.guid,
        'X-GitHub-Event': 'issues',
      });
      expect(res.body.request.payload).toMatchObject({ action: 'opened', issue: { title: 'detail' } });
    });

    it('answers 404 for an unknown hook, a hook of another repo, or an unknown delivery', async () => {
      const unknownHook = await github(sandbox, '/repos/acme/web/hooks/999/deliveries');
      const otherRepo = await github(sandbox, `/repos/acme/api/hooks/${hookId}/deliveries`);
      const unknownDelivery = await github(sandbox, `/repos/acme/web/hooks/${hookId}/deliveries/1/attempts`, {
        method: 'POST',
      });

      expect([unknownHook.status, otherRepo.status, unknownDelivery.status]).toEqual([404, 404, 404]);
      expect(unknownHook.body).toMatchObject({ message: 'Not Found' });
    });

    it('returns a single hook with its last response', async () => {
      const res = await github(sandbox, `/repos/acme/web/hooks/${hookId}`);

      expect(res.body).toMatchObject({
        id: hookId,
        active: true,
        last_response: { code: 200, status: 'active' },
      });
    });
  });

  describe('GitHub pulls and runs', () => {
    it('lists pulls of every state with their bodies, filtered by head and base', async () => {
      const fixes = sandbox.control.openPull({
        repo: 'acme/web',
        body: 'Adds search.\n\nFixes #4',
        head: 'feat/search',
      });
      const refs = sandbox.control.openPull({
        repo: 'acme/web',
        body: 'Refs #4',
        head: 'feat/other',
        base: 'develop',
      });
      sandbox.control.mergePull({ repo: 'acme/web', number: fixes.number });

      const all = await github<{ number: number; body: string; state: string }[]>(
        sandbox,
        '/repos/acme/web/pulls?state=all',
      );
      const byHead = await github<{ number: number }[]>(
        sandbox,
        '/repos/acme/web/pulls?state=all&head=acme:feat/search',
      );
      const byBase = await github<{ number: number }[]>(
        sandbox,
        '/repos/acme/web/pulls?state=all&base=develop',
      );
      const open = await github<{ number: number }[]>(sandbox, '/repos/acme/web/pulls');

      expect(all.body.map((p) => [p.number, p.state, p.body])).toEqual([
        [refs.number, 'open', 'Refs #4'],
        [fixes.number, 'closed', 'Adds search.\n\nFixes #4'],
      ]);
      expect(all.body.filter((p) => /\bFixes #4\b/.test(p.body)).map((p) => p.number)).toEqual([
        fixes.number,
      ]);
      expect(byHead.body.map((p) => p.number)).toEqual([fixes.number]);
      expect(byBase.body.map((p) => p.number)).toEqual([refs.number]);
      expect(open.body.map((p) => p.number)).toEqual([refs.number]);
    });

    it('lists the runs of one commit', async () => {
      const sha = 'a'.repeat(40);
      sandbox.control.startRun({ repo: 'acme/web', headSha: sha, name: 'build' });
      sandbox.control.startRun({ repo: 'acme/web', headSha: 'b'.repeat(40), name: 'build' });

      const res = await github<{ total_count: number; workflow_runs: { head_sha: string; name: string }[] }>(
        sandbox,
        `/repos/acme/web/actions/runs?head_sha=${sha}`,
      );

      expect(res.body.total_count).toBe(1);
      expect(res.body.workflow_runs).toEqual([expect.objectContaining({ head_sha: sha, name: 'build' })]);
    });
  });

  describe('Asana', () => {
    it('lists the tasks of a project modified since a time, compact or with the fields the worker reads', async () => {
      const old = sandbox.control.createTask({ projectGid: project.gid, name: 'old', autoTask: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const since = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const fresh = sandbox.control.createTask({
        projectGid: project.gid,
        name: 'fresh',
        autoTask: true,
        repo: 'acme/web',
        status: 'Blocked',
      });

      const compact = await asana<{ data: Record<string, unknown>[] }>(
        sandbox,
        `/projects/${project.gid}/tasks?modified_since=${since}`,
      );
      const skinny = await asana<{ data: Record<string, unknown>[] }>(
        sandbox,
        `/projects/${project.gid}/tasks?modified_since=${since}&opt_fields=gid,modified_at&limit=100`,
      );
      const full = await asana<{ data: Record<string, unknown>[] }>(
        sandbox,
        `/projects/${project.gid}/tasks?modified_since=${since}&opt_fields=${TASK_FIELDS}`,
      );
      const single = await asana<{ data: unknown }>(
        sandbox,
        `/tasks/${String(fresh.gid)}?opt_fields=${TASK_FIELDS}`,
      );

      expect(compact.body.data).toEqual([
        { gid: fresh.gid, resource_type: 'task', resource_subtype: 'default_task', name: 'fresh' },
      ]);
      expect(skinny.body.data).toEqual([{ gid: fresh.gid, modified_at: expect.any(String) }]);
      expect(full.body.data).toEqual([single.body.data]);
      expect(full.body.data[0]).toMatchObject({
        custom_fields: expect.arrayContaining([
          expect.objectContaining({
            name: 'Repo',
            enum_value: expect.objectContaining({ name: 'acme/web' }),
          }),
          expect.objectContaining({
            name: 'Status',
            enum_value: expect.objectContaining({ name: 'Blocked' }),
          }),
        ]),
      });
      expect(JSON.stringify(full.body.data)).not.toContain(String(old.gid));
    });

    it('lists webhooks by workspace and resource, and loses one deleted as Asana does after failures', async () => {
      const created = await asana<{ data: { gid: string } }>(sandbox, '/webhooks', {
        body: { data: { resource: project.gid, target: `${receiver.url}/asana` } },
      });
      const list = () =>
        asana<{ data: { gid: string; resource: { gid: string }; active: boolean }[] }>(
          sandbox,
          `/webhooks?workspace=${project.workspaceGid}&resource=${project.gid}`,
        );
      const before = await list();

      const deleted = await control(sandbox, `/asana/webhooks/${created.body.data.gid}`, {
        method: 'DELETE',
      });
      const after = await list();
      const again = await control(sandbox, `/asana/webhooks/${created.body.data.gid}`, { method: 'DELETE' });

      expect(before.body.data).toEqual([
        expect.objectContaining({
          gid: created.body.data.gid,
          active: true,
          resource: expect.objectContaining({ gid: project.gid }),
        }),
      ]);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ deleted: [{ gid: created.body.data.gid }] });
      expect(after.body.data).toEqual([]);
      expect(again.status).toBe(404);
      expect(sandbox.control.faults().log).toEqual([
        expect.objectContaining({
          service: 'asana',
          kind: 'webhook.deleted',
          source: 'control',
          hookId: created.body.data.gid,
        }),
      ]);
    });

    it('deletes every webhook of a resource through the control API', async () => {
      for (const path of ['/a', '/b'])
        await asana(sandbox, '/webhooks', {
          body: { data: { resource: project.gid, target: `${receiver.url}${path}` } },
        });

      const res = await control<{ deleted: unknown[] }>(sandbox, `/asana/webhooks?resource=${project.gid}`, {
        method: 'DELETE',
      });

      expect(res.body.deleted).toHaveLength(2);
      expect(sandbox.state.asana.webhooks).toEqual([]);
    });
  });
});
