import { githubTime, type SandboxContext } from './context.js';
import { requireRepo } from './github-issues.js';
import { GITHUB_USERS, githubUrls, stableId } from './github-render-repo.js';
import { renderRun, renderWorkflow } from './github-render-run.js';
import { emitGitHubEvent } from './github-webhooks.js';
import { DEFAULT_WORKFLOWS, scriptForPull } from './scripts.js';
import type { AgentScript, CiConclusion, JobRecord, RunRecord } from './state.js';

/** Wires simulated CI: every merge runs the scripted workflows on the merge commit. */
export function startCi(ctx: SandboxContext): void {
  ctx.on.pullMerged.push((pr) => {
    if (!pr.mergeCommitSha) return;
    const script = scriptForPull(ctx, pr);
    for (const name of script.workflows ?? DEFAULT_WORKFLOWS) {
      startRun(ctx, {
        repo: pr.repo,
        headSha: pr.mergeCommitSha,
        headBranch: pr.baseRef,
        name,
        conclusion: conclusionOf(script, name),
      });
    }
  });
}

/** Starts one workflow run: `requested` now, `in_progress` midway, `completed` after `ciDelayMs`. */
export function startRun(
  ctx: SandboxContext,
  input: {
    repo: string;
    headSha: string;
    headBranch: string;
    name: string;
    conclusion: CiConclusion;
    event?: string;
    inputs?: Record<string, unknown>;
  },
): RunRecord {
  requireRepo(ctx, input.repo);
  const runs = ctx.store.data.github.runs;
  const now = githubTime();
  const run: RunRecord = {
    id: ctx.store.nextId() * 100,
    repo: input.repo,
    name: input.name,
    workflowId: stableId(`workflow:${input.repo}:${input.name}`),
    runNumber: runs.filter((r) => r.repo === input.repo && r.name === input.name).length + 1,
    headSha: input.headSha,
    headBranch: input.headBranch,
    status: 'queued',
    conclusion: null,
    createdAt: now,
    updatedAt: now,
    ...(input.event ? { event: input.event } : {}),
    ...(input.inputs ? { inputs: input.inputs } : {}),
  };
  runs.push(run);
  ctx.store.touch();
  emitRunEvent(ctx, run, 'requested');
  const payload = { repo: run.repo, runId: run.id, conclusion: input.conclusion };
  // GitHub never starts a run that awaits approval: it completes as action_required.
  if (input.conclusion !== 'action_required')
    ctx.scheduler.schedule('ci.progress', payload, Math.floor(ctx.timings.ciDelayMs / 2));
  ctx.scheduler.schedule('ci.complete', payload, ctx.timings.ciDelayMs);
  return run;
}

/** Approves a run waiting in `action_required`: it is queued again and runs (green) like any other. */
export function approveRun(ctx: SandboxContext, run: RunRecord): void {
  const now = githubTime();
  Object.assign(run, { status: 'queued', conclusion: null, updatedAt: now, approvedAt: now });
  ctx.store.touch();
  emitRunEvent(ctx, run, 'requested');
  const payload = { repo: run.repo, runId: run.id, conclusion: 'success' as const };
  ctx.scheduler.schedule('ci.progress', payload, Math.floor(ctx.timings.ciDelayMs / 2));
  ctx.scheduler.schedule('ci.complete', payload, ctx.timings.ciDelayMs);
}

/** Runs one CI step. */
export function runCiJob(ctx: SandboxContext, job: JobRecord): void {
  const run = ctx.store.data.github.runs.find((r) => r.id === job.payload.runId);
  if (!run || run.status === 'completed') return;
  run.updatedAt = githubTime();
  if (job.kind === 'ci.progress') {
    run.status = 'in_progress';
    ctx.store.touch();
    return emitRunEvent(ctx, run, 'in_progress');
  }
  run.status = 'completed';
  run.conclusion = job.payload.conclusion ?? 'success';
  ctx.store.touch();
  emitRunEvent(ctx, run, 'completed');
}

function conclusionOf(script: AgentScript, workflow: string): CiConclusion {
  return typeof script.ci === 'string' ? script.ci : (script.ci[workflow] ?? 'success');
}

function emitRunEvent(ctx: SandboxContext, run: RunRecord, action: string): void {
  const urls = githubUrls(ctx.urls.base);
  const repo = requireRepo(ctx, run.repo);
  emitGitHubEvent(
    ctx,
    run.repo,
    'workflow_run',
    { action, workflow_run: renderRun(run, repo, urls), workflow: renderWorkflow(run, urls) },
    GITHUB_USERS.actions,
  );
}
