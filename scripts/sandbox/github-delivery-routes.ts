import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { githubTime, type SandboxContext } from './context.js';
import { SandboxError, found } from './errors.js';
import { requireRepo } from './github-issues.js';
import { githubValid, repoParam } from './github-http.js';
import { githubUrls, renderHook } from './github-render-repo.js';
import type { DeliveryRecord, HookRecord } from './state.js';

/** GitHub lets a delivery be redelivered for 3 days. */
const REDELIVERY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

const ListQuery = z.object({
  per_page: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().optional(),
  status: z.enum(['success', 'failure']).optional(),
  redelivery: z.enum(['true', 'false']).optional(),
});

/** A hook's deliveries as GitHub lists them (one per attempt, newest first), and redelivery. */
export function githubDeliveryRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  app.get('/repos/:owner/:repo/hooks/:id{[0-9]+}', (c) =>
    c.json(renderHook(requireHook(ctx, c), githubUrls(ctx.urls.base))),
  );

  app.get('/repos/:owner/:repo/hooks/:id{[0-9]+}/deliveries', (c) => {
    const hook = requireHook(ctx, c);
    const q = githubValid(ListQuery, c.req.query(), 'HookDelivery');
    const rows = deliveriesOf(ctx, hook)
      .filter((d) => !q.status || (q.status === 'success') === d.ok)
      .filter((d) => !q.redelivery || String(d.redelivery === true) === q.redelivery);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const start = after === undefined ? 0 : rows.findIndex((d) => (d.githubId ?? 0) < after);
    const page = start < 0 ? [] : rows.slice(start, start + q.per_page);
    const last = page.at(-1);
    if (last && start + q.per_page < rows.length) {
      const next = new URL(c.req.url);
      next.searchParams.set('cursor', Buffer.from(String(last.githubId)).toString('base64url'));
      next.searchParams.set('per_page', String(q.per_page));
      c.header('Link', `<${next.toString()}>; rel="next"`);
    }
    return c.json(page.map((d) => renderDelivery(ctx, hook, d)));
  });

  app.get('/repos/:owner/:repo/hooks/:id{[0-9]+}/deliveries/:deliveryId{[0-9]+}', (c) => {
    const hook = requireHook(ctx, c);
    const delivery = requireDelivery(ctx, hook, c);
    const kept = ctx.sender.kept(String(hook.id), delivery.deliveryId);
    return c.json({
      ...renderDelivery(ctx, hook, delivery),
      url: delivery.target,
      request: { headers: kept?.headers ?? null, payload: kept ? payloadOf(kept.body) : null },
      response: { headers: null, payload: null },
    });
  });

  app.post('/repos/:owner/:repo/hooks/:id{[0-9]+}/deliveries/:deliveryId{[0-9]+}/attempts', (c) => {
    const hook = requireHook(ctx, c);
    const delivery = requireDelivery(ctx, hook, c);
    if (Date.now() - Date.parse(delivery.at) > REDELIVERY_WINDOW_MS)
      throw invalid('deliveries older than 3 days cannot be redelivered');
    if (!ctx.sender.redeliver(String(hook.id), delivery.deliveryId, hook.url))
      throw invalid('the payload is no longer kept (the sandbox keeps payloads in memory only)');
    return c.json({}, 202);
  });

  return app;
}

function requireHook(ctx: SandboxContext, c: Context): HookRecord {
  requireRepo(ctx, repoParam(c));
  const id = Number(c.req.param('id'));
  return found(
    ctx.store.data.github.hooks.find((h) => h.repo === repoParam(c) && h.id === id),
    `hook ${id}`,
  );
}

function requireDelivery(ctx: SandboxContext, hook: HookRecord, c: Context): DeliveryRecord {
  const id = Number(c.req.param('deliveryId'));
  return found(
    deliveriesOf(ctx, hook).find((d) => d.githubId === id),
    `delivery ${id}`,
  );
}

/** The hook's delivery attempts, newest first. */
function deliveriesOf(ctx: SandboxContext, hook: HookRecord): DeliveryRecord[] {
  return ctx.store.data.deliveries
    .filter((d) => d.service === 'github' && d.hookId === String(hook.id) && d.githubId !== undefined)
    .sort((a, b) => (b.githubId ?? 0) - (a.githubId ?? 0));
}

function renderDelivery(ctx: SandboxContext, hook: HookRecord, d: DeliveryRecord): Record<string, unknown> {
  const [event = '', ...action] = d.event.split('.');
  return {
    id: d.githubId,
    guid: d.deliveryId,
    delivered_at: githubTime(Date.parse(d.at)),
    redelivery: d.redelivery === true,
    duration: d.durationMs / 1000,
    status: statusText(d),
    status_code: d.status ?? 0,
    event,
    action: action.length > 0 ? action.join('.') : null,
    installation_id: null,
    repository_id: ctx.store.data.github.repos[hook.repo]?.id ?? null,
    throttled_at: null,
  };
}

function statusText(d: DeliveryRecord): string {
  if (d.ok) return 'OK';
  if (d.status !== null) return `Invalid HTTP Response: ${d.status}`;
  return /timed? ?out|abort/i.test(d.error ?? '') ? 'timed out' : 'failed to connect to host';
}

function payloadOf(body: string): unknown {
  const form = new URLSearchParams(body).get('payload');
  try {
    return JSON.parse(body.startsWith('{') ? body : (form ?? body)) as unknown;
  } catch {
    return body;
  }
}

function decodeCursor(cursor: string): number {
  const value = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(value)) throw new SandboxError(400, 'Bad cursor');
  return value;
}

function invalid(message: string): SandboxError {
  return new SandboxError(
    422,
    'Validation Failed',
    [{ field: 'delivery_id', code: 'invalid', message }],
    'HookDelivery',
  );
}
