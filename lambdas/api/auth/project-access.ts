import { createMiddleware } from 'hono/factory';
import { AuthenticationError, PermissionDeniedError } from '#core/accounts/errors.js';
import { effectiveRole, hasRole, type Role } from '#core/accounts/roles.js';
import { NotFoundError } from '#core/errors.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';

/**
 * Resolves `:slug` and the signed-in user's role in it. A project the user has no role in is
 * answered like a missing one (404), so outsiders cannot probe which projects exist.
 */
export function projectAccess(deps: Pick<ApiDeps, 'projects' | 'memberships'>) {
  return createMiddleware<ProjectEnv>(async (c, next) => {
    const signedIn = c.get('signedIn');
    if (!signedIn) throw new AuthenticationError('Sign in first');
    const slug = c.req.param('slug') ?? '';
    const project = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)
      ? await deps.projects.getProjectBySlug(slug)
      : undefined;
    const membership =
      project && !signedIn.user.admin
        ? await deps.memberships.getMembership(project.projectId, signedIn.user.userId)
        : undefined;
    const role = effectiveRole(signedIn.user, membership?.role);
    if (!project || !role) throw new NotFoundError(`No project "${slug}"`);
    c.set('project', project);
    c.set('principal', { userId: signedIn.user.userId, username: signedIn.user.username, role });
    await next();
  });
}

/** Refuses a project route to roles below `role` (403). */
export function requireRole(role: Role) {
  return createMiddleware<ProjectEnv>(async (c, next) => {
    if (!hasRole(c.get('principal').role, role))
      throw new PermissionDeniedError(`This needs the ${role} role in ${c.get('project').name}`);
    await next();
  });
}
