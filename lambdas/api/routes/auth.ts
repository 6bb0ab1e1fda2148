import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { DEFAULT_SESSION_LIMITS } from '#core/accounts/session.js';
import { publicUser, UsernameSchema, type User } from '#core/accounts/user.js';
import { NotFoundError } from '#core/errors.js';
import { initAdmin, isInitialised } from '../accounts/init-admin.js';
import { acceptInvite, validInvite } from '../accounts/invites.js';
import { checkCredentials } from '../accounts/sign-in.js';
import { startSession } from '../accounts/start-session.js';
import { auditSignIn } from '../console-audit.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import type { ApiDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';
import { readBody } from '../json-body.js';

const password = z.string().min(1, 'is required').max(1024);
const token = z.string().min(16, 'is not a valid token').max(256);
const LoginSchema = z.object({ username: z.string().min(1, 'is required').max(256), password });
const InitSchema = z.object({ token, username: UsernameSchema, password });
const InviteTokenSchema = z.object({ token });
const AcceptSchema = z.object({ token, username: UsernameSchema, password });

/** Sign-in, sign-out, the first admin and invite acceptance: everything that works before a session exists. */
export function authRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const limits = deps.options.sessionLimits ?? DEFAULT_SESSION_LIMITS;

  /** Starts a session for `user`, ending the one the browser had (a new cookie value at every sign-in). */
  async function signInAs(c: Context<ApiEnv>, user: User, how: 'password' | 'init' | 'invite') {
    const previous = c.get('signedIn');
    if (previous) await deps.sessions.deleteSession(previous.token);
    const { token: cookie, session } = await startSession(user, deps);
    setSessionCookie(c, deps.options.cookie, cookie, limits.absoluteMs / 1000);
    await auditSignIn(c, deps, { ok: true, username: user.username, how });
    return c.json({ user: publicUser(user), csrfToken: session.csrfToken });
  }

  app.get('/session', async (c) => {
    const signedIn = c.get('signedIn');
    if (signedIn)
      return c.json({
        initialised: true,
        user: publicUser(signedIn.user),
        csrfToken: signedIn.session.csrfToken,
      });
    return c.json({ initialised: await isInitialised(deps), user: null });
  });

  app.post('/login', async (c) => {
    const body = await readBody(c, LoginSchema);
    const user = await checkCredentials({ ...body, client: deps.options.clientIp(c) }, deps, (refusal) =>
      auditSignIn(c, deps, { ok: false, how: 'password', ...refusal }),
    );
    return signInAs(c, user, 'password');
  });

  app.post('/logout', async (c) => {
    const signedIn = c.get('signedIn');
    if (signedIn) await deps.sessions.deleteSession(signedIn.token);
    clearSessionCookie(c, deps.options.cookie);
    return c.body(null, 204);
  });

  app.post('/init', async (c) => {
    const body = await readBody(c, InitSchema);
    return signInAs(c, await initAdmin(body, deps), 'init');
  });

  app.post('/invite/inspect', async (c) => {
    const invite = await validInvite((await readBody(c, InviteTokenSchema)).token, deps);
    const project = await deps.projects.getProject(invite.projectId);
    if (!project) throw new NotFoundError('The project of this invite no longer exists');
    return c.json({
      project: { name: project.name, slug: project.slug },
      role: invite.role,
      expiresAt: invite.expiresAt,
    });
  });

  app.post('/invite/accept', async (c) => {
    const body = await readBody(c, AcceptSchema);
    return signInAs(c, await acceptInvite(body, deps), 'invite');
  });

  return app;
}
