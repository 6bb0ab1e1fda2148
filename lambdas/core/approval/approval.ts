import { z } from 'zod';
import { ActionSchema, RequesterSchema } from '../actions.js';

/** Roles of project members, weakest first (the console owns memberships; approvals only read them). */
export const RoleSchema = z.enum(['viewer', 'editor', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Someone acting on an approval. */
export const ApproverSchema = z.object({ userId: z.string().min(1), role: RoleSchema });
export type Approver = z.infer<typeof ApproverSchema>;

export const ApprovalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

/** The effect exactly as it will happen, for the person deciding. */
export const EffectPreviewSchema = z.object({
  kind: z.string(),
  /** What it acts on: `acme/web`, `acme/web#7`, `Asana task 1200…`. */
  target: z.string(),
  summary: z.string(),
  repo: z.string().optional(),
  issueNumber: z.number().int().optional(),
  title: z.string().optional(),
  body: z.string().optional(),
  labels: z.array(z.string()).optional(),
  text: z.string().optional(),
  /** Outside webhooks: where the POST goes (http.post). */
  url: z.string().optional(),
  /** The JSON sent: an http.post body, or a workflow dispatch's inputs. */
  json: z.record(z.string(), z.json()).optional(),
  workflow: z.string().optional(),
  ref: z.string().optional(),
  environment: z.string().optional(),
  runId: z.number().int().optional(),
});
export type EffectPreview = z.infer<typeof EffectPreviewSchema>;

/** One person's answer. */
export const ApprovalVoteSchema = ApproverSchema.extend({
  decision: z.enum(['approve', 'reject']),
  reason: z.string(),
  at: z.string(),
});
export type ApprovalVote = z.infer<typeof ApprovalVoteSchema>;

/** A request for human approval of one action; its id is the action id (one approval per action). */
export const ApprovalSchema = z.object({
  approvalId: z.string().min(1),
  projectId: z.string().min(1),
  taskId: z.string().min(1),
  /** The action exactly as it will run once approved. */
  action: ActionSchema,
  preview: EffectPreviewSchema,
  requiredApprovals: z.number().int().min(1).max(2),
  determiningPolicies: z.array(z.string()),
  policyVersion: z.string(),
  requestedBy: RequesterSchema,
  requestedAt: z.string(),
  status: ApprovalStatusSchema,
  escalated: z.boolean(),
  escalatedAt: z.string().optional(),
  /** When the current wait times out (the ASL's TimeoutSeconds from the wait's start). */
  expiresAt: z.string(),
  votes: z.array(ApprovalVoteSchema),
  decidedAt: z.string().optional(),
  decidedBy: z.array(ApproverSchema).optional(),
  reason: z.string().optional(),
  /** The task token of the current wait (Step Functions, or the local runner's). */
  taskToken: z.string(),
  version: z.number().int().nonnegative(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** What SendTaskSuccess hands the state machine when an approval completes. */
export interface ApprovalGranted {
  approvalId: string;
  approvedBy: string[];
}
