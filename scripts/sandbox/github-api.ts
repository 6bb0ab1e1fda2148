import { Hono } from 'hono';
import type { SandboxContext } from './context.js';
import { githubDeliveryRoutes } from './github-delivery-routes.js';
import { githubAuth, githubError, onGitHubError, requireHookScope } from './github-http.js';
import { githubIssueRoutes } from './github-issue-routes.js';
import { githubActionsRoutes } from './github-actions-routes.js';
import { githubRepoRoutes } from './github-repo-routes.js';

/** The GitHub REST subset, mounted at `/github` (Octokit's baseUrl is `${url}/github`). */
export function githubApi(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.use('*', ctx.faults.middleware('github', '/github'));
  app.use(
    '*',
    githubAuth(ctx.tokens.github, () => ctx.revokedTokens.has('github')),
  );
  app.use('/repos/:owner/:repo/hooks', requireHookScope(ctx.tokens.github));
  app.use('/repos/:owner/:repo/hooks/*', requireHookScope(ctx.tokens.github));
  // The token's owner: what a client calls to learn whether its token still works.
  app.get('/user', (c) => c.json({ login: 'autoflow-sandbox', id: 1, type: 'User' }));
  app.route('/', githubIssueRoutes(ctx));
  app.route('/', githubRepoRoutes(ctx));
  app.route('/', githubActionsRoutes(ctx));
  app.route('/', githubDeliveryRoutes(ctx));
  app.notFound((c) => githubError(c, 404, 'Not Found'));
  app.onError(onGitHubError);
  return app;
}
