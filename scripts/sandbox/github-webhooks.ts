import { createHmac, randomUUID } from 'node:crypto';
import { githubTime, type SandboxContext } from './context.js';
import { githubTemplates, type Json } from './github-templates.js';
import { githubUrls, renderHook, renderRepository, renderUser } from './github-render-repo.js';
import type { HookRecord } from './state.js';
import { hmacSha256Hex } from './webhook-sender.js';

/** Sends `event` to every active hook of `repo` that subscribes to it (or to `*`). */
export function emitGitHubEvent(
  ctx: SandboxContext,
  repo: string,
  event: string,
  fields: Json,
  sender: string,
): void {
  const hooks = ctx.store.data.github.hooks.filter(
    (h) => h.repo === repo && h.active && (h.events.includes('*') || h.events.includes(event)),
  );
  if (hooks.length === 0) return;
  const payload = { ...fields, ...common(ctx, repo, sender) };
  for (const hook of hooks) deliver(ctx, hook, event, payload);
}

/** Sends the `ping` GitHub sends when a hook is created. */
export function sendPing(ctx: SandboxContext, hook: HookRecord, sender: string): void {
  const urls = githubUrls(ctx.urls.base);
  deliver(ctx, hook, 'ping', {
    zen: githubTemplates().zen,
    hook_id: hook.id,
    hook: renderHook(hook, urls),
    ...common(ctx, hook.repo, sender),
  });
}

function common(ctx: SandboxContext, repo: string, sender: string): Json {
  const urls = githubUrls(ctx.urls.base);
  const record = ctx.store.data.github.repos[repo];
  if (!record) throw new Error(`unknown repo ${repo}`);
  const open = ctx.store.data.github.issues.filter((i) => i.repo === repo && i.state === 'open').length;
  return { repository: renderRepository(record, urls, open), sender: renderUser(sender, urls) };
}

function deliver(ctx: SandboxContext, hook: HookRecord, event: string, payload: Json): void {
  const json = JSON.stringify(payload);
  const body = hook.contentType === 'form' ? new URLSearchParams({ payload: json }).toString() : json;
  const deliveryId = randomUUID();
  const headers: Record<string, string> = {
    'Content-Type': hook.contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    'User-Agent': 'GitHub-Hookshot/sandbox',
    'X-GitHub-Event': event,
    'X-GitHub-Delivery': deliveryId,
    'X-GitHub-Hook-ID': String(hook.id),
    'X-GitHub-Hook-Installation-Target-Type': 'repository',
    'X-GitHub-Hook-Installation-Target-ID': String(ctx.store.data.github.repos[hook.repo]?.id ?? 0),
  };
  if (hook.secret) {
    headers['X-Hub-Signature'] = `sha1=${createHmac('sha1', hook.secret).update(body).digest('hex')}`;
    headers['X-Hub-Signature-256'] = `sha256=${hmacSha256Hex(hook.secret, body)}`;
  }
  const action = typeof payload.action === 'string' ? `.${payload.action}` : '';
  ctx.sender.send({
    service: 'github',
    event: `${event}${action}`,
    hookId: String(hook.id),
    target: hook.url,
    deliveryId,
    headers,
    body,
    subject: `${event}${action} ${hook.repo}#${subjectOf(payload)}`,
    onAttempt: (result) => {
      hook.lastResponse = {
        code: result.status,
        status: result.ok ? 'active' : 'failed',
        message: result.ok ? 'OK' : (result.error ?? `Invalid HTTP Response: ${String(result.status)}`),
      };
      hook.updatedAt = githubTime();
    },
  });
}

/** The issue, PR or run number a payload is about (fault draws depend on it, not on random ids). */
function subjectOf(payload: Json): string {
  const numbered = (value: unknown, key: 'number' | 'id'): unknown =>
    typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
  const subject =
    numbered(payload.issue, 'number') ??
    numbered(payload.pull_request, 'number') ??
    numbered(payload.workflow_run, 'id') ??
    payload.hook_id ??
    '';
  return String(subject);
}
