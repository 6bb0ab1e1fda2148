import { Hono } from 'hono';
import { z } from 'zod';
import { inviteState } from '#core/accounts/invite.js';
import { RoleSchema } from '#core/accounts/roles.js';
import { UsernameSchema } from '#core/accounts/user.js';
import { NotFoundError, ValidationError } from '#core/errors.js';
import { createInvite } from '../accounts/invites.js';
import { requireRole } from '../auth/project-access.js';
import { auditProjectChange } from '../console-audit.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';

const RoleBodySchema = z.object({ role: RoleSchema });
const AddMemberSchema = z.object({ username: UsernameSchema, role: RoleSchema });
const id = /^[0-9A-Za-z_-]{1,64}$/;

/** Members and invites of a project: everyone reads the member list; only admins change it. */
export function memberRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/members', async (c) => {
    const members = await deps.memberships.listMembers(c.get('project').projectId);
    const users = await Promise.all(members.map((m) => deps.users.getUser(m.userId)));
    const items = members.flatMap((m, i) => {
      const user = users[i];
      return user ? [{ userId: m.userId, username: user.username, role: m.role, addedAt: m.addedAt }] : [];
    });
    return c.json({ items: items.sort((a, b) => a.username.localeCompare(b.username)) });
  });

  app.post('/members', requireRole('admin'), async (c) => {
    const body = await readBody(c, AddMemberSchema);
    const user = await deps.users.getUserByUsername(body.username);
    if (!user)
      throw new ValidationError('No such user', [
        { path: 'username', message: 'no user has this name; send an invite' },
      ]);
    await putRole(deps, c.get('project').projectId, user.userId, body.role, c.get('principal').userId);
    await auditProjectChange(c, deps, {
      type: 'member.changed',
      subject: user.userId,
      data: { change: 'added', username: user.username, role: body.role },
    });
    return c.json({ userId: user.userId, username: user.username, role: body.role }, 201);
  });

  app.put('/members/:userId', requireRole('admin'), async (c) => {
    const { role } = await readBody(c, RoleBodySchema);
    const userId = c.req.param('userId');
    const { projectId } = c.get('project');
    if (!id.test(userId) || !(await deps.memberships.getMembership(projectId, userId)))
      throw new NotFoundError(`No member ${userId}`);
    await putRole(deps, projectId, userId, role, c.get('principal').userId);
    await auditProjectChange(c, deps, {
      type: 'member.changed',
      subject: userId,
      data: { change: 'role', role },
    });
    return c.json({ userId, role });
  });

  app.delete('/members/:userId', requireRole('admin'), async (c) => {
    const userId = c.req.param('userId');
    if (!id.test(userId)) throw new NotFoundError(`No member ${userId}`);
    await deps.memberships.deleteMembership(c.get('project').projectId, userId);
    await auditProjectChange(c, deps, {
      type: 'member.changed',
      subject: userId,
      data: { change: 'removed' },
    });
    deps.logger.info('member removed', {
      projectId: c.get('project').projectId,
      userId,
      by: c.get('principal').userId,
    });
    return c.body(null, 204);
  });

  app.get('/invites', requireRole('admin'), async (c) => {
    const now = deps.clock.now();
    const invites = await deps.invites.listInvites(c.get('project').projectId);
    return c.json({ items: invites.map((i) => ({ ...i, state: inviteState(i, now) })) });
  });

  app.post('/invites', requireRole('admin'), async (c) => {
    const { role } = await readBody(c, RoleBodySchema);
    const { invite, link } = await createInvite(
      { project: c.get('project'), role, by: c.get('principal').userId },
      deps,
    );
    // The invite id, never its token (the token is the link).
    await auditProjectChange(c, deps, {
      type: 'invite.changed',
      subject: invite.inviteId,
      data: { change: 'created', role },
    });
    deps.logger.info('invite created', { inviteId: invite.inviteId, role, by: c.get('principal').userId });
    // The link is shown once, to the admin who asked; only its digest is stored.
    return c.json({ invite: { ...invite, state: 'valid' }, link }, 201);
  });

  app.delete('/invites/:inviteId', requireRole('admin'), async (c) => {
    const inviteId = c.req.param('inviteId');
    if (!id.test(inviteId)) throw new NotFoundError(`No invite ${inviteId}`);
    await deps.invites.revokeInvite(c.get('project').projectId, inviteId);
    await auditProjectChange(c, deps, {
      type: 'invite.changed',
      subject: inviteId,
      data: { change: 'revoked' },
    });
    return c.body(null, 204);
  });

  return app;
}

async function putRole(
  deps: ApiDeps,
  projectId: string,
  userId: string,
  role: z.infer<typeof RoleSchema>,
  by: string,
) {
  await deps.memberships.putMembership({
    projectId,
    userId,
    role,
    addedBy: by,
    addedAt: deps.clock.now().toISOString(),
  });
  deps.logger.info('member role set', { projectId, userId, role, by });
}
