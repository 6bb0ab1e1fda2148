import { z } from 'zod';

const repo = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');
const issueNumber = z.number().int().positive();

/** Side effects Auto-Flow may perform; every one passes Evaluate → Execute → Record. */
export const ActionParamsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('github.create_issue'),
    repo,
    title: z.string(),
    body: z.string(),
    labels: z.array(z.string()),
    marker: z.string(),
  }),
  z.object({ kind: z.literal('github.comment'), repo, issueNumber, body: z.string() }),
  z.object({
    kind: z.literal('github.label'),
    repo,
    issueNumber,
    add: z.array(z.string()),
    remove: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('github.close_issue'),
    repo,
    issueNumber,
    reason: z.enum(['not_planned', 'completed']),
  }),
  z.object({ kind: z.literal('asana.complete_task'), asanaGid: z.string() }),
  z.object({ kind: z.literal('asana.reopen_task'), asanaGid: z.string() }),
  z.object({ kind: z.literal('asana.comment'), asanaGid: z.string(), text: z.string() }),
]);
export type ActionParams = z.infer<typeof ActionParamsSchema>;
export type ActionKind = ActionParams['kind'];
export const ACTION_KINDS = ActionParamsSchema.options.map((o) => o.shape.kind.value) as ActionKind[];

/** Who asked for an action: a trigger (the core loop, a user's automation) or a person. */
export const RequesterSchema = z.object({ type: z.enum(['Trigger', 'User']), id: z.string().min(1) });
export type Requester = z.infer<typeof RequesterSchema>;

/** One effect to perform: its id is the Step Functions execution name, so a repeat start does nothing. */
export const ActionSchema = z.object({
  actionId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  projectId: z.string(),
  taskId: z.string(),
  params: ActionParamsSchema,
  createdAt: z.string(),
  /** Set when Evaluate held the action (kill switch); it stays in the outbox until released. */
  heldReason: z.string().optional(),
  /** Who asked for it (the policy principal). @default the core loop trigger */
  requestedBy: RequesterSchema.optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** What an executed effect returns to Record. */
export const EffectResultSchema = z.object({
  issueNumber: z.number().int().positive().optional(),
  url: z.string().optional(),
});
export type EffectResult = z.infer<typeof EffectResultSchema>;
