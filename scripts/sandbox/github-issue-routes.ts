import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from './context.js';
import {
  addComment,
  addLabels,
  createIssue,
  listComments,
  removeLabel,
  requireIssue,
  requireRepo,
  updateIssue,
} from './github-issues.js';
import { githubBody, githubPage, githubValid, repoParam } from './github-http.js';
import { GITHUB_USERS, githubUrls, nodeId, renderLabel, renderUser } from './github-render-repo.js';
import { renderIssue, renderPullAsIssue } from './github-render-issue.js';
import type { CommentRecord } from './state.js';

const labelList = z.array(
  z.union([z.string().min(1), z.object({ name: z.string().min(1) }).transform((l) => l.name)]),
);

const CreateIssueSchema = z.object({
  title: z.union([z.string().min(1), z.number().transform(String)]),
  body: z.string().nullish(),
  labels: labelList.optional(),
  assignees: z.array(z.string()).optional(),
});

const UpdateIssueSchema = z.object({
  title: z.union([z.string().min(1), z.number().transform(String)]).optional(),
  body: z.string().nullish(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'reopened']).nullish(),
  labels: labelList.optional(),
});

const ListIssuesQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  labels: z.string().optional(),
  creator: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['created', 'updated', 'comments']).default('created'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  per_page: z.coerce.number().int().min(1).max(100).default(30),
  page: z.coerce.number().int().min(1).default(1),
});

const AddLabelsSchema = z
  .union([labelList, z.object({ labels: labelList })])
  .transform((v) => (Array.isArray(v) ? v : v.labels));
const CommentSchema = z.object({ body: z.string().min(1) });
const PageQuery = z.object({
  per_page: z.coerce.number().int().min(1).max(100).default(30),
  page: z.coerce.number().int().min(1).default(1),
});

const CommentsQuery = PageQuery.extend({ since: z.iso.datetime({ offset: true }).optional() });

/** GitHub's issues, labels and comments endpoints. */
export function githubIssueRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const urls = (): ReturnType<typeof githubUrls> => githubUrls(ctx.urls.base);
  const commentCount = (repo: string, n: number): number => listComments(ctx, repo, n).length;
  const actor = GITHUB_USERS.token;

  app.post('/repos/:owner/:repo/issues', async (c) => {
    const input = await githubBody(c, CreateIssueSchema);
    const issue = createIssue(
      ctx,
      repoParam(c),
      { title: input.title, body: input.body ?? '', labels: input.labels ?? [] },
      actor,
    );
    c.header('Location', `${urls().api}/repos/${issue.repo}/issues/${issue.number}`);
    return c.json(renderIssue(issue, urls()), 201);
  });

  app.get('/repos/:owner/:repo/issues', (c) => {
    const repo = repoParam(c);
    requireRepo(ctx, repo);
    const q = githubValid(ListIssuesQuery, c.req.query());
    const labels = q.labels
      ? q.labels
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)
      : [];
    const { issues, pulls } = ctx.store.data.github;
    const views = [
      ...issues
        .filter((i) => i.repo === repo && labels.every((l) => i.labels.includes(l)))
        .map((i) => ({ record: i, json: () => renderIssue(i, urls(), commentCount(repo, i.number)) })),
      ...(labels.length > 0
        ? []
        : pulls
            .filter((p) => p.repo === repo)
            .map((p) => ({ record: p, json: () => renderPullAsIssue(p, urls()) }))),
    ]
      .filter(({ record }) => q.state === 'all' || record.state === q.state)
      .filter(({ record }) => !q.creator || record.user === q.creator)
      .filter(({ record }) => !q.since || record.updatedAt >= normalise(q.since))
      .sort((a, b) => {
        const key = q.sort === 'updated' ? 'updatedAt' : 'createdAt';
        const order =
          a.record[key] === b.record[key]
            ? a.record.number - b.record.number
            : a.record[key] < b.record[key]
              ? -1
              : 1;
        return q.direction === 'asc' ? order : -order;
      });
    return c.json(githubPage(c, views, q.per_page, q.page).map((v) => v.json()));
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}', (c) => {
    const repo = repoParam(c);
    const n = Number(c.req.param('number'));
    const pr = ctx.store.data.github.pulls.find((p) => p.repo === repo && p.number === n);
    if (pr) return c.json(renderPullAsIssue(pr, urls()));
    return c.json(renderIssue(requireIssue(ctx, repo, n), urls(), commentCount(repo, n)));
  });

  app.patch('/repos/:owner/:repo/issues/:number{[0-9]+}', async (c) => {
    const input = await githubBody(c, UpdateIssueSchema);
    const change = {
      title: input.title,
      body: input.body ?? undefined,
      state: input.state,
      stateReason: input.state_reason,
      labels: input.labels,
    };
    const issue = updateIssue(ctx, repoParam(c), Number(c.req.param('number')), change, actor);
    return c.json(renderIssue(issue, urls(), commentCount(issue.repo, issue.number)));
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', (c) => {
    const repo = repoParam(c);
    const n = Number(c.req.param('number'));
    requireRepo(ctx, repo);
    const q = githubValid(CommentsQuery, c.req.query());
    // Comments are never edited here, so "updated since" is "created since".
    const comments = listComments(ctx, repo, n).filter((m) => !q.since || m.createdAt >= normalise(q.since));
    return c.json(githubPage(c, comments, q.per_page, q.page).map((m) => renderComment(m, urls())));
  });

  app.post('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', async (c) => {
    const input = await githubBody(c, CommentSchema, 'IssueComment');
    const comment = addComment(ctx, repoParam(c), Number(c.req.param('number')), input.body, actor);
    return c.json(renderComment(comment, urls()), 201);
  });

  app.post('/repos/:owner/:repo/issues/:number{[0-9]+}/labels', async (c) => {
    const names = await githubBody(c, AddLabelsSchema, 'Label');
    const labels = addLabels(ctx, repoParam(c), Number(c.req.param('number')), names, actor);
    return c.json(labels.map((l) => renderLabel(repoParam(c), l, urls())));
  });

  app.delete('/repos/:owner/:repo/issues/:number{[0-9]+}/labels/:name', (c) => {
    const labels = removeLabel(ctx, repoParam(c), Number(c.req.param('number')), c.req.param('name'), actor);
    return c.json(labels.map((l) => renderLabel(repoParam(c), l, urls())));
  });

  return app;
}

function renderComment(comment: CommentRecord, urls: ReturnType<typeof githubUrls>): Record<string, unknown> {
  const issueUrl = `${urls.api}/repos/${comment.repo}/issues/${comment.issueNumber}`;
  return {
    url: `${urls.api}/repos/${comment.repo}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${comment.repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: issueUrl,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: renderUser(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    author_association: 'OWNER',
    body: comment.body,
    performed_via_github_app: null,
  };
}

/** GitHub compares `since` to second-precision UTC timestamps. */
function normalise(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
