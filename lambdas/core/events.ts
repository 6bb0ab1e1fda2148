import { z } from 'zod';
import { ActionParamsSchema, EffectResultSchema } from './actions.js';
import { ConsoleCommandSchema } from './console-command.js';

/** Raw Asana custom field value, as the Asana API returns it (only what we read). */
export const AsanaCustomFieldSchema = z.object({
  gid: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
  enumValue: z.object({ gid: z.string(), name: z.string() }).nullable().optional(),
  textValue: z.string().nullable().optional(),
});
export type AsanaCustomField = z.infer<typeof AsanaCustomFieldSchema>;

/** An Asana task as fetched by the worker (Asana webhooks are skinny). */
export const AsanaTaskRecordSchema = z.object({
  gid: z.string(),
  name: z.string(),
  notes: z.string(),
  completed: z.boolean(),
  modifiedAt: z.string(),
  permalinkUrl: z.string().optional(),
  customFields: z.array(AsanaCustomFieldSchema),
});
export type AsanaTaskRecord = z.infer<typeof AsanaTaskRecordSchema>;

/** Events as they travel on the ingest queue (normalised by the receivers, no raw payloads). */
export const InboundEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('asana.task_touched'),
    asanaGid: z.string(),
    action: z.enum(['added', 'changed', 'removed', 'deleted', 'undeleted']),
    occurredAt: z.string(),
  }),
  z.object({
    type: z.literal('github.pull_request'),
    action: z.string(),
    repo: z.string(),
    number: z.number().int().positive(),
    url: z.string(),
    body: z.string(),
    baseRef: z.string(),
    defaultBranch: z.string(),
    merged: z.boolean(),
    mergeSha: z.string().nullable(),
    headSha: z.string(),
    state: z.enum(['open', 'closed']),
    occurredAt: z.string(),
    /** The label added, on a `labeled` action (user triggers match it). */
    label: z.string().optional(),
  }),
  z.object({
    type: z.literal('github.workflow_run'),
    action: z.string(),
    repo: z.string(),
    runId: z.number().int(),
    workflow: z.string(),
    headSha: z.string(),
    headBranch: z.string().nullable(),
    status: z.string(),
    conclusion: z.string().nullable(),
    url: z.string(),
    occurredAt: z.string(),
  }),
  z.object({
    type: z.literal('github.issue'),
    action: z.string(),
    repo: z.string(),
    number: z.number().int().positive(),
    state: z.enum(['open', 'closed']),
    stateReason: z.string().nullable(),
    occurredAt: z.string(),
  }),
]);
export type InboundEvent = z.infer<typeof InboundEventSchema>;

/** The release of the action an outcome comes from (absent: its first run). */
const ReleasesSchema = z.number().int().min(1).optional();

/** Events `decide` consumes: inbound ones (Asana enriched with a fetched snapshot) and effect outcomes. */
export const DomainEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('asana.task_snapshot'), task: AsanaTaskRecordSchema }),
  z.object({ type: z.literal('asana.task_deleted'), asanaGid: z.string(), occurredAt: z.string() }),
  ...InboundEventSchema.options.filter((o) => o.shape.type.value !== 'asana.task_touched'),
  z.object({
    type: z.literal('effect.succeeded'),
    actionId: z.string(),
    params: ActionParamsSchema,
    releases: ReleasesSchema,
    result: EffectResultSchema,
  }),
  z.object({
    type: z.literal('effect.failed'),
    actionId: z.string(),
    params: ActionParamsSchema,
    releases: ReleasesSchema,
    error: z.object({ name: z.string(), message: z.string() }),
  }),
  z.object({
    type: z.literal('effect.denied'),
    actionId: z.string(),
    params: ActionParamsSchema,
    releases: ReleasesSchema,
    reason: z.string(),
  }),
  z.object({
    type: z.literal('effect.held'),
    actionId: z.string(),
    params: ActionParamsSchema,
    releases: ReleasesSchema,
    reason: z.string(),
  }),
  /**
   * Held actions started again: all of a task's held ones (a kill switch went off), only those held
   * after failing (Repair), or one (its execution found the kill switch off again when it recorded).
   */
  z.object({
    type: z.literal('actions.released'),
    reason: z.string().min(1),
    actionId: z.string().optional(),
    failedOnly: z.boolean().optional(),
  }),
  /** A person's command from the console (retry, re-sync, force-link PR, change repo, note). */
  z.object({
    type: z.literal('console.command'),
    by: z.object({ userId: z.string().min(1), username: z.string().min(1) }),
    command: ConsoleCommandSchema,
    /** For a re-sync: Asana's current task (null when it is gone from Asana). */
    snapshot: AsanaTaskRecordSchema.nullable().optional(),
  }),
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;

/** One message on the ingest queue. */
export const IngestMessageSchema = z.object({
  deliveryId: z.string().min(1),
  projectId: z.string().min(1),
  source: z.enum(['asana', 'github']),
  receivedAt: z.string(),
  event: InboundEventSchema,
  /** How often the worker put this delivery back because an integration rate-limited it. */
  deferrals: z.number().int().min(0).optional(),
});
export type IngestMessage = z.infer<typeof IngestMessageSchema>;
