import { githubTemplates, rebase, type Json } from './github-templates.js';
import {
  nodeId,
  renderLabel,
  renderRepository,
  renderUser,
  repoReplacements,
  type GitHubUrls,
} from './github-render-repo.js';
import type { IssueRecord, PullRecord, RepoRecord } from './state.js';

/** Rebases a template whose URLs name a repo and a number (issue or PR) onto ours. */
function rebaseNumbered(
  template: Json,
  templateRepo: string,
  repo: string,
  pairs: [string, string][],
  urls: GitHubUrls,
): Json {
  return rebase(template, [...pairs, ...repoReplacements(templateRepo, repo, urls)]);
}

/** The `owner/repo` a template's URLs name. */
export function templateRepoOf(template: Json): string {
  const url = String(template.repository_url ?? template.url);
  const match = /repos\/([^/]+\/[^/]+)/.exec(url);
  if (!match?.[1]) throw new Error(`cannot find the repository in template url ${url}`);
  return match[1];
}

/** An issue object (REST and the `issue` of `issues` webhooks). */
export function renderIssue(issue: IssueRecord, urls: GitHubUrls, commentCount = 0): Json {
  const template = githubTemplates().issue;
  const from = templateRepoOf(template);
  const n = String(template.number);
  const rendered = rebaseNumbered(
    template,
    from,
    issue.repo,
    [[`${from}/issues/${n}`, `${issue.repo}/issues/${issue.number}`]],
    urls,
  );
  return {
    ...rendered,
    id: issue.id,
    node_id: nodeId('I', issue.id),
    number: issue.number,
    title: issue.title,
    user: renderUser(issue.user, urls),
    labels: issue.labels.map((name) => renderLabel(issue.repo, name, urls)),
    state: issue.state,
    state_reason: issue.stateReason,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: commentCount,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? renderUser(issue.closedBy, urls) : null,
    author_association: 'OWNER',
    active_lock_reason: null,
    body: issue.body,
    draft: false,
    timeline_url: `${urls.api}/repos/${issue.repo}/issues/${issue.number}/timeline`,
    performed_via_github_app: null,
  };
}

/** A pull request seen through the issues API (GitHub lists PRs as issues with `pull_request`). */
export function renderPullAsIssue(pr: PullRecord, urls: GitHubUrls): Json {
  const asIssue: IssueRecord = {
    id: pr.id,
    repo: pr.repo,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: pr.state,
    stateReason: null,
    labels: [],
    user: pr.user,
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    closedAt: pr.closedAt,
    closedBy: pr.mergedBy,
  };
  return {
    ...renderIssue(asIssue, urls),
    pull_request: {
      url: `${urls.api}/repos/${pr.repo}/pulls/${pr.number}`,
      html_url: `${urls.web}/${pr.repo}/pull/${pr.number}`,
      diff_url: `${urls.web}/${pr.repo}/pull/${pr.number}.diff`,
      patch_url: `${urls.web}/${pr.repo}/pull/${pr.number}.patch`,
      merged_at: pr.mergedAt,
    },
  };
}

/** A pull request object (REST and the `pull_request` of webhooks). */
export function renderPull(pr: PullRecord, repo: RepoRecord, urls: GitHubUrls): Json {
  const template = githubTemplates().pullRequest;
  const from = templateRepoOf(template);
  const n = String(template.number);
  const head = template.head as Json;
  const rendered = rebaseNumbered(
    template,
    from,
    pr.repo,
    [
      [`${from}/pulls/${n}`, `${pr.repo}/pulls/${pr.number}`],
      [`${from}/pull/${n}`, `${pr.repo}/pull/${pr.number}`],
      [`${from}/issues/${n}`, `${pr.repo}/issues/${pr.number}`],
      [`statuses/${String(head.sha)}`, `statuses/${pr.headSha}`],
    ],
    urls,
  );
  const repository = renderRepository(repo, urls);
  const owner = renderUser(repo.owner, urls);
  return {
    ...rendered,
    id: pr.id,
    node_id: nodeId('PR', pr.id),
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: renderUser(pr.user, urls),
    body: pr.body,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    draft: false,
    head: {
      label: `${repo.owner}:${pr.headRef}`,
      ref: pr.headRef,
      sha: pr.headSha,
      user: owner,
      repo: repository,
    },
    base: {
      label: `${repo.owner}:${pr.baseRef}`,
      ref: pr.baseRef,
      sha: pr.baseSha,
      user: owner,
      repo: repository,
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    active_lock_reason: null,
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedBy ? renderUser(pr.mergedBy, urls) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 12,
    deletions: 3,
    changed_files: 2,
  };
}
