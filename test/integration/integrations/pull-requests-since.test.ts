import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitChangeReader } from '#adapters/github/octokit-change-reader.js';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { GITHUB_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('listPullRequestsSince against the sandbox', () => {
  let sandbox: Sandbox;
  let reader: OctokitChangeReader;
  let between: string;

  beforeAll(async () => {
    // No agent: the only PRs are the ones opened here.
    sandbox = await startTestSandbox({ agentDelayMs: 60_000 });
    sandbox.control.seedRepos({ repos: ['acme/paged'] });
    reader = new OctokitChangeReader({
      client: createOctokit({ token: GITHUB_TOKEN, baseUrl: `${sandbox.url}/github`, paceWrites: false }),
    });
    for (let i = 1; i <= 130; i++) sandbox.control.openPull({ repo: 'acme/paged', body: `Fixes #${i}` });
    // GitHub (and the sandbox) give whole seconds: start the second batch on the next second.
    const next = Math.ceil((Date.now() + 1) / 1000) * 1000;
    between = new Date(next).toISOString();
    await sleep(next - Date.now() + 50);
    for (let i = 131; i <= 250; i++) sandbox.control.openPull({ repo: 'acme/paged', body: `Fixes #${i}` });
  });
  afterAll(() => sandbox.stop());

  it('pages back through every PR created since a time, newest first (here: 3 pages of 100)', async () => {
    const all = await reader.listPullRequestsSince('acme/paged', '2000-01-01T00:00:00.000Z');

    expect(all).toHaveLength(250);
    expect(all[0]!.body).toBe('Fixes #250');
    expect(all.at(-1)!.body).toBe('Fixes #1');
  });

  it('stops at the first PR older than the time: an old task does not lose its PR past the first page', async () => {
    const recent = await reader.listPullRequestsSince('acme/paged', between);

    expect(recent).toHaveLength(120);
    expect(recent.map((pr) => pr.body)).toContain('Fixes #131');
    expect(recent.map((pr) => pr.body)).not.toContain('Fixes #130');
  });
});
