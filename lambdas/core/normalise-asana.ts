import { z } from 'zod';
import type { InboundEvent } from './events.js';
import { parseOrThrow } from './validation.js';

// A task gid becomes part of a delivery id and of store keys: only Asana's numeric gids may pass
// ('#' would break the key format, a huge one the key size), and before anything is enqueued.
const TASK_GID = /^\d{1,64}$/;
const RefSchema = z.object({ gid: z.string().min(1).max(256), resource_type: z.string().max(256) });

const AsanaWebhookEventSchema = z
  .object({
    action: z.string().max(256),
    created_at: z.string().max(64).optional(),
    resource: RefSchema,
    parent: RefSchema.nullable().optional(),
  })
  .superRefine((e, ctx) => {
    for (const key of ['resource', 'parent'] as const) {
      const ref = e[key];
      if (ref?.resource_type === 'task' && !TASK_GID.test(ref.gid))
        ctx.addIssue({ code: 'custom', path: [key, 'gid'], message: 'must be an Asana task gid (digits)' });
    }
  });

/** The body of an Asana webhook delivery; an empty `events` array is a heartbeat. */
export const AsanaWebhookBodySchema = z.object({ events: z.array(AsanaWebhookEventSchema).max(1000) });

type TouchAction = Extract<InboundEvent, { type: 'asana.task_touched' }>['action'];
const TASK_ACTIONS = new Set<string>(['added', 'changed', 'removed', 'deleted', 'undeleted']);

/**
 * Turns an Asana delivery into one skinny event per task touched (the worker fetches the task).
 * Stories and other resources count as a touch of their parent task.
 */
export function normaliseAsana(
  body: unknown,
  receivedAt: string,
): { events: InboundEvent[]; ignored: number } {
  const { events } = parseOrThrow(AsanaWebhookBodySchema, body, 'Asana webhook body');
  const latest = new Map<string, InboundEvent>();
  let ignored = 0;
  for (const e of events) {
    const target = taskOf(e);
    if (!target) {
      ignored += 1;
      continue;
    }
    const occurredAt = e.created_at ?? receivedAt;
    const previous = latest.get(target.gid);
    // Deletion is final for the batch; otherwise the last touch wins (the worker fetches fresh state anyway).
    if (
      previous?.type === 'asana.task_touched' &&
      previous.action === 'deleted' &&
      target.action !== 'undeleted'
    )
      continue;
    latest.set(target.gid, {
      type: 'asana.task_touched',
      asanaGid: target.gid,
      action: target.action,
      occurredAt,
    });
  }
  return { events: [...latest.values()], ignored };
}

function taskOf(
  e: z.infer<typeof AsanaWebhookEventSchema>,
): { gid: string; action: TouchAction } | undefined {
  if (e.resource.resource_type === 'task') {
    if (!TASK_ACTIONS.has(e.action)) return undefined;
    return { gid: e.resource.gid, action: e.action as TouchAction };
  }
  if (e.parent?.resource_type === 'task') return { gid: e.parent.gid, action: 'changed' };
  return undefined;
}
