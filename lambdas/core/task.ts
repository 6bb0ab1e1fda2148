import { z } from 'zod';
import { ActionSchema } from './actions.js';

/** Pipeline progress of a task, in order. */
export const PipelineStageSchema = z.enum([
  'RECEIVED',
  'ISSUE_CREATED',
  'PR_CREATED',
  'WAITING_CI',
  'DEPLOYED',
  'FAILED',
]);
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** Side states that hold a task outside the pipeline; they win over the stage in `status`. */
export const SideStateSchema = z.enum(['NEEDS_REPO', 'AUTO_DISABLED', 'BLOCKED', 'CANCELLED']);
export type SideState = z.infer<typeof SideStateSchema>;

export const TaskStatusSchema = z.union([PipelineStageSchema, SideStateSchema]);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export const TASK_STATUSES = [...PipelineStageSchema.options, ...SideStateSchema.options] as const;

/** The Asana status option of a task, mapped through the project's status map. */
export const WorkStateSchema = z.enum(['ACTIVE', 'BLOCKED', 'CANCELLED']);
export type WorkState = z.infer<typeof WorkStateSchema>;

export const IssueLinkSchema = z.object({
  repo: z.string(),
  number: z.number().int().positive(),
  url: z.string(),
});
export const PullRequestLinkSchema = z.object({
  number: z.number().int().positive(),
  url: z.string(),
  headSha: z.string().optional(),
  /** When GitHub last updated the PR whose head is `headSha` (a late event of an older head is ignored). */
  headAt: z.string().optional(),
});
/** The latest known result of one CI workflow on the merge commit. */
export const CiRunSchema = z.object({
  runId: z.number().int(),
  url: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  occurredAt: z.string(),
});
export type CiRun = z.infer<typeof CiRunSchema>;

/** A task as Auto-Flow tracks it: one Asana task, at most one GitHub issue, one PR, one merge SHA. */
export const TaskSchema = z.object({
  projectId: z.string(),
  taskId: z.string(),
  asanaGid: z.string(),
  title: z.string(),
  notes: z.string(),
  asanaUrl: z.string().optional(),
  autoTask: z.boolean(),
  workState: WorkStateSchema,
  asanaCompleted: z.boolean(),
  /** Asana's modified_at of the snapshot last applied; older snapshots are ignored. */
  asanaModifiedAt: z.string(),
  /** Raw name of the Asana Repo enum option as last seen (null when unset). */
  repoOption: z.string().nullable(),
  /** Resolved `owner/repo`, when the option or a manual mapping resolves. */
  repo: z.string().optional(),
  stage: PipelineStageSchema,
  /** Derived from stage and side state by `statusOf`; stored for the status index. */
  status: TaskStatusSchema,
  issue: IssueLinkSchema.optional(),
  pr: PullRequestLinkSchema.optional(),
  mergeSha: z.string().optional(),
  /** Latest run per workflow name on `mergeSha` (latest by occurredAt, so delivery order does not matter). */
  ciRuns: z.record(z.string(), CiRunSchema),
  waitingReason: z.string().optional(),
  failureReason: z.string().optional(),
  /** True when Auto-Flow itself completed the Asana task (so only then may it reopen it). */
  completedByAutoFlow: z.boolean(),
  /** True while the auto-disabled label is (or is being) applied to the issue. */
  autoDisabledLabel: z.boolean(),
  issueClosed: z.boolean(),
  /** Actions emitted but not yet recorded (transactional outbox on the task item). */
  outbox: z.array(ActionSchema),
  /** Counter behind deterministic action ids. */
  actionSeq: z.number().int().nonnegative(),
  specVersion: z.number().int().nonnegative(),
  /** Ids of the last deliveries that changed this task: a redelivery of one of them is skipped. */
  recentDeliveries: z.array(z.string()).max(50).optional(),
  /** `${triggerId}:${occurrence}` of the last user-trigger firings on events that leave the task as it was. */
  triggerKeys: z.array(z.string()).max(50).optional(),
  /** The merge SHA fix-forward opened a follow-up issue for (once per merge commit). */
  fixForwardSha: z.string().optional(),
  /** The follow-up issue fix-forward opened. */
  followUpIssue: IssueLinkSchema.optional(),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the reconciler last checked the task and found nothing to change (it checks quiet tasks less often). */
  checkedAt: z.string().optional(),
});
export type Task = z.infer<typeof TaskSchema>;
export type IssueLink = z.infer<typeof IssueLinkSchema>;
