import { z } from 'zod';
import type { Role } from '#core/accounts/roles.js';
import { NotFoundError } from '#core/errors.js';
import { TaskStatusSchema } from '#core/task.js';
import { renderTaskSpec } from '#core/task-spec.js';
import { decideApproval } from '#lambdas/app/decide-approval.js';
import type { BearerPrincipal } from '../bearer.js';
import { approvalView } from '../routes/approvals.js';
import { createAsanaTask } from '../tasks/create-asana-task.js';
import { runConsoleCommand } from '../tasks/run-console-command.js';
import { toTaskRow } from '../views/task-view.js';
import type { McpBaseDeps } from './deps.js';

const TaskIdSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be a task id');

/** One MCP tool: its input schema, the least role that may call it, and what it does. */
export interface McpTool<S extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  input: S;
  role: Role;
  run(input: z.output<S>, caller: BearerPrincipal, deps: McpBaseDeps): Promise<unknown>;
}

const tool = <S extends z.ZodObject>(t: McpTool<S>): McpTool => t as unknown as McpTool;

async function taskOf(caller: BearerPrincipal, taskId: string, deps: McpBaseDeps) {
  const task = await deps.tasks.getTask(caller.project.projectId, taskId);
  if (!task) throw new NotFoundError(`No task ${taskId}`);
  return task;
}

/** The tools a coding agent may call, each scoped to the token's project. */
export const MCP_TOOLS: readonly McpTool[] = [
  tool({
    name: 'get_task_spec',
    description: 'The spec of a task (the GitHub issue the agent works from) and where the task stands.',
    input: z.strictObject({ taskId: TaskIdSchema }),
    role: 'viewer',
    async run({ taskId }, caller, deps) {
      const task = await taskOf(caller, taskId, deps);
      return { task: toTaskRow(task), spec: renderTaskSpec(task, caller.project) };
    },
  }),
  tool({
    name: 'list_tasks',
    description:
      'Tasks of the project, newest first, optionally in one status; pass `cursor` for the next page.',
    input: z.strictObject({
      status: TaskStatusSchema.optional(),
      limit: z.number().int().min(1).max(100).default(25),
      cursor: z.string().max(2048).optional(),
    }),
    role: 'viewer',
    async run({ status, limit, cursor }, caller, deps) {
      const paging = { limit, ...(cursor !== undefined && { cursor }) };
      const { projectId } = caller.project;
      const page = status
        ? await deps.tasks.listTasksByStatus(projectId, status, paging)
        : await deps.tasks.listTasks(projectId, paging);
      return { items: page.items.map(toTaskRow), cursor: page.cursor ?? null };
    },
  }),
  tool({
    name: 'post_progress_note',
    description: "Adds a progress note to a task's timeline (also posted as a comment on the Asana task).",
    input: z.strictObject({ taskId: TaskIdSchema, text: z.string().trim().min(1).max(4000) }),
    role: 'editor',
    async run({ taskId, text }, caller, deps) {
      const by = { userId: caller.principal.userId, username: caller.principal.username };
      const task = await runConsoleCommand(
        { project: caller.project, taskId, command: { kind: 'add_note', text }, by },
        deps,
      );
      return { taskId, status: task?.status ?? null };
    },
  }),
  tool({
    name: 'list_pending_approvals',
    description: 'Approvals of the project waiting for a decision, escalated first, then oldest first.',
    input: z.strictObject({}),
    role: 'viewer',
    async run(_input, caller, deps) {
      const approvals = await deps.approvals.listPendingApprovals(caller.project.projectId);
      return { items: approvals.map(approvalView) };
    },
  }),
  tool({
    name: 'decide_approval',
    description: 'Approves or rejects a pending approval (editor or admin tokens; the approval rules apply).',
    input: z.strictObject({
      approvalId: z.string().min(1).max(200),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().max(2000).default(''),
    }),
    role: 'editor',
    async run({ approvalId, decision, reason }, caller, deps) {
      const approval = await decideApproval(
        {
          projectId: caller.project.projectId,
          approvalId,
          decision,
          reason,
          by: { userId: caller.principal.userId, role: caller.principal.role },
        },
        deps,
      );
      return { approval: approvalView(approval) };
    },
  }),
  tool({
    name: 'create_task',
    description:
      'Creates an Asana task with AutoTask on in one of the project repositories; Auto-Flow picks it up.',
    input: z.strictObject({
      title: z.string().trim().min(1).max(500),
      notes: z.string().max(20_000).default(''),
      repo: z.string().trim().min(1),
    }),
    role: 'editor',
    async run(input, caller, deps) {
      return createAsanaTask({ project: caller.project, ...input }, deps);
    },
  }),
];
