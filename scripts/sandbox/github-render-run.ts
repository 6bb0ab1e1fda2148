import { githubTemplates, pickLike, rebase, type Json } from './github-templates.js';
import {
  nodeId,
  renderRepository,
  repoReplacements,
  stableId,
  type GitHubUrls,
} from './github-render-repo.js';
import { templateRepoOf } from './github-render-issue.js';
import type { RepoRecord, RunRecord } from './state.js';

/** A workflow object (the `workflow` of `workflow_run` webhooks). */
export function renderWorkflow(run: RunRecord, urls: GitHubUrls): Json {
  const path = workflowPath(run.name);
  return {
    ...githubTemplates().workflow,
    id: run.workflowId,
    node_id: nodeId('W', run.workflowId),
    name: run.name,
    path,
    state: 'active',
    created_at: run.createdAt,
    updated_at: run.createdAt,
    url: `${urls.api}/repos/${run.repo}/actions/workflows/${run.workflowId}`,
    html_url: `${urls.web}/${run.repo}/blob/${run.headBranch}/${path}`,
    badge_url: `${urls.web}/${run.repo}/workflows/${encodeURIComponent(run.name)}/badge.svg`,
  };
}

/** A workflow run object (REST `GET .../actions/runs/{id}` and the `workflow_run` of webhooks). */
export function renderRun(run: RunRecord, repo: RepoRecord, urls: GitHubUrls): Json {
  const template = githubTemplates().workflowRun;
  const from = templateRepoOf(template);
  const rendered = rebase(template, [
    [`runs/${String(template.id)}`, `runs/${run.id}`],
    ...repoReplacements(from, run.repo, urls),
  ]);
  const repository = pickLike(template.repository as Json, renderRepository(repo, urls));
  const checkSuiteId = stableId(`suite:${run.id}`);
  return {
    ...rendered,
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: workflowPath(run.name),
    display_title: `Merge into ${run.headBranch}`,
    run_number: run.runNumber,
    event: run.event ?? 'push',
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    check_suite_id: checkSuiteId,
    check_suite_node_id: nodeId('CS', checkSuiteId),
    check_suite_url: `${urls.api}/repos/${run.repo}/check-suites/${checkSuiteId}`,
    url: `${urls.api}/repos/${run.repo}/actions/runs/${run.id}`,
    html_url: `${urls.web}/${run.repo}/actions/runs/${run.id}`,
    workflow_url: `${urls.api}/repos/${run.repo}/actions/workflows/${run.workflowId}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_attempt: 1,
    run_started_at: run.createdAt,
    previous_attempt_url: null,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split('').reverse().join(''),
      message: `Merge into ${run.headBranch}`,
      timestamp: run.createdAt,
      author: { name: 'Sandbox Agent', email: 'agent@sandbox.invalid' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    repository,
    head_repository: repository,
  };
}

function workflowPath(name: string): string {
  return `.github/workflows/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'ci'}.yml`;
}
