import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '#core/project-config.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import { createProjectConfig } from '../../helpers/factories.js';
import type { Browser } from './harness.js';
import { createHarness, ORIGIN, seedProject, signedInAdmin, type Harness } from './harness.js';

describe('webhooks page actions', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;
  let project: ProjectConfig;
  const asanaTarget = () => `${ORIGIN}/webhooks/asana/${project.projectId}`;
  const githubUrl = () => `${ORIGIN}/webhooks/github/${project.projectId}`;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    project = await seedProject(h, {
      asana: { ...createProjectConfig().asana, projectGids: ['ap-1', 'ap-2'] },
    });
  });

  it('creates one Asana webhook per Asana project through the handshake, records and shows them', async () => {
    const res = await admin.post('/projects/acme/webhooks/asana/setup');

    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { asanaProjectGid: 'ap-1', status: 'created', webhookGid: expect.any(String) },
      { asanaProjectGid: 'ap-2', status: 'created', webhookGid: expect.any(String) },
    ]);
    expect(h.webhookAdmin.asanaHooks.map((w) => [w.resourceGid, w.target])).toEqual([
      ['ap-1', asanaTarget()],
      ['ap-2', asanaTarget()],
    ]);
    const page = await admin.get('/projects/acme/webhooks');
    expect(
      page.json.asana.webhooks.map((w: { asanaProjectGid: string }) => w.asanaProjectGid).sort(),
    ).toEqual(['ap-1', 'ap-2']);
  });

  it('keeps an active webhook and replaces one Asana deactivated (idempotent)', async () => {
    await admin.post('/projects/acme/webhooks/asana/setup');
    const [first, second] = h.webhookAdmin.asanaHooks;
    second!.active = false;

    const res = await admin.post('/projects/acme/webhooks/asana/setup');

    expect(res.json.results).toEqual([
      { asanaProjectGid: 'ap-1', status: 'kept', webhookGid: first!.gid },
      { asanaProjectGid: 'ap-2', status: 'created', webhookGid: expect.not.stringMatching(second!.gid) },
    ]);
    expect(h.webhookAdmin.deleted).toEqual([second!.gid]);
    expect(h.webhookAdmin.asanaHooks).toHaveLength(2);
  });

  it('refuses to set up Asana webhooks before Asana is configured, naming the field', async () => {
    await h.deps.projects.changeProject(project.projectId, (p) => ({
      ...p,
      asana: { ...p.asana, projectGids: [] },
    }));

    const res = await admin.post('/projects/acme/webhooks/asana/setup');

    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      { path: 'asana.projectGids', message: 'set it in Settings first' },
    ]);
  });

  it('reports each repo: ok, created, misconfigured, or missing with the reason', async () => {
    await h.deps.projects.changeProject(project.projectId, (p) => ({
      ...p,
      github: { ...p.github, repos: ['acme/ok', 'acme/new', 'acme/form', 'acme/locked'] },
    }));
    h.webhookAdmin.githubHooks.set('acme/ok', [
      {
        id: 1,
        url: githubUrl(),
        contentType: 'json',
        events: ['issues', 'pull_request', 'workflow_run'],
        active: true,
      },
    ]);
    h.webhookAdmin.githubHooks.set('acme/form', [
      { id: 2, url: githubUrl(), contentType: 'form', events: ['issues'], active: false },
    ]);
    h.webhookAdmin.deniedRepos.add('acme/locked');

    const res = await admin.post('/projects/acme/webhooks/github/validate');

    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      { repo: 'acme/ok', status: 'ok', hookId: 1 },
      { repo: 'acme/new', status: 'created', hookId: expect.any(Number) },
      {
        repo: 'acme/form',
        status: 'misconfigured',
        hookId: 2,
        problems: [
          'content type is form, not json',
          'events missing: pull_request, workflow_run',
          'the hook is inactive',
        ],
      },
      {
        repo: 'acme/locked',
        status: 'missing',
        problems: [expect.stringContaining('token lacks admin:repo_hook')],
      },
    ]);
    expect(h.webhookAdmin.githubHooks.get('acme/new')).toEqual([
      expect.objectContaining({ url: githubUrl(), contentType: 'json', active: true }),
    ]);
  });

  it('does not create a GitHub hook without the webhook secret', async () => {
    h.secrets.values.set(project.projectId, { githubToken: 'gh-token-value-000000000000' });

    const res = await admin.post('/projects/acme/webhooks/github/validate');

    expect(res.json.results[0]).toEqual({
      repo: project.github.repos[0],
      status: 'missing',
      problems: ['set the GitHub webhook secret in Settings first'],
    });
    expect(h.webhookAdmin.githubHooks.size).toBe(0);
  });

  it('audits both actions in the project chain, without secrets', async () => {
    await admin.post('/projects/acme/webhooks/asana/setup');
    await admin.post('/projects/acme/webhooks/github/validate');

    const chain = await h.audit.listChain(project.projectId);
    expect(chain.map((e) => [e.type, e.subject, e.actor])).toEqual([
      ['webhooks.changed', 'asana', 'user:root-admin'],
      ['webhooks.changed', 'github', 'user:root-admin'],
    ]);
    expect(JSON.stringify(chain)).not.toContain('whsec-SECRET');
  });
});
