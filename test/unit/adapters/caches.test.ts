import { describe, expect, it } from 'vitest';
import { CachedProjectStore } from '#adapters/cached-project-store.js';
import { CachedWebhookSecrets } from '#adapters/cached-webhook-secrets.js';
import { TokenIntegrations } from '#adapters/token-integrations.js';
import { PermanentIntegrationError } from '#core/errors.js';
import type { ChangeReader, IssueTracker, WorkflowRuns, WorkTracker } from '#lambdas/ports.js';
import { createProjectConfig } from '../../helpers/factories.js';
import { fixedClock, memoryProjects, memorySecrets } from '../../helpers/memory-ports.js';

describe('CachedProjectStore', () => {
  it('reads a project once per TTL and again after a write', async () => {
    const clock = fixedClock();
    const inner = memoryProjects([createProjectConfig({ projectId: 'p1' })]);
    let reads = 0;
    const counting = { ...inner, getProject: async (id: string) => (reads++, inner.getProject(id)) };
    const store = new CachedProjectStore({ inner: counting, clock, ttlMs: 1000 });
    await store.getProject('p1');
    await store.getProject('p1');
    expect(reads).toBe(1);
    clock.advance(1001);
    await store.getProject('p1');
    expect(reads).toBe(2);
    await store.changeProject('p1', (p) => ({ ...p, name: 'Renamed' }));
    expect((await store.getProject('p1'))?.name).toBe('Renamed');
  });
});

describe('CachedWebhookSecrets', () => {
  it('invalidates on the Asana handshake write', async () => {
    const secrets = new CachedWebhookSecrets({
      inner: memorySecrets({ p1: { github: 'g' } }),
      clock: fixedClock(),
    });
    expect(await secrets.get('p1')).toEqual({ github: 'g' });
    await secrets.putAsana('p1', 'a');
    expect(await secrets.get('p1')).toEqual({ github: 'g', asana: 'a' });
  });
});

describe('TokenIntegrations', () => {
  const factories = (built: string[]) => ({
    issueTracker: (token: string) => (built.push(`gh:${token}`), {} as IssueTracker),
    changeReader: (token: string) => (built.push(`cr:${token}`), {} as ChangeReader),
    workTracker: (token: string) => (built.push(`as:${token}`), {} as WorkTracker),
    workflowRuns: (token: string) => (built.push(`wr:${token}`), {} as WorkflowRuns),
  });

  it('builds a client per project token and reuses it', async () => {
    const built: string[] = [];
    const integrations = new TokenIntegrations({
      tokens: { get: async () => ({ github: 't1' }) },
      factories: factories(built),
      clock: fixedClock(),
    });
    await integrations.issueTracker('p1');
    await integrations.issueTracker('p1');
    expect(built).toEqual(['gh:t1']);
  });

  it('fails permanently, naming the service, when the project has no token', async () => {
    const integrations = new TokenIntegrations({
      tokens: { get: async () => ({}) },
      factories: factories([]),
      clock: fixedClock(),
    });
    await expect(integrations.workTracker('p1')).rejects.toThrow(PermanentIntegrationError);
    await expect(integrations.workTracker('p1')).rejects.toThrow(/no asana token/);
  });
});
