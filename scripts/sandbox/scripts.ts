import type { SandboxContext } from './context.js';
import { closingIssueNumbers } from './github-pulls.js';
import type { AgentScript, IssueRecord, PullRecord } from './state.js';

/** What the agent and CI do when nothing is scripted. */
export const DEFAULT_SCRIPT: AgentScript = { agent: 'pr', ci: 'success' };

/** The default CI workflow name. */
export const DEFAULT_WORKFLOWS = ['CI'];

/** The Asana task gid an issue body links to (`.../0/{projectGid}/{taskGid}` or `.../task/{taskGid}`). */
export function linkedTaskGid(body: string): string | undefined {
  const match = /asana\S*?\/0\/\d+\/(\d+)\b/.exec(body) ?? /asana\S*?\/task\/(\d+)\b/.exec(body);
  return match?.[1];
}

/** The script for an issue: by issue, else by its linked Asana task, else the default. */
export function scriptForIssue(ctx: SandboxContext, issue: IssueRecord): AgentScript {
  const scripts = ctx.store.data.scripts;
  const byIssue = scripts.issues[`${issue.repo}#${issue.number}`];
  if (byIssue) return byIssue;
  const gid = linkedTaskGid(issue.body);
  return (gid && scripts.tasks[gid]) || DEFAULT_SCRIPT;
}

/** The script for a PR: that of the first issue it fixes, else the default. */
export function scriptForPull(ctx: SandboxContext, pr: PullRecord): AgentScript {
  for (const n of closingIssueNumbers(pr.body)) {
    const issue = ctx.store.data.github.issues.find((i) => i.repo === pr.repo && i.number === n);
    if (issue) return scriptForIssue(ctx, issue);
  }
  return DEFAULT_SCRIPT;
}
