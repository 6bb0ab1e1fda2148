import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitIssueTracker } from '#adapters/github/octokit-issue-tracker.js';
import type { IntegrationFactories } from '#adapters/token-integrations.js';

/** Where the integrations live, and whether GitHub writes must be paced (real GitHub: yes). */
export interface IntegrationEndpoints {
  githubBaseUrl?: string | undefined;
  asanaBaseUrl?: string | undefined;
  /** @default true */
  paceGithubWrites?: boolean;
}

/** Octokit- and Asana-SDK-backed clients for a project's tokens. */
export function integrationFactories(endpoints: IntegrationEndpoints): IntegrationFactories {
  return {
    issueTracker: (token) =>
      new OctokitIssueTracker({
        client: createOctokit({
          token,
          ...(endpoints.githubBaseUrl ? { baseUrl: endpoints.githubBaseUrl } : {}),
          paceWrites: endpoints.paceGithubWrites ?? true,
        }),
      }),
    workTracker: (token) =>
      new AsanaWorkTracker({
        client: createAsanaClient({
          token,
          ...(endpoints.asanaBaseUrl ? { basePath: endpoints.asanaBaseUrl } : {}),
        }),
      }),
  };
}
