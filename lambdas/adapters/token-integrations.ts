import { MissingTokenError } from '#core/errors.js';
import type {
  ChangeReader,
  Clock,
  IntegrationTokens,
  Integrations,
  IssueTracker,
  WorkflowRuns,
  WorkTracker,
} from '#lambdas/ports.js';

/** How to build clients from a project's token (Octokit, Asana SDK, or their sandbox-pointed twins). */
export interface IntegrationFactories {
  issueTracker(token: string): IssueTracker;
  changeReader(token: string): ChangeReader;
  workTracker(token: string): WorkTracker;
  workflowRuns(token: string): WorkflowRuns;
}

type Kind = keyof IntegrationFactories;
const SERVICE: Record<Kind, 'github' | 'asana'> = {
  issueTracker: 'github',
  changeReader: 'github',
  workTracker: 'asana',
  workflowRuns: 'github',
};

/**
 * Builds per-project GitHub and Asana clients from the project's tokens, cached briefly so a
 * rotated token is picked up within `ttlMs`.
 */
export class TokenIntegrations implements Integrations {
  private readonly cache = new Map<string, { client: unknown; token: string; until: number }>();

  constructor(
    private readonly options: {
      tokens: IntegrationTokens;
      factories: IntegrationFactories;
      clock: Clock;
      ttlMs?: number;
    },
  ) {}

  issueTracker(projectId: string): Promise<IssueTracker> {
    return this.client(projectId, 'issueTracker');
  }

  changeReader(projectId: string): Promise<ChangeReader> {
    return this.client(projectId, 'changeReader');
  }

  workTracker(projectId: string): Promise<WorkTracker> {
    return this.client(projectId, 'workTracker');
  }

  workflowRuns(projectId: string): Promise<WorkflowRuns> {
    return this.client(projectId, 'workflowRuns');
  }

  private async client<K extends Kind>(
    projectId: string,
    kind: K,
  ): Promise<ReturnType<IntegrationFactories[K]>> {
    const key = `${kind}:${projectId}`;
    const now = this.options.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.client as ReturnType<IntegrationFactories[K]>;
    const service = SERVICE[kind];
    const token = (await this.options.tokens.get(projectId))[service];
    if (!token) throw new MissingTokenError(`Project ${projectId} has no ${service} token configured`);
    const client = hit && hit.token === token ? hit.client : this.options.factories[kind](token);
    this.cache.set(key, { client, token, until: now + (this.options.ttlMs ?? 300_000) });
    return client as ReturnType<IntegrationFactories[K]>;
  }
}
