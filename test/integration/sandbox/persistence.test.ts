import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { asana, github, startTestSandbox } from './sandbox-client.js';

describe('sandbox persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
  const persistFile = join(dir, 'state.json');
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps repos, issues, tasks and webhooks across a restart', async () => {
    sandbox = await startTestSandbox({ persistFile });
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    const project = sandbox.control.createProject({ name: 'Kept' });
    const task = sandbox.control.createTask({
      projectGid: project.gid,
      name: 'Persist me',
      autoTask: true,
      repo: 'acme/web',
    });
    const issue = await github<{ number: number }>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Kept issue' },
    });
    await sandbox.stop();

    sandbox = await startTestSandbox({ persistFile });
    const readIssue = await github(sandbox, `/repos/acme/web/issues/${issue.body.number}`);
    const readTask = await asana<{ data: { name: string } }>(sandbox, `/tasks/${String(task.gid)}`);
    const next = await github<{ number: number }>(sandbox, '/repos/acme/web/issues', {
      body: { title: 'After restart' },
    });

    expect(readIssue.body).toMatchObject({ title: 'Kept issue' });
    expect(readTask.body.data.name).toBe('Persist me');
    expect(next.body.number).toBe(issue.body.number + 1);
  });

  it('resumes the agent’s pending steps after a restart', async () => {
    sandbox = await startTestSandbox({ persistFile, agentDelayMs: 300 });
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    await github(sandbox, '/repos/acme/web/issues', {
      body: { title: 'Interrupted', body: '/opencode implement' },
    });
    await sandbox.stop();
    expect(sandbox.state.jobs).toHaveLength(1);

    sandbox = await startTestSandbox({ persistFile });
    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(sandbox.state.github.pulls).toEqual([
      expect.objectContaining({ state: 'closed', merged: true, body: expect.stringContaining('Fixes #1') }),
    ]);
  });
});
