import { InviteUnavailableError } from '#core/accounts/errors.js';
import { inviteState, openInvite, type Invite } from '#core/accounts/invite.js';
import { checkPassword } from '#core/accounts/password-policy.js';
import type { Role } from '#core/accounts/roles.js';
import type { User } from '#core/accounts/user.js';
import { ReferenceConflictError, ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import type { ApiDeps } from '../deps.js';

const UNAVAILABLE = 'This invite link is not valid any more (used, expired or revoked). Ask for a new one.';
const TAKEN = { path: 'username', message: 'is taken' };

/** Creates an invite to a project; the link carries the token after `#`, so it never reaches a server log. */
export async function createInvite(
  input: { project: ProjectConfig; role: Role; by: string },
  deps: Pick<ApiDeps, 'invites' | 'tokens' | 'clock' | 'options'>,
): Promise<{ invite: Invite; link: string }> {
  const token = deps.tokens.newToken();
  const invite = await deps.invites.createInvite(
    token,
    openInvite(
      { projectId: input.project.projectId, role: input.role, createdBy: input.by },
      deps.clock.now(),
    ),
  );
  return { invite, link: `${deps.options.publicUrl()}/invite#${token}` };
}

/** The invite behind a token, if it can still be accepted. */
export async function validInvite(token: string, deps: Pick<ApiDeps, 'invites' | 'clock'>): Promise<Invite> {
  const invite = await deps.invites.getInviteByToken(token);
  if (!invite || inviteState(invite, deps.clock.now()) !== 'valid')
    throw new InviteUnavailableError(UNAVAILABLE);
  return invite;
}

/**
 * Accepts an invite: claims it (one winner), creates the account and its membership. When the
 * username turns out to be taken, the claim is released so the link still works.
 */
export async function acceptInvite(
  input: { token: string; username: string; password: string },
  deps: Pick<
    ApiDeps,
    'invites' | 'users' | 'memberships' | 'passwords' | 'clock' | 'ids' | 'logger' | 'audit'
  >,
): Promise<User> {
  const invite = await validInvite(input.token, deps);
  const issues = checkPassword(input.password, input.username);
  if (issues.length > 0) throw new ValidationError('The password is too weak', issues);
  if (await deps.users.getUserByUsername(input.username))
    throw new ValidationError('The username is taken', [TAKEN]);
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  if (!(await deps.invites.consumeInvite(input.token, input.username, now)))
    throw new InviteUnavailableError(UNAVAILABLE);
  const user: User = {
    userId: deps.ids.newId(),
    username: input.username,
    passwordHash,
    admin: false,
    createdAt: now.toISOString(),
    createdBy: invite.createdBy,
  };
  try {
    await deps.users.createUser(user);
  } catch (error) {
    if (!(error instanceof ReferenceConflictError)) throw error;
    await deps.invites.releaseInvite(input.token, input.username);
    throw new ValidationError('The username is taken', [TAKEN]);
  }
  await deps.memberships.putMembership({
    projectId: invite.projectId,
    userId: user.userId,
    role: invite.role,
    addedBy: invite.createdBy,
    addedAt: now.toISOString(),
  });
  await deps.audit.append({
    chain: invite.projectId,
    type: 'member.changed',
    at: now.toISOString(),
    actor: `user:${user.username}`,
    subject: user.userId,
    data: { change: 'joined', role: invite.role, inviteId: invite.inviteId },
  });
  deps.logger.info('invite accepted', {
    userId: user.userId,
    projectId: invite.projectId,
    role: invite.role,
  });
  return user;
}
