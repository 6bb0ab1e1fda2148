import type { Context } from 'hono';
import { GLOBAL_CHAIN, type AuditType } from '#core/audit/entry.js';
import type { ApiDeps } from './deps.js';
import type { ApiEnv, ProjectEnv } from './env.js';

/** Longest User-Agent kept in an audit entry (it says which client; the rest is noise). */
const MAX_AGENT = 200;

/** Which client made a request: its address (as throttling sees it) and its User-Agent. */
export function clientOf(c: Context<ApiEnv>, deps: Pick<ApiDeps, 'options'>) {
  return { ip: deps.options.clientIp(c), agent: (c.req.header('user-agent') ?? '').slice(0, MAX_AGENT) };
}

/**
 * Appends a console-side change of a project to the project's audit chain, by the signed-in admin.
 * `data` carries names and ids only: never a secret value, a token or a password.
 */
export async function auditProjectChange(
  c: Context<ProjectEnv>,
  deps: Pick<ApiDeps, 'audit' | 'clock'>,
  change: { type: AuditType; subject?: string; data: Record<string, unknown> },
): Promise<void> {
  const { projectId } = c.get('project');
  await deps.audit.append({
    chain: projectId,
    type: change.type,
    at: deps.clock.now().toISOString(),
    actor: `user:${c.get('principal').username}`,
    subject: change.subject ?? projectId,
    data: change.data,
  });
}

/**
 * Appends a sign-in attempt to the global chain (a sign-in belongs to no project). The username is
 * recorded only when it names an account: people type passwords into the username field.
 */
export async function auditSignIn(
  c: Context<ApiEnv>,
  deps: Pick<ApiDeps, 'audit' | 'clock' | 'options'>,
  attempt: { ok: boolean; username: string | null; how: 'password' | 'init' | 'invite'; reason?: string },
): Promise<void> {
  await deps.audit.append({
    chain: GLOBAL_CHAIN,
    type: attempt.ok ? 'login.succeeded' : 'login.failed',
    at: deps.clock.now().toISOString(),
    actor: attempt.username ? `user:${attempt.username}` : 'anonymous',
    subject: 'console',
    data: {
      how: attempt.how,
      username: attempt.username,
      client: clientOf(c, deps),
      ...(attempt.reason && { reason: attempt.reason }),
    },
  });
}
