import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitWorkflowRuns } from '#adapters/github/octokit-workflow-runs.js';
import { PermanentIntegrationError } from '#core/errors.js';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { GITHUB_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

const HEAD = 'a'.repeat(40);

describe('OctokitWorkflowRuns against the sandbox', () => {
  let sandbox: Sandbox;
  let runs: OctokitWorkflowRuns;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ ciDelayMs: 20 });
    sandbox.control.seedRepos({ repos: ['acme/web'] });
    runs = new OctokitWorkflowRuns({
      client: createOctokit({
        token: GITHUB_TOKEN,
        baseUrl: `${sandbox.url}/github`,
        paceWrites: false,
        retries: 0,
      }),
    });
  });
  afterAll(() => sandbox.stop());

  it('dispatches a workflow: the sandbox starts a workflow_dispatch run with the inputs', async () => {
    await runs.dispatch({
      repo: 'acme/web',
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { env: 'staging', pr: 12 },
    });

    const run = sandbox.state.github.runs.find((r) => r.event === 'workflow_dispatch');
    expect(run).toMatchObject({
      repo: 'acme/web',
      name: 'deploy',
      headBranch: 'main',
      inputs: { env: 'staging', pr: 12 },
    });
  });

  it('approves a run waiting for approval, which then runs to green', async () => {
    const waiting = sandbox.control.startRun({
      repo: 'acme/web',
      headSha: HEAD,
      conclusion: 'action_required',
    });
    await expect
      .poll(() => sandbox.state.github.runs.find((r) => r.id === waiting.id)?.conclusion)
      .toBe('action_required');

    await runs.approveRun('acme/web', waiting.id);

    expect(sandbox.state.github.runs.find((r) => r.id === waiting.id)?.approvedAt).toEqual(
      expect.any(String),
    );
    await expect
      .poll(() => sandbox.state.github.runs.find((r) => r.id === waiting.id)?.conclusion)
      .toBe('success');
  });

  it('refuses to approve a run that is not waiting (403 → permanent)', async () => {
    const green = sandbox.control.startRun({ repo: 'acme/web', headSha: HEAD, conclusion: 'success' });
    await expect(runs.approveRun('acme/web', green.id)).rejects.toThrow(PermanentIntegrationError);
  });
});
