import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAsanaRecord } from '../../helpers/factories.js';
import { startDynalite, type Dynalite } from '../../helpers/dynalite.js';
import type { Browser } from './harness.js';
import { createHarness, member, seedProject, signedInAdmin, type Harness } from './harness.js';

describe('settings, webhooks, import and kill switch', () => {
  let db: Dynalite;
  let h: Harness;
  let admin: Browser;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    h = await createHarness(db);
    admin = await signedInAdmin(h);
    await seedProject(h);
  });

  it('shows secrets masked, writes them write-only, and never returns them', async () => {
    const res = await admin.get('/projects/acme/settings');
    expect(res.json.secrets).toEqual({
      githubToken: { set: true, masked: '••••••••' },
      asanaToken: { set: true, masked: '••••••••' },
      githubWebhookSecret: { set: true, masked: '••••••••' },
      asanaWebhookSecret: { set: false, masked: null },
    });

    const written = await admin.put('/projects/acme/settings/secrets', {
      asanaWebhookSecret: 'new-asana-hook-secret',
    });

    expect(written.json.asanaWebhookSecret).toEqual({ set: true, masked: '••••••••' });
    expect(JSON.stringify(written.json)).not.toContain('new-asana-hook-secret');
    expect((await admin.put('/projects/acme/settings/secrets', {})).json.error.issues[0].message).toBe(
      'set at least one secret',
    );
  });

  it('updates settings, naming the field that is wrong', async () => {
    const settings = (await admin.get('/projects/acme/settings')).json;

    const ok = await admin.put('/projects/acme/settings', {
      github: { ...settings.github, ciWorkflows: ['build'] },
    });
    const bad = await admin.put('/projects/acme/settings', {
      github: { ...settings.github, defaultRepo: 'acme/elsewhere' },
    });
    const badMap = await admin.put('/projects/acme/settings', {
      asana: { ...settings.asana, repoMap: { Web: 'not a repo' } },
    });
    const slug = await admin.put('/projects/acme/settings', { slug: 'renamed' });

    expect(ok.json.github.ciWorkflows).toEqual(['build']);
    expect(bad.json.error.issues).toEqual([
      { path: 'github.defaultRepo', message: 'must be one of the repos' },
    ]);
    expect(badMap.json.error.issues[0].path).toBe('asana.repoMap.Web');
    expect(slug.status).toBe(400);
  });

  it('syncs missing repos to the Asana Repo field', async () => {
    h.asana.options.set('cf-repo', [{ gid: 'o1', name: 'acme/web', enabled: true }]);

    const res = await admin.post('/projects/acme/settings/sync-repos');

    expect(res.json.added).toEqual(['acme/api']);
    expect(
      (await admin.get('/projects/acme/settings/asana-options')).json.repo.map(
        (o: { name: string }) => o.name,
      ),
    ).toEqual(['acme/web', 'acme/api']);
  });

  it('lists the Asana projects’ custom fields to choose the AutoTask, Repo and Status fields from', async () => {
    h.asana.options.set('cf-status', [{ gid: 's1', name: 'Blocked', enabled: true }]);
    h.asana.options.set('cf-other', []);

    const res = await admin.get('/projects/acme/settings/asana-options');

    expect(res.json.fields).toEqual([
      {
        gid: 'cf-status',
        name: 'Field cf-status',
        type: 'enum',
        options: [{ gid: 's1', name: 'Blocked', enabled: true }],
      },
      { gid: 'cf-other', name: 'Field cf-other', type: 'enum', options: [] },
    ]);
  });

  it('creates a project with a slug, refusing a taken one on the slug field', async () => {
    const created = await admin.post('/projects', { name: 'Web', slug: 'web', repos: ['acme/web'] });
    const taken = await admin.post('/projects', { name: 'Web 2', slug: 'web', repos: ['acme/web'] });

    expect(created.status).toBe(201);
    expect(taken.json.error.issues).toEqual([{ path: 'slug', message: 'is taken' }]);
    expect((await admin.get('/projects/web/settings')).json.secrets.githubWebhookSecret.set).toBe(true);
  });

  it('shows the webhook URLs and 7 days of delivery health', async () => {
    const { projectId } = (await h.deps.projects.getProjectBySlug('acme'))!;
    await h.deps.webhookHealth.record(projectId, 'github', 'accepted', h.clock.now());
    await h.deps.webhookHealth.record(projectId, 'github', 'rejected_signature', h.clock.now());

    const res = await admin.get('/projects/acme/webhooks');

    expect(res.json.github).toMatchObject({
      url: `https://console.example.test/webhooks/github/${projectId}`,
      secretSet: true,
      health: { totals: { accepted: 1, rejected_signature: 1 }, lastRejectedAt: h.clock.now().toISOString() },
    });
    expect(res.json.asana.health).toEqual({
      totals: {},
      lastDeliveryAt: null,
      lastOutcome: null,
      lastRejectedAt: null,
      lastFailureAt: null,
    });
  });

  it('imports the last 90 days from Asana step by step, creating new tasks and updating known ones', async () => {
    for (let i = 0; i < 3; i++)
      h.asana.tasks.set(
        `77${i}`,
        createAsanaRecord({ gid: `77${i}`, name: `Imported ${i}`, modifiedAt: '2026-02-20T00:00:00.000Z' }),
      );
    h.asana.tasks.set(
      '780',
      createAsanaRecord({ gid: '780', autoTask: 'No', modifiedAt: '2026-02-20T00:00:00.000Z' }),
    );
    const editor = await member(h, admin, 'acme', 'editor', 'eddie');

    let job = (await editor.post('/projects/acme/import')).json.job;
    const seen: number[] = [];
    while (job.status !== 'done') {
      job = (await editor.post(`/projects/acme/import/${job.jobId}/step`)).json.job;
      seen.push(job.applied);
    }

    expect(job).toMatchObject({ listed: 4, created: 3, skipped: 1, failed: 0, pendingCount: 0 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect((await admin.get('/projects/acme/tasks')).json.items).toHaveLength(3);
    expect((await admin.get('/projects/acme/import')).json.job.status).toBe('done');
    const again = (await editor.post('/projects/acme/import')).json.job;
    let rerun = again;
    while (rerun.status !== 'done')
      rerun = (await editor.post(`/projects/acme/import/${again.jobId}/step`)).json.job;
    expect(rerun).toMatchObject({ created: 0, unchanged: 3, skipped: 1 });
  });

  it('flips the project kill switch for admins, and the global one for instance admins', async () => {
    expect((await admin.put('/projects/acme/kill-switch', { on: true })).json).toEqual({
      global: false,
      project: true,
      released: 0,
    });
    expect((await admin.put('/kill-switch', { on: true })).json).toEqual({ global: true, released: 0 });
    expect((await admin.get('/projects/acme')).json.killSwitch).toEqual({ global: true, project: true });
  });
});
