import { AsanaWorkTracker } from '#adapters/asana/asana-work-tracker.js';
import { createAsanaClient } from '#adapters/asana/create-asana-client.js';
import { PermanentIntegrationError } from '#core/errors.js';
import type { IntegrationTokens } from '#lambdas/ports.js';

/** The console's per-project Asana client, built from the project's token (rebuilt when it changes). */
export function tokenAsana(
  tokens: IntegrationTokens,
  asanaBaseUrl: string | undefined,
): (projectId: string) => Promise<AsanaWorkTracker> {
  const clients = new Map<string, { token: string; client: AsanaWorkTracker }>();
  return async (projectId) => {
    const token = (await tokens.get(projectId)).asana;
    if (!token) throw new PermanentIntegrationError('The project has no Asana token: set it in Settings');
    const hit = clients.get(projectId);
    if (hit?.token === token) return hit.client;
    const client = new AsanaWorkTracker({
      client: createAsanaClient({ token, ...(asanaBaseUrl ? { basePath: asanaBaseUrl } : {}) }),
    });
    clients.set(projectId, { token, client });
    return client;
  };
}
