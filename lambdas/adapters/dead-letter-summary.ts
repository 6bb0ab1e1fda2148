import { IngestMessageSchema } from '#core/events.js';

/** A dead letter's body described without its payload: source, event type, project, delivery id. */
export function summarizeDeadLetter(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'unparseable body';
  }
  const message = IngestMessageSchema.safeParse(parsed);
  if (!message.success) return 'not an ingest message';
  const { source, event, projectId, deliveryId } = message.data;
  return `${source} ${event.type} project=${projectId} delivery=${deliveryId}`;
}
