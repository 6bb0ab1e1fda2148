import { AlreadyInitialisedError, AuthenticationError } from '#core/accounts/errors.js';
import { checkPassword } from '#core/accounts/password-policy.js';
import type { User } from '#core/accounts/user.js';
import { ValidationError } from '#core/errors.js';
import type { ApiDeps } from '../deps.js';

type InitDeps = Pick<ApiDeps, 'users' | 'initAdminToken' | 'passwords' | 'clock' | 'ids' | 'logger'>;

/** True once the first admin exists (the claim is won and its user written). */
export async function isInitialised(deps: Pick<ApiDeps, 'users'>): Promise<boolean> {
  const claim = await deps.users.firstAdminClaim();
  return claim !== undefined && (await deps.users.getUser(claim.userId)) !== undefined;
}

/**
 * Creates the first admin with the configured INIT_ADMIN_TOKEN: exactly one, once. The one-time
 * claim is a conditional write, so two racing requests cannot both win.
 */
export async function initAdmin(
  input: { token: string; username: string; password: string },
  deps: InitDeps,
): Promise<User> {
  if (await isInitialised(deps)) throw new AlreadyInitialisedError('The first admin exists already');
  if (!(await deps.initAdminToken.verify(input.token)))
    throw new AuthenticationError('The init token is not valid');
  const issues = checkPassword(input.password, input.username);
  if (issues.length > 0) throw new ValidationError('The password is too weak', issues);
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  const userId = deps.ids.newId();
  if (!(await deps.users.claimFirstAdmin(userId, now)))
    throw new AlreadyInitialisedError('The first admin exists already');
  const user: User = {
    userId,
    username: input.username,
    passwordHash,
    admin: true,
    createdAt: now.toISOString(),
  };
  await deps.users.createUser(user);
  deps.logger.info('first admin created', { userId });
  return user;
}
