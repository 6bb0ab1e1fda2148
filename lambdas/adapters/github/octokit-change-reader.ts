import type { Octokit } from '@octokit/rest';
import type { InboundEvent } from '#core/events.js';
import type { ChangeReader, HookDelivery } from '#lambdas/ports.js';
import { isGitHubHttpError, isTransientGitHubError, translateGitHubError } from './errors.js';
import { splitRepo } from './split-repo.js';

type PullRequestEvent = Extract<InboundEvent, { type: 'github.pull_request' }>;
type WorkflowRunEvent = Extract<InboundEvent, { type: 'github.workflow_run' }>;

interface RestPull {
  number: number;
  html_url: string;
  body: string | null;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  created_at: string;
  updated_at: string;
  base: { ref: string; repo: { full_name: string; default_branch: string } | null };
  head: { sha: string };
}

const PULLS_PER_PAGE = 100;
/** At most this many pages (3,000 PRs) are read back for one task. */
const MAX_PULL_PAGES = 30;

/** Reads pull requests and workflow runs back from GitHub, shaped like the webhook events they replace. */
export class OctokitChangeReader implements ChangeReader {
  constructor(private readonly options: { client: Octokit }) {}

  /** `GET /user`: the cheapest authenticated call; 401/403 (not a rate limit) mean the token no longer works. */
  async checkToken(): Promise<'ok' | 'invalid'> {
    try {
      await this.options.client.rest.users.getAuthenticated();
      return 'ok';
    } catch (error) {
      if (isGitHubHttpError(error) && (error.status === 401 || error.status === 403)) {
        if (!isTransientGitHubError(error)) return 'invalid';
      }
      return translateGitHubError(error, 'check the token');
    }
  }

  async listPullRequestsSince(repo: string, since: string): Promise<PullRequestEvent[]> {
    const found: PullRequestEvent[] = [];
    try {
      // Newest created first: page back until a PR older than `since` (or the last page) shows up.
      for (let page = 1; page <= MAX_PULL_PAGES; page++) {
        const { data } = await this.options.client.rest.pulls.list({
          ...splitRepo(repo),
          state: 'all',
          sort: 'created',
          direction: 'desc',
          per_page: PULLS_PER_PAGE,
          page,
        });
        const pulls = data as unknown as RestPull[];
        const recent = pulls.filter((pr) => Date.parse(pr.created_at) >= Date.parse(since));
        found.push(...recent.map((pr) => toPullRequestEvent(repo, pr)));
        if (pulls.length < PULLS_PER_PAGE || recent.length < pulls.length) break;
      }
      return found;
    } catch (error) {
      return translateGitHubError(error, `list pull requests of ${repo}`);
    }
  }

  async getPullRequest(repo: string, number: number): Promise<PullRequestEvent | undefined> {
    try {
      const { data } = await this.options.client.rest.pulls.get({ ...splitRepo(repo), pull_number: number });
      return toPullRequestEvent(repo, data as unknown as RestPull);
    } catch (error) {
      if (isGitHubHttpError(error) && error.status === 404) return undefined;
      return translateGitHubError(error, `read ${repo}#${number}`);
    }
  }

  async listWorkflowRuns(repo: string, headSha: string): Promise<WorkflowRunEvent[]> {
    try {
      const { data } = await this.options.client.rest.actions.listWorkflowRunsForRepo({
        ...splitRepo(repo),
        head_sha: headSha,
        per_page: 100,
      });
      return data.workflow_runs.map((run) => ({
        type: 'github.workflow_run',
        action: run.status === 'completed' ? 'completed' : (run.status ?? 'requested'),
        repo,
        runId: run.id,
        workflow: run.name ?? `workflow ${run.id}`,
        headSha: run.head_sha,
        headBranch: run.head_branch ?? null,
        status: run.status ?? 'queued',
        conclusion: run.conclusion ?? null,
        url: run.html_url,
        occurredAt: run.updated_at,
      }));
    } catch (error) {
      return translateGitHubError(error, `list workflow runs of ${repo}@${headSha.slice(0, 7)}`);
    }
  }

  async findHooks(repo: string, url: string): Promise<{ id: number }[]> {
    try {
      const { data } = await this.options.client.rest.repos.listWebhooks({
        ...splitRepo(repo),
        per_page: 100,
      });
      return data.filter((hook) => hook.config.url === url).map((hook) => ({ id: hook.id }));
    } catch (error) {
      return translateGitHubError(error, `list webhooks of ${repo}`);
    }
  }

  async listHookDeliveries(repo: string, hookId: number, limit: number): Promise<HookDelivery[]> {
    try {
      const { data } = await this.options.client.rest.repos.listWebhookDeliveries({
        ...splitRepo(repo),
        hook_id: hookId,
        per_page: Math.min(100, limit),
      });
      return data.map((d) => ({
        id: d.id,
        guid: d.guid,
        deliveredAt: d.delivered_at,
        statusCode: d.status_code,
        event: d.event,
      }));
    } catch (error) {
      return translateGitHubError(error, `list deliveries of hook ${hookId} in ${repo}`);
    }
  }

  async redeliver(repo: string, hookId: number, deliveryId: number): Promise<void> {
    try {
      await this.options.client.rest.repos.redeliverWebhookDelivery({
        ...splitRepo(repo),
        hook_id: hookId,
        delivery_id: deliveryId,
      });
    } catch (error) {
      translateGitHubError(error, `redeliver ${deliveryId} of hook ${hookId} in ${repo}`);
    }
  }
}

function toPullRequestEvent(repo: string, pr: RestPull): PullRequestEvent {
  const merged = pr.merged_at !== null;
  return {
    type: 'github.pull_request',
    action: pr.state === 'closed' ? 'closed' : 'synchronize',
    repo,
    number: pr.number,
    url: pr.html_url,
    body: pr.body ?? '',
    baseRef: pr.base.ref,
    defaultBranch: pr.base.repo?.default_branch ?? pr.base.ref,
    merged,
    mergeSha: merged ? pr.merge_commit_sha : null,
    headSha: pr.head.sha,
    state: pr.state === 'closed' ? 'closed' : 'open',
    occurredAt: pr.updated_at,
  };
}
