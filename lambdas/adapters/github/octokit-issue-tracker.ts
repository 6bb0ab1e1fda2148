import type { Octokit } from '@octokit/rest';
import type { Clock, IssueTracker, OnceOptions } from '#lambdas/ports.js';
import { isGitHubHttpError, translateGitHubError } from './errors.js';
import { splitRepo } from './split-repo.js';

export interface OctokitIssueTrackerOptions {
  /** Built by `createOctokit` (retries, throttling, timeouts). */
  client: Octokit;
  /** The label every Auto-Flow issue carries; narrows the marker search ('' searches all issues). @default 'autoflow' */
  label?: string;
  /** How far back (by last update) the marker search looks. @default 7 days */
  markerLookbackMs?: number;
  /** Pages of 100 issues the marker search reads at most. @default 3 */
  markerSearchPages?: number;
  clock?: Clock;
}

/** GitHub issues through Octokit; failures become Transient/PermanentIntegrationError. */
export class OctokitIssueTracker implements IssueTracker {
  private readonly client: Octokit;
  private readonly clock: Clock;

  constructor(private readonly options: OctokitIssueTrackerOptions) {
    this.client = options.client;
    this.clock = options.clock ?? { now: () => new Date() };
  }

  async createIssue(input: {
    repo: string;
    title: string;
    body: string;
    labels: string[];
  }): Promise<{ number: number; url: string }> {
    try {
      const { data } = await this.client.rest.issues.create({
        ...splitRepo(input.repo),
        title: input.title,
        body: input.body,
        labels: input.labels,
      });
      return { number: data.number, url: data.html_url };
    } catch (error) {
      return translateGitHubError(error, `create issue in ${input.repo}`);
    }
  }

  async findIssueByMarker(
    repo: string,
    marker: string,
  ): Promise<{ number: number; url: string } | undefined> {
    const since = new Date(
      this.clock.now().getTime() - (this.options.markerLookbackMs ?? 7 * 86_400_000),
    ).toISOString();
    const label = this.options.label ?? 'autoflow';
    try {
      const pages = this.client.paginate.iterator(this.client.rest.issues.listForRepo, {
        ...splitRepo(repo),
        state: 'all',
        since,
        sort: 'created',
        direction: 'desc',
        per_page: 100,
        ...(label ? { labels: label } : {}),
      });
      let read = 0;
      for await (const { data } of pages) {
        const hit = data.find((issue) => !issue.pull_request && issue.body?.includes(marker));
        if (hit) return { number: hit.number, url: hit.html_url };
        if (++read >= (this.options.markerSearchPages ?? 3)) break;
      }
      return undefined;
    } catch (error) {
      return translateGitHubError(error, `search ${repo} for an issue marker`);
    }
  }

  /** Posts `body` with a hidden marker of `once.key`, unless a comment since `once.since` has the marker. */
  async comment(repo: string, issueNumber: number, body: string, once: OnceOptions): Promise<void> {
    const marker = `<!-- autoflow:comment=${once.key} -->`;
    const target = { ...splitRepo(repo), issue_number: issueNumber };
    try {
      const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
        ...target,
        since: once.since,
        per_page: 100,
      });
      for await (const { data } of pages) if (data.some((c) => c.body?.includes(marker))) return;
      await this.client.rest.issues.createComment({ ...target, body: `${body}\n\n${marker}` });
    } catch (error) {
      translateGitHubError(error, `comment on ${repo}#${issueNumber}`);
    }
  }

  async setLabels(
    repo: string,
    issueNumber: number,
    change: { add: string[]; remove: string[] },
  ): Promise<void> {
    const target = { ...splitRepo(repo), issue_number: issueNumber };
    try {
      if (change.add.length > 0) await this.client.rest.issues.addLabels({ ...target, labels: change.add });
      for (const name of change.remove) await this.removeLabel(target, name);
    } catch (error) {
      translateGitHubError(error, `label ${repo}#${issueNumber}`);
    }
  }

  async closeIssue(repo: string, issueNumber: number, reason: 'not_planned' | 'completed'): Promise<void> {
    try {
      await this.client.rest.issues.update({
        ...splitRepo(repo),
        issue_number: issueNumber,
        state: 'closed',
        state_reason: reason,
      });
    } catch (error) {
      translateGitHubError(error, `close ${repo}#${issueNumber}`);
    }
  }

  /** Removing a label the issue no longer has is a success (retries stay idempotent). */
  private async removeLabel(
    target: { owner: string; repo: string; issue_number: number },
    name: string,
  ): Promise<void> {
    try {
      await this.client.rest.issues.removeLabel({ ...target, name });
    } catch (error) {
      if (isGitHubHttpError(error) && error.status === 404 && /label does not exist/i.test(error.message))
        return;
      throw error;
    }
  }
}
