import { createRequire } from 'node:module';

export type Json = Record<string, unknown>;

/** Real GitHub objects from @octokit/webhooks-examples: our payloads copy their exact field layout. */
export interface GitHubTemplates {
  user: Json;
  repository: Json;
  issue: Json;
  label: Json;
  pullRequest: Json;
  workflowRun: Json;
  workflow: Json;
  hook: Json;
  zen: string;
}

interface WebhookDefinition {
  name: string;
  examples: Json[];
}

let cached: GitHubTemplates | undefined;

/** Loads the example payloads once (the package is a ~4 MB JSON file). */
export function githubTemplates(): GitHubTemplates {
  if (cached) return cached;
  const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
  const example = (event: string, action?: string): Json => {
    const examples = definitions.find((d) => d.name === event)?.examples ?? [];
    const found = examples.find((e) => action === undefined || e.action === action);
    if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action ?? ''} example`);
    return found;
  };
  const issues = example('issues', 'opened');
  const run = example('workflow_run', 'completed');
  const ping = example('ping');
  cached = {
    user: issues.sender as Json,
    repository: issues.repository as Json,
    issue: issues.issue as Json,
    label: example('issues', 'labeled').label as Json,
    pullRequest: example('pull_request', 'closed').pull_request as Json,
    workflowRun: run.workflow_run as Json,
    workflow: run.workflow as Json,
    hook: ping.hook as Json,
    zen: String(ping.zen),
  };
  return cached;
}

/** A deep copy of `value` with every string rewritten by the replacements, in order. */
export function rebase<T>(value: T, replacements: [string, string][]): T {
  if (typeof value === 'string') {
    let out: string = value;
    for (const [from, to] of replacements) out = out.split(from).join(to);
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => rebase(v, replacements)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v, replacements)])) as T;
  }
  return value;
}

/** `full` reduced to the keys `template` has (keys `full` lacks keep the template's value). */
export function pickLike(template: Json, full: Json): Json {
  return Object.fromEntries(Object.keys(template).map((k) => [k, k in full ? full[k] : template[k]]));
}
