/** Failed sign-ins tolerated per fixed window: per account (guessing one password) and per client (spraying). */
export interface LoginLimits {
  windowMs: number;
  perAccount: number;
  perClient: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perAccount: 5, perClient: 20 };

/** The start of the fixed window holding `now`, as epoch milliseconds. */
export function loginWindow(now: Date, limits: LoginLimits): number {
  return Math.floor(now.getTime() / limits.windowMs) * limits.windowMs;
}

/** Whether another attempt may be checked; when not, how long until the window ends. */
export function loginVerdict(
  failures: { account: number; client: number },
  now: Date,
  limits: LoginLimits,
): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  if (failures.account < limits.perAccount && failures.client < limits.perClient) return { allowed: true };
  const end = loginWindow(now, limits) + limits.windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}
