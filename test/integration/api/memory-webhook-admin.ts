import { PermanentIntegrationError } from '#core/errors.js';
import type { AsanaWebhook, AsanaWebhookRegistry, RepoHook, WebhookAdmin } from '#lambdas/console-ports.js';
import type { Clock, HandshakeStore } from '#lambdas/ports.js';

/**
 * Asana webhooks and GitHub repo hooks in memory, behaving like the real services where the use
 * cases care: creating an Asana webhook needs the receiver's handshake window open (Asana calls it
 * before answering), and a repo in `deniedRepos` answers like a token without admin:repo_hook.
 */
export function memoryWebhookAdmin(deps: {
  handshakes: HandshakeStore;
  registry: AsanaWebhookRegistry;
  clock: Clock;
  githubSecret: (projectId: string) => Promise<string | undefined>;
}): WebhookAdmin & {
  asanaHooks: AsanaWebhook[];
  githubHooks: Map<string, RepoHook[]>;
  deniedRepos: Set<string>;
  deleted: string[];
} {
  const asanaHooks: AsanaWebhook[] = [];
  const githubHooks = new Map<string, RepoHook[]>();
  const deniedRepos = new Set<string>();
  const deleted: string[] = [];
  let next = 5000;
  const denied = (repo: string) => {
    if (deniedRepos.has(repo))
      throw new PermanentIntegrationError(
        `token lacks admin:repo_hook on ${repo} (GitHub answered 404 to list hooks)`,
      );
  };
  return {
    asanaHooks,
    githubHooks,
    deniedRepos,
    deleted,
    handshakes: deps.handshakes,
    registry: deps.registry,
    githubWebhookSecret: async (projectId) => deps.githubSecret(projectId),
    asanaWebhooks: async (projectId) => ({
      listWebhooks: async (_workspace, resourceGid) =>
        asanaHooks.filter((h) => h.resourceGid === resourceGid),
      createWebhook: async (resourceGid, target) => {
        if (!(await deps.handshakes.consume(projectId, deps.clock.now())))
          throw new PermanentIntegrationError(
            'Asana create webhook failed (400): handshake was not answered',
          );
        const hook = { gid: String(next++), resourceGid, target, active: true };
        asanaHooks.push(hook);
        return hook;
      },
      deleteWebhook: async (gid) => {
        deleted.push(gid);
        asanaHooks.splice(
          asanaHooks.findIndex((h) => h.gid === gid),
          1,
        );
      },
    }),
    repoHooks: async () => ({
      listHooks: async (repo) => {
        denied(repo);
        return githubHooks.get(repo) ?? [];
      },
      createHook: async (repo, hook) => {
        denied(repo);
        const created = { id: next++, url: hook.url, contentType: 'json', events: hook.events, active: true };
        githubHooks.set(repo, [...(githubHooks.get(repo) ?? []), created]);
        return created;
      },
    }),
  };
}
