import { describe, expect, it } from 'vitest';
import { integrationStatus, toSettingsView } from '#lambdas/api/views/settings-view.js';
import { toTaskRow } from '#lambdas/api/views/task-view.js';
import { createProjectConfig, createTask, MERGE_SHA } from '../../helpers/factories.js';

const run = (status: string, conclusion: string | null) => ({
  runId: 1,
  url: 'https://ci/1',
  status,
  conclusion,
  occurredAt: '2026-01-01T00:00:00.000Z',
});

describe('console views', () => {
  it('summarises CI on the merge commit for the dashboard', () => {
    const row = (ciRuns: Record<string, ReturnType<typeof run>>) =>
      toTaskRow(createTask({ mergeSha: MERGE_SHA, ciRuns })).ci.state;

    expect(row({})).toBe('none');
    expect(row({ build: run('in_progress', null) })).toBe('running');
    expect(row({ build: run('completed', 'success'), test: run('completed', 'failure') })).toBe('failed');
    expect(row({ build: run('completed', 'success') })).toBe('passed');
  });

  it('reduces secrets to set or not', () => {
    const view = toSettingsView(createProjectConfig(), {
      githubToken: true,
      asanaToken: false,
      githubWebhookSecret: true,
      asanaWebhookSecret: false,
    });

    expect(view.secrets.githubToken).toEqual({ set: true, masked: '••••••••' });
    expect(view.secrets.asanaToken).toEqual({ set: false, masked: null });
  });

  it('names what a project still needs before it can run', () => {
    const none = {
      githubToken: false,
      asanaToken: false,
      githubWebhookSecret: false,
      asanaWebhookSecret: false,
    };

    expect(integrationStatus(createProjectConfig(), none)).toEqual({
      ready: false,
      missing: ['Asana token', 'GitHub token', 'GitHub webhook secret'],
    });
    expect(
      integrationStatus(createProjectConfig(), {
        ...none,
        githubToken: true,
        asanaToken: true,
        githubWebhookSecret: true,
      }).ready,
    ).toBe(true);
  });
});
