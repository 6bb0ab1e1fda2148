import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitChangeReader } from '#adapters/github/octokit-change-reader.js';
import { OctokitIssueTracker } from '#adapters/github/octokit-issue-tracker.js';
import { OctokitWorkflowRuns } from '#adapters/github/octokit-workflow-runs.js';
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
  const octokit = (token: string) =>
    createOctokit({
      token,
      ...(endpoints.githubBaseUrl ? { baseUrl: endpoints.githubBaseUrl } : {}),
      paceWrites: endpoints.paceGithubWrites ?? true,
    });
  return {
    issueTracker: (token) => new OctokitIssueTracker({ client: octokit(token) }),
    changeReader: (token) => new OctokitChangeReader({ client: octokit(token) }),
    workflowRuns: (token) => new OctokitWorkflowRuns({ client: octokit(token) }),
    workTracker: (token) =>
      new AsanaWorkTracker({
        client: createAsanaClient({
          token,
          ...(endpoints.asanaBaseUrl ? { basePath: endpoints.asanaBaseUrl } : {}),
        }),
      }),
  };
}
