import { describe, expect, it } from 'vitest';
import type { IntegrationHealth } from '#core/integration-health.js';
import type { ProjectConfig } from '#core/project-config.js';
import { member, type Harness, perTestAdminHarness } from './harness.js';
import type { Browser } from './harness.js';

describe('integration health in the console views', () => {
  let h: Harness;
  let admin: Browser;
  let project: ProjectConfig;
  perTestAdminHarness((bed) => ({ h, admin, project } = bed));

  const unhealthy = (): IntegrationHealth => ({
    projectId: project.projectId,
    github: 'invalid',
    asana: 'ok',
    asanaWebhooks: {
      state: 'recreated',
      projectGids: ['asana-proj-1'],
      recreatedAt: '2026-11-25T09:55:00.000Z',
    },
    checkedAt: '2026-11-25T09:55:00.000Z',
    changedAt: '2026-11-25T09:55:00.000Z',
    lastError: 'GitHub check the token failed (401): Bad credentials',
  });

  it('shows a project never checked as not checked yet, with no problems', async () => {
    const res = await admin.get('/projects');

    expect(res.status).toBe(200);
    expect(res.json.items[0].health).toEqual({
      checkedAt: null,
      github: null,
      asana: null,
      asanaWebhooks: null,
      problems: [],
      lastError: null,
    });
  });

  it('lists the token that stopped working and the re-created Asana webhook on the projects list', async () => {
    await h.deps.integrationHealth.putHealth(unhealthy());

    const res = await admin.get('/projects');

    expect(res.json.items[0].health).toMatchObject({
      github: 'invalid',
      asanaWebhooks: { state: 'recreated', recreatedAt: '2026-11-25T09:55:00.000Z' },
      problems: ['github_token_invalid', 'asana_webhook_recreated'],
    });
  });

  it('shows the same health to a viewer on the settings and webhooks pages, and after a settings save', async () => {
    await h.deps.integrationHealth.putHealth(unhealthy());
    const viewer = await member(h, admin, 'acme', 'viewer', 'vera');

    const settings = await viewer.get('/projects/acme/settings');
    const webhooks = await viewer.get('/projects/acme/webhooks');
    const saved = await admin.put('/projects/acme/settings', { name: 'Acme renamed' });

    expect(settings.status).toBe(200);
    expect(settings.json.health.problems).toEqual(['github_token_invalid', 'asana_webhook_recreated']);
    expect(webhooks.status).toBe(200);
    expect(webhooks.json.integrations).toMatchObject({
      github: 'invalid',
      asanaWebhooks: { state: 'recreated', projectGids: ['asana-proj-1'] },
    });
    expect(saved.json.health.github).toBe('invalid');
  });
});
