import { createHash } from 'node:crypto';
import { githubTemplates, rebase, type Json } from './github-templates.js';
import type { HookRecord, RepoRecord } from './state.js';

/** Where the sandbox's GitHub lives: `api` is Octokit's baseUrl, `web` stands for github.com. */
export interface GitHubUrls {
  api: string;
  web: string;
}

/** URLs of the sandbox GitHub under a base URL. */
export function githubUrls(base: string): GitHubUrls {
  return { api: `${base}/github`, web: `${base}/web` };
}

/** Logins the sandbox acts as. */
export const GITHUB_USERS = {
  token: 'autoflow-bot',
  agent: 'opencode-agent[bot]',
  actions: 'github-actions[bot]',
  human: 'sandbox-human',
} as const;

/** A stable numeric id for a name (labels, users). */
export function stableId(name: string): number {
  return (createHash('sha256').update(name).digest().readUInt32BE(0) % 900_000_000) + 1_000_000;
}

/** A GraphQL-style node id. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(String(id)).toString('base64url')}`;
}

/** Host replacements applied after the specific ones: anything left points at the sandbox. */
function hostReplacements(urls: GitHubUrls): [string, string][] {
  return [
    ['https://api.github.com', urls.api],
    ['https://github.com', urls.web],
  ];
}

/** A user object as GitHub embeds it (sender, user, owner...). */
export function renderUser(login: string, urls: GitHubUrls): Json {
  const template = githubTemplates().user;
  const from = String(template.login);
  const user = rebase(template, [
    [`https://api.github.com/users/${from}`, `${urls.api}/users/${login}`],
    [`https://github.com/${from}`, `${urls.web}/${login}`],
    ...hostReplacements(urls),
  ]);
  const id = stableId(`user:${login}`);
  return {
    ...user,
    login,
    id,
    node_id: nodeId('U', id),
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

/** Replacements turning the template repository's URLs into `repo`'s. */
export function repoReplacements(
  templateFullName: string,
  fullName: string,
  urls: GitHubUrls,
): [string, string][] {
  return [
    [`https://api.github.com/repos/${templateFullName}`, `${urls.api}/repos/${fullName}`],
    [`https://github.com/${templateFullName}`, `${urls.web}/${fullName}`],
    [`git://github.com/${templateFullName}`, `git://sandbox.invalid/${fullName}`],
    [`git@github.com:${templateFullName}`, `git@sandbox.invalid:${fullName}`],
    [templateFullName, fullName],
    ...hostReplacements(urls),
  ];
}

/** A full repository object (REST `GET /repos/{o}/{r}` and webhook `repository`). */
export function renderRepository(repo: RepoRecord, urls: GitHubUrls, openIssues = 0): Json {
  const template = githubTemplates().repository;
  const fullName = `${repo.owner}/${repo.name}`;
  const rendered = rebase(template, repoReplacements(String(template.full_name), fullName, urls));
  return {
    ...rendered,
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: fullName,
    private: false,
    owner: renderUser(repo.owner, urls),
    description: `Sandbox repository ${fullName}`,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    has_issues: true,
    archived: false,
    disabled: false,
    visibility: 'public',
  };
}

/** A label object. */
export function renderLabel(repo: string, name: string, urls: GitHubUrls): Json {
  const id = stableId(`label:${repo}:${name}`);
  return {
    ...githubTemplates().label,
    id,
    node_id: nodeId('LA', id),
    url: `${urls.api}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

/** A repository webhook as the hooks API returns it (the secret masked). */
export function renderHook(hook: HookRecord, urls: GitHubUrls): Json {
  const url = `${urls.api}/repos/${hook.repo}/hooks/${hook.id}`;
  const config: Json = { content_type: hook.contentType, insecure_ssl: '0', url: hook.url };
  if (hook.secret) config.secret = '********';
  return {
    ...githubTemplates().hook,
    type: 'Repository',
    id: hook.id,
    name: 'web',
    active: hook.active,
    events: hook.events,
    config,
    updated_at: hook.updatedAt,
    created_at: hook.createdAt,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: hook.lastResponse,
  };
}
