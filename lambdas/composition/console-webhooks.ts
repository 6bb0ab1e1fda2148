import { AsanaSdkWebhooks } from '#adapters/asana/asana-webhooks.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { createOctokit } from '#adapters/github/create-octokit.js';
import { OctokitRepoHooks } from '#adapters/github/octokit-repo-hooks.js';
import { PermanentIntegrationError } from '#core/errors.js';
import type { AsanaWebhookRegistry, WebhookAdmin } from '#lambdas/console-ports.js';
import type { HandshakeStore, IntegrationTokens, WebhookSecrets } from '#lambdas/ports.js';

/** What the webhooks page's clients are built from. */
export interface TokenWebhookAdminOptions {
  tokens: IntegrationTokens;
  webhookSecrets: Pick<WebhookSecrets, 'get'>;
  handshakes: HandshakeStore;
  registry: AsanaWebhookRegistry;
  githubBaseUrl?: string | undefined;
  asanaBaseUrl?: string | undefined;
}

/** The webhooks page's per-project Asana and GitHub clients, built from the project's tokens. */
export function tokenWebhookAdmin(o: TokenWebhookAdminOptions): WebhookAdmin {
  const token = async (projectId: string, kind: 'github' | 'asana') => {
    const value = (await o.tokens.get(projectId))[kind];
    if (!value)
      throw new PermanentIntegrationError(
        `The project has no ${kind === 'github' ? 'GitHub' : 'Asana'} token: set it in Settings`,
      );
    return value;
  };
  return {
    handshakes: o.handshakes,
    registry: o.registry,
    asanaWebhooks: async (projectId) =>
      new AsanaSdkWebhooks({
        client: createAsanaClient({
          token: await token(projectId, 'asana'),
          ...(o.asanaBaseUrl ? { basePath: o.asanaBaseUrl } : {}),
        }),
      }),
    repoHooks: async (projectId) =>
      new OctokitRepoHooks({
        client: createOctokit({
          token: await token(projectId, 'github'),
          ...(o.githubBaseUrl ? { baseUrl: o.githubBaseUrl } : {}),
          // A few admin calls at a user's click: no write pacing needed.
          paceWrites: false,
        }),
      }),
    githubWebhookSecret: async (projectId) => (await o.webhookSecrets.get(projectId)).github,
  };
}
