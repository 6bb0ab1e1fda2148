import { PermanentIntegrationError } from '#core/errors.js';
import type { Clock, IntegrationTokens, Integrations, IssueTracker, WorkTracker } from '#lambdas/ports.js';

/** How to build clients from a project's token (Octokit, Asana SDK, or their sandbox-pointed twins). */
export interface IntegrationFactories {
  issueTracker(token: string): IssueTracker;
  workTracker(token: string): WorkTracker;
}

/**
 * Builds per-project GitHub and Asana clients from the project's tokens, cached briefly so a
 * rotated token is picked up within `ttlMs`.
 */
export class TokenIntegrations implements Integrations {
  private readonly cache = new Map<
    string,
    { client: IssueTracker | WorkTracker; token: string; until: number }
  >();

  constructor(
    private readonly options: {
      tokens: IntegrationTokens;
      factories: IntegrationFactories;
      clock: Clock;
      ttlMs?: number;
    },
  ) {}

  async issueTracker(projectId: string): Promise<IssueTracker> {
    return this.client(projectId, 'github', (token) =>
      this.options.factories.issueTracker(token),
    ) as Promise<IssueTracker>;
  }

  async workTracker(projectId: string): Promise<WorkTracker> {
    return this.client(projectId, 'asana', (token) =>
      this.options.factories.workTracker(token),
    ) as Promise<WorkTracker>;
  }

  private async client(
    projectId: string,
    service: 'github' | 'asana',
    build: (token: string) => IssueTracker | WorkTracker,
  ): Promise<IssueTracker | WorkTracker> {
    const key = `${service}:${projectId}`;
    const now = this.options.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.client;
    const token = (await this.options.tokens.get(projectId))[service];
    if (!token)
      throw new PermanentIntegrationError(`Project ${projectId} has no ${service} token configured`);
    const client = hit && hit.token === token ? hit.client : build(token);
    this.cache.set(key, { client, token, until: now + (this.options.ttlMs ?? 300_000) });
    return client;
  }
}
