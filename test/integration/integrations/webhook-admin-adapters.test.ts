import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsanaSdkWebhooks } from '#adapters/asana/asana-webhooks.js';
import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitRepoHooks } from '#adapters/github/octokit-repo-hooks.js';
import { PermanentIntegrationError } from '#core/errors.js';
import { NO_HOOKS_TOKEN_SUFFIX } from '../../../scripts/sandbox/github-http.js';
import type { ProjectSummary, Sandbox } from '../../../scripts/sandbox/index.js';
import { startReceiver, type Receiver } from '../sandbox/receiver.js';
import { ASANA_TOKEN, GITHUB_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

describe('webhook admin adapters against the sandbox', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let project: ProjectSummary;
  const asanaClient = () =>
    createAsanaClient({ token: ASANA_TOKEN, basePath: `${sandbox.url}/asana/api/1.0` });
  const hooks = (token = GITHUB_TOKEN) =>
    new OctokitRepoHooks({
      client: createOctokit({ token, baseUrl: `${sandbox.url}/github`, paceWrites: false, retries: 0 }),
    });

  beforeAll(async () => {
    receiver = await startReceiver();
    sandbox = await startTestSandbox();
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    project = sandbox.control.createProject({ name: 'Roadmap' });
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it('AsanaSdkWebhooks creates a webhook through the handshake, lists and deletes it', async () => {
    const asana = new AsanaSdkWebhooks({ client: asanaClient() });
    const target = `${receiver.url}/asana`;

    const created = await asana.createWebhook(project.gid, target);

    expect(created).toEqual({ gid: expect.any(String), resourceGid: project.gid, target, active: true });
    expect(receiver.requests.some((r) => r.headers['x-hook-secret'])).toBe(true);
    const workspace = sandbox.state.asana.workspaceGid;
    expect(await asana.listWebhooks(workspace, project.gid)).toEqual([created]);
    await asana.deleteWebhook(created.gid);
    expect(await asana.listWebhooks(workspace, project.gid)).toEqual([]);
  });

  it('AsanaSdkWebhooks surfaces a failed handshake with Asana’s message', async () => {
    receiver.echoHookSecret(false);
    const asana = new AsanaSdkWebhooks({ client: asanaClient() });

    const attempt = asana.createWebhook(project.gid, `${receiver.url}/no-echo`);

    await expect(attempt).rejects.toThrow(PermanentIntegrationError);
    await expect(attempt).rejects.toThrow(/handshake/);
    receiver.echoHookSecret(true);
  });

  it('AsanaWorkTracker lists an Asana project’s custom fields with their options', async () => {
    const fields = await new AsanaWorkTracker({ client: asanaClient() }).listProjectFields(project.gid);

    expect(fields.map((f) => [f.gid, f.name, f.type])).toEqual([
      [project.fields.autoTask.gid, 'AutoTask', 'enum'],
      [project.fields.repo.gid, 'Repo', 'enum'],
      [project.fields.status.gid, 'Status', 'enum'],
    ]);
    expect(fields[1]!.options.map((o) => o.name)).toContain('acme/web');
  });

  it('OctokitRepoHooks creates a JSON hook with our events and lists it back', async () => {
    const created = await hooks().createHook('acme/web', {
      url: `${receiver.url}/github`,
      secret: 'hook-secret-value',
      events: ['issues', 'pull_request', 'workflow_run'],
    });

    expect(created).toEqual({
      id: expect.any(Number),
      url: `${receiver.url}/github`,
      contentType: 'json',
      events: ['issues', 'pull_request', 'workflow_run'],
      active: true,
    });
    expect(await hooks().listHooks('acme/web')).toEqual([created]);
  });

  it('OctokitRepoHooks says the token lacks admin:repo_hook when GitHub hides the hooks from it', async () => {
    const limited = hooks(`${GITHUB_TOKEN}${NO_HOOKS_TOKEN_SUFFIX}`);

    await expect(limited.listHooks('acme/web')).rejects.toThrow(
      /token lacks admin:repo_hook on acme\/web, or the repo does not exist \(GitHub answered 404 to list hooks\)/,
    );
    await expect(
      limited.createHook('acme/web', {
        url: `${receiver.url}/other`,
        secret: 's'.repeat(20),
        events: ['issues'],
      }),
    ).rejects.toThrow(/token lacks admin:repo_hook/);
  });

  it('OctokitRepoHooks names the missing permission when GitHub refuses', async () => {
    await expect(hooks().listHooks('acme/missing-repo')).rejects.toThrow(
      /token lacks admin:repo_hook on acme\/missing-repo/,
    );
  });
});
