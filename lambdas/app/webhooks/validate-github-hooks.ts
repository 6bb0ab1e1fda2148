import { AutoFlowError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { RepoHook, WebhookAdmin } from '#lambdas/console-ports.js';
import type { Logger } from '#lambdas/ports.js';

/** The GitHub events the receiver needs (issues, PRs, CI runs). */
export const GITHUB_HOOK_EVENTS = ['issues', 'pull_request', 'workflow_run'] as const;

/** The verdict on one repository's webhook. */
export interface GitHubHookResult {
  repo: string;
  status: 'ok' | 'created' | 'misconfigured' | 'missing';
  hookId?: number;
  /** What is wrong (misconfigured) or why it could not be checked or created (missing). */
  problems?: string[];
}

/** What is wrong with a hook that delivers to our URL; empty when it is right. */
export function hookProblems(hook: RepoHook): string[] {
  const missing = GITHUB_HOOK_EVENTS.filter((e) => !hook.events.includes(e) && !hook.events.includes('*'));
  return [
    ...(hook.contentType === 'json' ? [] : [`content type is ${hook.contentType}, not json`]),
    ...(missing.length > 0 ? [`events missing: ${missing.join(', ')}`] : []),
    ...(hook.active ? [] : ['the hook is inactive']),
  ];
}

/**
 * "Validate GitHub webhooks": for each of the project's repos, lists its hooks and checks ours is
 * there (our URL, JSON, the events we need, active). A missing hook is created when the webhook
 * secret is set and the token allows; otherwise the reason is reported. A misconfigured hook is
 * reported, not changed (someone set it up by hand; they fix it or delete it and validate again).
 */
export async function validateGitHubHooks(
  input: { project: ProjectConfig; url: string },
  deps: { webhookAdmin: WebhookAdmin; logger: Logger },
): Promise<GitHubHookResult[]> {
  const { project, url } = input;
  const github = await deps.webhookAdmin.repoHooks(project.projectId);
  const secret = await deps.webhookAdmin.githubWebhookSecret(project.projectId);
  const results: GitHubHookResult[] = [];
  for (const repo of project.github.repos) {
    try {
      const ours = (await github.listHooks(repo)).find((h) => h.url === url);
      if (ours) {
        const problems = hookProblems(ours);
        results.push(
          problems.length === 0
            ? { repo, status: 'ok', hookId: ours.id }
            : { repo, status: 'misconfigured', hookId: ours.id, problems },
        );
        continue;
      }
      if (!secret) {
        results.push({
          repo,
          status: 'missing',
          problems: ['set the GitHub webhook secret in Settings first'],
        });
        continue;
      }
      const created = await github.createHook(repo, { url, secret, events: [...GITHUB_HOOK_EVENTS] });
      results.push({ repo, status: 'created', hookId: created.id });
    } catch (error) {
      if (!(error instanceof AutoFlowError)) throw error;
      deps.logger.warn('github hook check failed', {
        projectId: project.projectId,
        repo,
        reason: error.message,
      });
      results.push({ repo, status: 'missing', problems: [error.message] });
    }
  }
  return results;
}
