import { Hono } from 'hono';
import { html } from 'hono/html';
import type { SandboxContext } from './context.js';

/** Minimal pages behind the html_url / permalink_url links, so links in the console lead somewhere. */
export function webPages(ctx: SandboxContext): Hono {
  const app = new Hono();
  const page = (title: string, state: string, body: string) =>
    html`<!doctype html><title>${title}</title>
      <h1>${title}</h1>
      <p><b>${state}</b> — sandbox</p>
      <pre>${body}</pre>`;

  app.get('/web/:owner/:repo/issues/:n{[0-9]+}', (c) => {
    const repo = `${c.req.param('owner')}/${c.req.param('repo')}`;
    const issue = ctx.store.data.github.issues.find(
      (i) => i.repo === repo && i.number === Number(c.req.param('n')),
    );
    if (!issue) return c.notFound();
    return c.html(
      page(
        `${repo}#${issue.number} ${issue.title}`,
        `${issue.state} ${issue.stateReason ?? ''} [${issue.labels.join(', ')}]`,
        issue.body,
      ),
    );
  });
  app.get('/web/:owner/:repo/pull/:n{[0-9]+}', (c) => {
    const repo = `${c.req.param('owner')}/${c.req.param('repo')}`;
    const pr = ctx.store.data.github.pulls.find(
      (p) => p.repo === repo && p.number === Number(c.req.param('n')),
    );
    if (!pr) return c.notFound();
    return c.html(
      page(
        `${repo}!${pr.number} ${pr.title}`,
        `${pr.state}${pr.merged ? ` merged as ${pr.mergeCommitSha ?? ''}` : ''}`,
        pr.body,
      ),
    );
  });
  app.get('/web/:owner/:repo/actions/runs/:id{[0-9]+}', (c) => {
    const run = ctx.store.data.github.runs.find((r) => r.id === Number(c.req.param('id')));
    if (!run) return c.notFound();
    return c.html(
      page(
        `${run.repo} ${run.name} #${run.runNumber}`,
        `${run.status} ${run.conclusion ?? ''}`,
        `on ${run.headSha}`,
      ),
    );
  });
  app.get('/asana/0/:project/:task', (c) => {
    const task = ctx.store.data.asana.tasks[c.req.param('task')];
    if (!task) return c.notFound();
    return c.html(page(task.name, task.completed ? 'completed' : 'open', task.notes));
  });
  return app;
}
