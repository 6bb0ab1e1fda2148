import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { approveRun, startRun } from './ci.js';
import type { SandboxContext } from './context.js';
import { found, SandboxError } from './errors.js';
import { requireRepo } from './github-issues.js';
import { githubBody, repoParam } from './github-http.js';

const DispatchSchema = z.object({
  ref: z.string().min(1),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

/** GitHub Actions writes: `workflow_dispatch` starts a run; approving moves an `action_required` run on. */
export function githubActionsRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  app.post('/repos/:owner/:repo/actions/workflows/:workflow/dispatches', async (c) => {
    const repo = repoParam(c);
    requireRepo(ctx, repo);
    const input = await githubBody(c, DispatchSchema, 'WorkflowDispatch');
    const workflow = c.req.param('workflow');
    // The head of the ref: the sandbox has no git, so a stable SHA per repo, ref and dispatch.
    const headSha = createHash('sha1').update(`${repo}:${input.ref}:${ctx.store.nextId()}`).digest('hex');
    startRun(ctx, {
      repo,
      headSha,
      headBranch: input.ref,
      name: workflow.replace(/\.ya?ml$/, ''),
      conclusion: 'success',
      event: 'workflow_dispatch',
      inputs: input.inputs,
    });
    return c.body(null, 204);
  });

  app.post('/repos/:owner/:repo/actions/runs/:id{[0-9]+}/approve', (c) => {
    const repo = repoParam(c);
    requireRepo(ctx, repo);
    const id = Number(c.req.param('id'));
    const run = found(
      ctx.store.data.github.runs.find((r) => r.repo === repo && r.id === id),
      `workflow run ${id}`,
    );
    if (run.status !== 'completed' || run.conclusion !== 'action_required')
      throw new SandboxError(403, 'This run is not waiting for approval');
    approveRun(ctx, run);
    return c.json({}, 201);
  });

  return app;
}
