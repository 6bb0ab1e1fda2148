import { AuthenticationError, ThrottledError } from '#core/accounts/errors.js';
import { DEFAULT_LOGIN_LIMITS, loginVerdict, loginWindow } from '#core/accounts/login-throttle.js';
import { UsernameSchema, type User } from '#core/accounts/user.js';
import type { ApiDeps } from '../deps.js';

/** A well-formed hash of nothing: unknown usernames cost the same scrypt run as known ones. */
const DECOY_HASH = `scrypt$ln=17,r=8,p=1$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

type SignInDeps = Pick<ApiDeps, 'users' | 'loginThrottle' | 'passwords' | 'clock' | 'logger' | 'options'>;

/** Why a sign-in was refused, and the account it named (null when the name matches no account). */
export interface SignInRefusal {
  reason: 'throttled' | 'wrong_credentials';
  username: string | null;
}

/**
 * Checks a username and password, throttled per account and per client: a blocked key is refused
 * before any password is checked; every failure counts against both; success clears the account.
 */
export async function checkCredentials(
  input: { username: string; password: string; client: string },
  deps: SignInDeps,
  /** Told about every refusal before it is thrown (the route audits it). */
  onRefused: (refusal: SignInRefusal) => Promise<void> = async () => undefined,
): Promise<User> {
  const limits = deps.options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  const now = deps.clock.now();
  const window = loginWindow(now, limits);
  const account = input.username.trim().toLowerCase();
  const keys = { account, client: input.client };
  const verdict = loginVerdict(await deps.loginThrottle.failures(keys, window), now, limits);
  const user = UsernameSchema.safeParse(account).success
    ? await deps.users.getUserByUsername(account)
    : undefined;
  const username = user?.username ?? null;
  if (!verdict.allowed) {
    deps.logger.warn('sign-in throttled', { retryAfterSeconds: verdict.retryAfterSeconds });
    await onRefused({ reason: 'throttled', username });
    throw new ThrottledError('Too many failed sign-ins. Try again later.', verdict.retryAfterSeconds);
  }
  const matches = await deps.passwords.verify(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !matches) {
    await deps.loginThrottle.recordFailure(keys, window, new Date(window + limits.windowMs));
    // Never the attempted username: people type passwords into it.
    deps.logger.warn('sign-in failed', { knownUser: user !== undefined });
    await onRefused({ reason: 'wrong_credentials', username });
    throw new AuthenticationError('Wrong username or password');
  }
  await deps.loginThrottle.clearAccount(account, window);
  deps.logger.info('signed in', { userId: user.userId });
  return user;
}
