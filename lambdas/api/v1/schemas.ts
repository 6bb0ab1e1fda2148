import { z } from 'zod';
import { ApprovalSchema } from '#core/approval/approval.js';
import { PipelineStageSchema, TaskStatusSchema } from '#core/task.js';
import type { toTaskDetail, toTaskRow } from '../views/task-view.js';

// Response schemas of /api/v1 for views the console builds in TypeScript; the `satisfies` checks at the
// bottom keep them in step with those views.

const Link = z.object({ number: z.number().int(), url: z.string() });

export const TaskRowSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  status: TaskStatusSchema,
  stage: PipelineStageSchema,
  repo: z.string().nullable(),
  asanaUrl: z.string().nullable(),
  issue: Link.nullable(),
  pr: Link.nullable(),
  ci: z.object({ state: z.enum(['none', 'running', 'passed', 'failed']), url: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const TaskDetailSchema = TaskRowSchema.extend({
  asanaGid: z.string(),
  notes: z.string(),
  autoTask: z.boolean(),
  workState: z.string(),
  asanaCompleted: z.boolean(),
  repoOption: z.string().nullable().optional(),
  issueRepo: z.string().nullable(),
  mergeSha: z.string().nullable(),
  waitingReason: z.string().nullable(),
  failureReason: z.string().nullable(),
  specVersion: z.number().int(),
  ciRuns: z.array(
    z.object({
      workflow: z.string(),
      status: z.string(),
      conclusion: z.string().nullable().optional(),
      url: z.string(),
    }),
  ),
  pending: z.array(
    z.object({
      actionId: z.string(),
      kind: z.string(),
      createdAt: z.string(),
      heldReason: z.string().nullable(),
    }),
  ),
});

/** An approval as the API shows it: everything but the task token. */
export const ApprovalViewSchema = ApprovalSchema.omit({ taskToken: true });

/** The generic list envelope. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

type Check<A, B extends A> = B;
export type TaskRowMatches = Check<z.input<typeof TaskRowSchema>, ReturnType<typeof toTaskRow>>;
export type TaskDetailMatches = Check<z.input<typeof TaskDetailSchema>, ReturnType<typeof toTaskDetail>>;
