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
  /** A JSON POST to an outside webhook, its body HMAC-signed with the requesting trigger's secret. */
  z.object({
    kind: z.literal('http.post'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    body: z.record(z.string(), z.json()),
  }),
  /** A message to Slack or Telegram; the webhook URL or bot token is the requesting trigger's secret. */
  z.object({
    kind: z.literal('notify'),
    channel: z.enum(['slack', 'telegram']),
    text: z.string().min(1).max(4000),
    /** Telegram only: the chat to post to. */
    chatId: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('github.workflow_dispatch'),
    repo,
    /** The workflow file name (`deploy.yml`) or id. */
    workflow: z.string().min(1).max(255),
    ref: z.string().min(1).max(255),
    inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** The deployment environment it touches (`production` needs an approval by default). */
    environment: z.string().min(1).max(100).optional(),
  }),
  /** Lets a run waiting for approval (`action_required`, fork or first-time contributor) proceed. */
  z.object({ kind: z.literal('github.approve_workflow_run'), repo, runId: z.number().int().positive() }),
]);
export type ActionParams = z.infer<typeof ActionParamsSchema>;
export type ActionKind = ActionParams['kind'];
export const ACTION_KINDS = ActionParamsSchema.options.map((o) => o.shape.kind.value) as ActionKind[];

/** Who asked for an action: a trigger (the core loop, a user's automation) or a person. */
export const RequesterSchema = z.object({ type: z.enum(['Trigger', 'User']), id: z.string().min(1) });
export type Requester = z.infer<typeof RequesterSchema>;

/** The trigger (and its version) whose template produced an action. */
export const TriggerRefSchema = z.object({ id: z.string().min(1), version: z.number().int().positive() });
export type TriggerRef = z.infer<typeof TriggerRefSchema>;

/** One effect to perform: its id is the Step Functions execution name, so a repeat start does nothing. */
export const ActionSchema = z.object({
  actionId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  projectId: z.string(),
  taskId: z.string(),
  params: ActionParamsSchema,
  createdAt: z.string(),
  /** Set when Evaluate held the action (kill switch); it stays in the outbox until released. */
  heldReason: z.string().optional(),
  /** How often a retry-safe effect failed after the state machine's retries (it is held for Repair). */
  failures: z.number().int().min(1).optional(),
  /**
   * How often the action was released after a hold; it names the action's current execution (see
   * `executionNameOf`), so an outcome from an earlier one is recognised as stale.
   */
  releases: z.number().int().min(1).optional(),
  /** Who asked for it (the policy principal). @default the core loop trigger */
  requestedBy: RequesterSchema.optional(),
  /** The user trigger whose template produced it (built-in actions carry none). */
  trigger: TriggerRefSchema.optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/**
 * The Step Functions execution name of an action's current run: its id, then `${actionId}-r${n}` after
 * the n-th release. Derived from the saved task, so every start of the same run uses the same name
 * and a repeated start does nothing; only the save that released the action can lead to a new run.
 */
export function executionNameOf(action: Pick<Action, 'actionId' | 'releases'>): string {
  return action.releases === undefined ? action.actionId : `${action.actionId}-r${action.releases}`;
}

/** What an executed effect returns to Record. */
export const EffectResultSchema = z.object({
  issueNumber: z.number().int().positive().optional(),
  url: z.string().optional(),
  /** HTTP status an outside webhook answered (http.post, notify). */
  status: z.number().int().optional(),
});
export type EffectResult = z.infer<typeof EffectResultSchema>;
