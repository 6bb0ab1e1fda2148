import { randomBytes, randomUUID } from 'node:crypto';
import { asanaTime, type SandboxContext } from './context.js';
import { ASANA_USERS } from './asana-render.js';
import type { AsanaWebhookRecord, WebhookFilter } from './state.js';
import { describeError, hmacSha256Hex } from './webhook-sender.js';

type Ref = { gid: string; resource_type: string; resource_subtype?: string };

/** One Asana webhook event, as Asana delivers it. */
export interface AsanaEvent {
  user: { gid: string; resource_type: 'user' };
  created_at: string;
  action: 'added' | 'changed' | 'removed' | 'deleted' | 'undeleted';
  resource: Ref;
  parent: Ref | null;
  change?: { field: string; action: 'changed'; new_value?: unknown };
}

/** Builds a task event. */
export function taskEvent(
  taskGid: string,
  action: AsanaEvent['action'],
  actor: 'bot' | 'human',
  extra: { parent?: Ref | null; change?: AsanaEvent['change'] } = {},
): AsanaEvent {
  return {
    user: { gid: ASANA_USERS[actor].gid, resource_type: 'user' },
    created_at: asanaTime(),
    action,
    resource: { gid: taskGid, resource_type: 'task', resource_subtype: 'default_task' },
    parent: extra.parent ?? null,
    ...(extra.change ? { change: extra.change } : {}),
  };
}

/** Delivers events to each active webhook whose resource (project or task) and filters match. */
export function emitAsanaEvents(ctx: SandboxContext, events: AsanaEvent[]): void {
  for (const hook of ctx.store.data.asana.webhooks) {
    if (!hook.active) continue;
    const matching = events.filter((e) => concerns(ctx, hook, e) && passes(hook.filters, e));
    if (matching.length > 0) deliver(ctx, hook, 'asana.events', { events: matching });
  }
}

/** Sends an empty, signed heartbeat (`{"events":[]}`) to every active webhook. */
export function sendHeartbeats(ctx: SandboxContext): number {
  const hooks = ctx.store.data.asana.webhooks.filter((h) => h.active);
  for (const hook of hooks) deliver(ctx, hook, 'asana.heartbeat', { events: [] });
  return hooks.length;
}

/** Asana's handshake: POST the target with X-Hook-Secret and expect it echoed back. */
export async function performHandshake(
  ctx: SandboxContext,
  target: string,
): Promise<{ secret: string } | { error: string }> {
  const secret = randomBytes(32).toString('hex');
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'X-Hook-Secret': secret },
      signal: AbortSignal.timeout(10_000),
    });
    status = response.status;
    await response.arrayBuffer().catch(() => undefined);
    if (status !== 200 && status !== 204) error = `target answered ${status}`;
    else if (response.headers.get('x-hook-secret') !== secret) error = 'target did not echo X-Hook-Secret';
  } catch (e) {
    error = describeError(e);
  }
  ctx.sender.recordAttempt(
    { service: 'asana', event: 'asana.handshake', hookId: 'handshake', target, deliveryId: randomUUID() },
    { attempt: 1, ok: error === null, status, error, started },
  );
  return error === null ? { secret } : { error };
}

function concerns(ctx: SandboxContext, hook: AsanaWebhookRecord, event: AsanaEvent): boolean {
  const ids = [event.resource.gid, event.parent?.gid];
  if (hook.resourceType === 'task') return ids.includes(hook.resourceGid);
  const taskGid = event.resource.resource_type === 'task' ? event.resource.gid : event.parent?.gid;
  const task = taskGid ? ctx.store.data.asana.tasks[taskGid] : undefined;
  return ids.includes(hook.resourceGid) || task?.projectGid === hook.resourceGid;
}

function passes(filters: WebhookFilter[], event: AsanaEvent): boolean {
  if (filters.length === 0) return true;
  return filters.some(
    (f) =>
      (!f.resource_type || f.resource_type === event.resource.resource_type) &&
      (!f.resource_subtype || f.resource_subtype === event.resource.resource_subtype) &&
      (!f.action || f.action === event.action) &&
      (!f.fields || (event.change !== undefined && f.fields.includes(event.change.field))),
  );
}

function deliver(
  ctx: SandboxContext,
  hook: AsanaWebhookRecord,
  event: string,
  payload: { events: AsanaEvent[] },
): void {
  const body = JSON.stringify(payload);
  const touched = payload.events.map((e) => `${e.action}:${e.resource.gid}`).join(',');
  ctx.sender.send({
    service: 'asana',
    event,
    hookId: hook.gid,
    target: hook.target,
    deliveryId: randomUUID(),
    headers: { 'Content-Type': 'application/json', 'X-Hook-Signature': hmacSha256Hex(hook.secret, body) },
    body,
    subject: `${event} ${touched}`,
    onAttempt: (result) => {
      const now = asanaTime();
      if (result.ok) {
        hook.lastSuccessAt = now;
        hook.consecutiveFailures = 0;
      } else {
        hook.lastFailureAt = now;
        hook.lastFailureContent = result.error ?? `HTTP ${String(result.status)}`;
        if (result.final) hook.consecutiveFailures = (hook.consecutiveFailures ?? 0) + 1;
      }
      // Asana drops a webhook whose target answers 410 Gone, and one that keeps failing.
      const limit = ctx.webhookFaults.deleteAfterFailures();
      if (result.status === 410) removeWebhook(ctx, hook);
      else if (limit !== undefined && (hook.consecutiveFailures ?? 0) >= limit && removeWebhook(ctx, hook))
        ctx.faultLog.record({
          service: 'asana',
          kind: 'webhook.deleted',
          source: 'rate',
          hookId: hook.gid,
          count: hook.consecutiveFailures,
        });
      ctx.store.touch();
    },
  });
}

/** Deletes a webhook as Asana does (after 410 Gone or repeated failures); false when already gone. */
export function removeWebhook(ctx: SandboxContext, hook: AsanaWebhookRecord): boolean {
  const hooks = ctx.store.data.asana.webhooks;
  const index = hooks.findIndex((h) => h.gid === hook.gid);
  if (index < 0) return false;
  hooks.splice(index, 1);
  ctx.store.touch();
  return true;
}
