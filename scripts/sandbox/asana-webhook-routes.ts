import { Hono } from 'hono';
import { z } from 'zod';
import { asanaTime, type SandboxContext } from './context.js';
import { SandboxError } from './errors.js';
import { performHandshake } from './asana-events.js';
import { asanaBody, asanaValid } from './asana-http.js';
import { renderWebhook } from './asana-render.js';
import type { AsanaWebhookRecord } from './state.js';

const FilterSchema = z.object({
  resource_type: z.string().optional(),
  resource_subtype: z.string().optional(),
  action: z.enum(['added', 'changed', 'removed', 'deleted', 'undeleted']).optional(),
  fields: z.array(z.string()).optional(),
});

const CreateWebhookSchema = z.strictObject({
  resource: z.string().min(1),
  target: z.url(),
  filters: z.array(FilterSchema).default([]),
});

const ListQuery = z.object({
  workspace: z.string().min(1, 'Missing input'),
  resource: z.string().optional(),
});

/** Asana's webhooks endpoints; creating one performs the X-Hook-Secret handshake with the target. */
export function asanaWebhookRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const hooks = (): AsanaWebhookRecord[] => ctx.store.data.asana.webhooks;

  app.post('/webhooks', async (c) => {
    const data = await asanaBody(c, CreateWebhookSchema);
    const { projects, tasks } = ctx.store.data.asana;
    const resourceType = projects[data.resource] ? 'project' : tasks[data.resource] ? 'task' : undefined;
    if (!resourceType) throw new SandboxError(400, `resource: Not a recognized ID: ${data.resource}`);
    if (hooks().some((h) => h.resourceGid === data.resource && h.target === data.target)) {
      throw new SandboxError(400, 'Duplicate webhook: this target already receives events for this resource');
    }
    const result = await performHandshake(ctx, data.target);
    if ('error' in result)
      throw new SandboxError(
        400,
        `Could not complete activation handshake with target URL (${result.error})`,
      );
    const hook: AsanaWebhookRecord = {
      gid: ctx.store.nextGid(),
      resourceGid: data.resource,
      resourceType,
      target: data.target,
      secret: result.secret,
      filters: data.filters,
      active: true,
      createdAt: asanaTime(),
      lastSuccessAt: asanaTime(),
      lastFailureAt: null,
      lastFailureContent: '',
    };
    hooks().push(hook);
    ctx.store.touch();
    return c.json({ data: renderWebhook(ctx, hook) }, 201);
  });

  app.get('/webhooks', (c) => {
    const q = asanaValid(ListQuery, {
      workspace: c.req.query('workspace') ?? '',
      resource: c.req.query('resource'),
    });
    if (q.workspace !== ctx.store.data.asana.workspaceGid)
      throw new SandboxError(404, `Unknown object: ${q.workspace}`);
    const list = hooks().filter((h) => !q.resource || h.resourceGid === q.resource);
    return c.json({ data: list.map((h) => renderWebhook(ctx, h)), next_page: null });
  });

  app.get('/webhooks/:gid', (c) =>
    c.json({ data: renderWebhook(ctx, requireWebhook(ctx, c.req.param('gid'))) }),
  );

  app.delete('/webhooks/:gid', (c) => {
    const hook = requireWebhook(ctx, c.req.param('gid'));
    hooks().splice(hooks().indexOf(hook), 1);
    ctx.store.touch();
    return c.json({ data: {} });
  });

  return app;
}

function requireWebhook(ctx: SandboxContext, gid: string): AsanaWebhookRecord {
  const hook = ctx.store.data.asana.webhooks.find((h) => h.gid === gid);
  if (!hook) throw new SandboxError(404, `Unknown object: ${gid}`);
  return hook;
}
