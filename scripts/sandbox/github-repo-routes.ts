import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from './context.js';
import { found } from './errors.js';
import { registerHook } from './github-hooks.js';
import { requireRepo } from './github-issues.js';
import { githubBody, githubPage, githubValid, repoParam } from './github-http.js';
import { requirePull } from './github-pulls.js';
import { GITHUB_USERS, githubUrls, renderHook, renderRepository } from './github-render-repo.js';
import { renderPull } from './github-render-issue.js';
import { renderRun } from './github-render-run.js';
import type { PullRecord } from './state.js';

const CreateHookSchema = z.object({
  name: z.literal('web').default('web'),
  config: z.object({
    url: z.url(),
    content_type: z.enum(['json', 'form']).default('form'),
    secret: z.string().optional(),
    insecure_ssl: z.union([z.string(), z.number()]).optional(),
  }),
  events: z.array(z.string().min(1)).min(1).default(['push']),
  active: z.boolean().default(true),
});

const PageQuery = z.object({
  per_page: z.coerce.number().int().min(1).max(100).default(30),
  page: z.coerce.number().int().min(1).default(1),
});
const ListPullsQuery = PageQuery.extend({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  base: z.string().optional(),
  /** `owner:branch` as GitHub documents it (a bare branch name is accepted too). */
  head: z.string().optional(),
  sort: z.enum(['created', 'updated', 'popularity', 'long-running']).default('created'),
  direction: z.enum(['asc', 'desc']).optional(),
});
const ListRunsQuery = PageQuery.extend({
  head_sha: z.string().optional(),
  status: z.string().optional(),
  branch: z.string().optional(),
});

/** GitHub's repository, hooks, pulls and Actions runs endpoints. */
export function githubRepoRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const urls = (): ReturnType<typeof githubUrls> => githubUrls(ctx.urls.base);

  app.get('/repos/:owner/:repo', (c) => {
    const repo = requireRepo(ctx, repoParam(c));
    const open = ctx.store.data.github.issues.filter(
      (i) => i.repo === repoParam(c) && i.state === 'open',
    ).length;
    return c.json(renderRepository(repo, urls(), open));
  });

  app.get('/repos/:owner/:repo/hooks', (c) => {
    requireRepo(ctx, repoParam(c));
    const q = githubValid(PageQuery, c.req.query());
    const hooks = ctx.store.data.github.hooks.filter((h) => h.repo === repoParam(c));
    return c.json(githubPage(c, hooks, q.per_page, q.page).map((h) => renderHook(h, urls())));
  });

  app.post('/repos/:owner/:repo/hooks', async (c) => {
    requireRepo(ctx, repoParam(c));
    const input = await githubBody(c, CreateHookSchema, 'Hook');
    const { url, secret, content_type: contentType } = input.config;
    const hook = registerHook(
      ctx,
      repoParam(c),
      { url, secret, contentType, events: input.events, active: input.active },
      GITHUB_USERS.token,
    );
    return c.json(renderHook(hook, urls()), 201);
  });

  app.get('/repos/:owner/:repo/pulls', (c) => {
    const repo = requireRepo(ctx, repoParam(c));
    const q = githubValid(ListPullsQuery, c.req.query());
    const head = (p: PullRecord): boolean =>
      !q.head || (q.head.includes(':') ? `${repo.owner}:${p.headRef}` === q.head : p.headRef === q.head);
    // GitHub: newest first when sorted by creation (the default), oldest first otherwise.
    const direction = (q.direction ?? (q.sort === 'created' ? 'desc' : 'asc')) === 'desc' ? -1 : 1;
    const key = (p: PullRecord): string => (q.sort === 'updated' ? p.updatedAt : p.createdAt);
    const pulls = ctx.store.data.github.pulls
      .filter(
        (p) =>
          p.repo === repoParam(c) &&
          (q.state === 'all' || p.state === q.state) &&
          (!q.base || p.baseRef === q.base) &&
          head(p),
      )
      .sort((a, b) => direction * (key(a).localeCompare(key(b)) || a.number - b.number));
    return c.json(githubPage(c, pulls, q.per_page, q.page).map((p) => renderPull(p, repo, urls())));
  });

  app.get('/repos/:owner/:repo/pulls/:number{[0-9]+}', (c) => {
    const pr = requirePull(ctx, repoParam(c), Number(c.req.param('number')));
    return c.json(renderPull(pr, requireRepo(ctx, pr.repo), urls()));
  });

  app.get('/repos/:owner/:repo/actions/runs', (c) => {
    const repo = requireRepo(ctx, repoParam(c));
    const q = githubValid(ListRunsQuery, c.req.query());
    const runs = ctx.store.data.github.runs
      .filter(
        (r) =>
          r.repo === repoParam(c) &&
          (!q.head_sha || r.headSha === q.head_sha) &&
          (!q.branch || r.headBranch === q.branch),
      )
      .filter((r) => !q.status || r.status === q.status || r.conclusion === q.status)
      .sort((a, b) => b.id - a.id);
    const page = githubPage(c, runs, q.per_page, q.page);
    return c.json({ total_count: runs.length, workflow_runs: page.map((r) => renderRun(r, repo, urls())) });
  });

  app.get('/repos/:owner/:repo/actions/runs/:id{[0-9]+}', (c) => {
    const repo = requireRepo(ctx, repoParam(c));
    const id = Number(c.req.param('id'));
    const run = found(
      ctx.store.data.github.runs.find((r) => r.repo === repoParam(c) && r.id === id),
      `workflow run ${id}`,
    );
    return c.json(renderRun(run, repo, urls()));
  });

  return app;
}
