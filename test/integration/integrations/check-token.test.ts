import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitChangeReader } from '#adapters/github/octokit-change-reader.js';
import { TransientIntegrationError } from '#core/errors.js';
import type { Sandbox } from '../../../scripts/sandbox/index.js';
import { ASANA_TOKEN, GITHUB_TOKEN, startTestSandbox } from '../sandbox/sandbox-client.js';

describe('checkToken against the sandbox', () => {
  let sandbox: Sandbox;

  const github = (token = GITHUB_TOKEN) =>
    new OctokitChangeReader({
      client: createOctokit({ token, baseUrl: `${sandbox.url}/github`, paceWrites: false, retries: 0 }),
    });
  const asana = (token = ASANA_TOKEN) =>
    new AsanaWorkTracker({ client: createAsanaClient({ token, basePath: `${sandbox.url}/asana/api/1.0` }) });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  beforeEach(() => {
    sandbox.control.clearFaults();
    sandbox.control.setTokenRevoked('github', false);
    sandbox.control.setTokenRevoked('asana', false);
  });
  afterAll(() => sandbox.stop());

  it('says ok for tokens GitHub and Asana accept', async () => {
    expect(await github().checkToken()).toBe('ok');
    expect(await asana().checkToken()).toBe('ok');
  });

  it('says invalid for a wrong token and for one the service revoked', async () => {
    expect(await github('ghp_wrong').checkToken()).toBe('invalid');
    expect(await asana('2/wrong').checkToken()).toBe('invalid');
    sandbox.control.setTokenRevoked('github', true);
    sandbox.control.setTokenRevoked('asana', true);
    expect(await github().checkToken()).toBe('invalid');
    expect(await asana().checkToken()).toBe('invalid');
  });

  it('throws a transient error when the service fails', async () => {
    sandbox.control.addFault({ service: 'github', status: 502, count: 1 });
    await expect(github().checkToken()).rejects.toBeInstanceOf(TransientIntegrationError);
    sandbox.control.addFault({ service: 'asana', status: 503, count: 5 });
    await expect(asana().checkToken()).rejects.toBeInstanceOf(TransientIntegrationError);
  });

  it('waits out a secondary rate limit instead of calling the token invalid; a plain 403 is invalid', async () => {
    sandbox.control.addFault({ service: 'github', status: 403, retryAfterSeconds: 1, count: 1 });
    expect(await github().checkToken()).toBe('ok');
    sandbox.control.addFault({ service: 'github', status: 403, message: 'Token expired', count: 1 });
    expect(await github().checkToken()).toBe('invalid');
  });

  it('revokes a token through the control API, and names a bad service or flag', async () => {
    const put = (service: string, body: unknown) =>
      fetch(`${sandbox.url}/sandbox/tokens/${service}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const revoked = await put('asana', { revoked: true });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ service: 'asana', revoked: true });
    expect(await asana().checkToken()).toBe('invalid');

    const badService = await put('jira', { revoked: true });
    expect(badService.status).toBe(400);
    expect(JSON.stringify(await badService.json())).toContain('service');
    const badFlag = await put('github', { revoked: 'yes' });
    expect(badFlag.status).toBe(400);
    expect(JSON.stringify(await badFlag.json())).toContain('revoked');
  });
});
