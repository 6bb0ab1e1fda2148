import type { SandboxContext } from './context.js';
import { GITHUB_USERS } from './github-render-repo.js';
import { mergePull, openPull } from './github-pulls.js';
import { scriptForIssue } from './scripts.js';
import type { JobRecord } from './state.js';

/** The command that summons the simulated coding agent. */
export const AGENT_COMMAND = '/opencode implement';

/** Wires the simulated coding agent: an issue that summons it gets a PR after `agentDelayMs`. */
export function startAgent(ctx: SandboxContext): void {
  ctx.on.issueOpened.push((issue) => {
    if (!issue.body.includes(AGENT_COMMAND)) return;
    ctx.scheduler.schedule(
      'agent.open_pr',
      { repo: issue.repo, number: issue.number },
      ctx.timings.agentDelayMs,
    );
  });
}

/** Runs one agent step (the script is read when the step runs, so it may change until then). */
export function runAgentJob(ctx: SandboxContext, job: JobRecord): void {
  const { repo, number } = job.payload;
  if (number === undefined) return;
  if (job.kind === 'agent.merge_pr') {
    const pr = ctx.store.data.github.pulls.find((p) => p.repo === repo && p.number === number);
    if (pr?.state === 'open') mergePull(ctx, repo, number, GITHUB_USERS.agent);
    return;
  }
  const issue = ctx.store.data.github.issues.find((i) => i.repo === repo && i.number === number);
  if (!issue || issue.state !== 'open') return;
  const script = scriptForIssue(ctx, issue);
  if (script.agent !== 'pr') return;
  const body = [
    `Fixes #${issue.number}`,
    '',
    `Implements "${issue.title}" as asked in #${issue.number}.`,
    '',
    '_Opened by the sandbox coding agent._',
  ].join('\n');
  const pr = openPull(
    ctx,
    repo,
    { title: issue.title, body, base: script.base, head: `opencode/issue-${issue.number}` },
    GITHUB_USERS.agent,
  );
  if (script.merge !== false)
    ctx.scheduler.schedule('agent.merge_pr', { repo, number: pr.number }, ctx.timings.mergeDelayMs);
}
