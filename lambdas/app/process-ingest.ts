import type { DomainEvent, IngestMessage } from '#core/events.js';
import { NotFoundError } from '#core/errors.js';
import type { Integrations, ProjectStore } from '#lambdas/ports.js';
import { applyEvent, targetOf, type ApplyEventDeps } from './apply-event.js';

/** Ports the worker's use case needs. */
export interface ProcessIngestDeps extends ApplyEventDeps {
  projects: ProjectStore;
  integrations: Integrations;
}

/**
 * Processes one queued delivery: Asana events are skinny, so the task's current fields are fetched
 * first; then the event goes through `applyEvent`, which skips a delivery id the task already applied.
 */
export async function processIngest(message: IngestMessage, deps: ProcessIngestDeps): Promise<'processed'> {
  const config = await deps.projects.getProject(message.projectId);
  // Throwing keeps the message: after 3 receives it lands in the DLQ, never silently dropped.
  if (!config) throw new NotFoundError(`Project ${message.projectId} not found`);
  const event = await toDomainEvent(message, deps);
  await applyEvent(config, event, targetOf(event), deps, { deliveryId: message.deliveryId });
  return 'processed';
}

async function toDomainEvent(message: IngestMessage, deps: ProcessIngestDeps): Promise<DomainEvent> {
  const inbound = message.event;
  if (inbound.type !== 'asana.task_touched') return inbound;
  if (inbound.action === 'deleted')
    return { type: 'asana.task_deleted', asanaGid: inbound.asanaGid, occurredAt: inbound.occurredAt };
  const tracker = await deps.integrations.workTracker(message.projectId);
  const record = await tracker.getTask(inbound.asanaGid);
  if (!record)
    return { type: 'asana.task_deleted', asanaGid: inbound.asanaGid, occurredAt: inbound.occurredAt };
  return { type: 'asana.task_snapshot', task: record };
}
