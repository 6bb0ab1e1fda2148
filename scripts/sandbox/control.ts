import type { z } from 'zod';
import type { SandboxContext } from './context.js';
import { githubTime } from './context.js';
import { parseInput, SandboxError } from './errors.js';
import { sendHeartbeats } from './asana-events.js';
import { optionGid, seedProject } from './asana-projects.js';
import { renderTask } from './asana-render.js';
import { changeTask, createTask, deleteTask, requireTask } from './asana-tasks.js';
import { startRun } from './ci.js';
import { registerHook } from './github-hooks.js';
import { requireIssue, requireRepo } from './github-issues.js';
import { mergePull, openPull } from './github-pulls.js';
import { GITHUB_USERS, githubUrls, renderHook } from './github-render-repo.js';
import { createFaultControl } from './control-faults.js';
import {
  CreateTaskSchema,
  MergePullSchema,
  OpenPullSchema,
  RegisterHookSchema,
  ScriptSchema,
  SeedProjectSchema,
  SeedReposSchema,
  StartRunSchema,
  TokenRevocationSchema,
  UpdateTaskSchema,
} from './control-schemas.js';
import { sandboxHealth } from './health.js';
import type {
  AgentScript,
  ProjectRecord,
  PullRecord,
  RepoRecord,
  RunRecord,
  SandboxState,
  TaskRecord,
} from './state.js';

type Json = Record<string, unknown>;

/** A seeded project with its fields' gids and option gids by name (what a ProjectConfig needs). */
export interface ProjectSummary {
  gid: string;
  name: string;
  workspaceGid: string;
  fields: Record<
    keyof ProjectRecord['fields'],
    { gid: string; name: string; options: Record<string, string> }
  >;
}

/** Drives the sandbox in-process; the control API is a thin HTTP layer over it. */
export function createControl(ctx: SandboxContext) {
  const { data } = ctx.store;
  const summary = (project: ProjectRecord): ProjectSummary => {
    const field = (gid: string): ProjectSummary['fields']['repo'] => {
      const record = data.asana.customFields[gid];
      return {
        gid,
        name: record?.name ?? '',
        options: Object.fromEntries((record?.options ?? []).map((o) => [o.name, o.gid])),
      };
    };
    const { autoTask, repo, status } = project.fields;
    return {
      gid: project.gid,
      name: project.name,
      workspaceGid: data.asana.workspaceGid,
      fields: { autoTask: field(autoTask), repo: field(repo), status: field(status) },
    };
  };
  const fieldValues = (
    project: ProjectRecord,
    input: { autoTask?: boolean; repo?: string | null; status?: string | null },
  ): Record<string, string | null> => {
    const values: Record<string, string | null> = {};
    if (input.autoTask !== undefined)
      values[project.fields.autoTask] = optionGid(ctx, project, 'autoTask', input.autoTask ? 'Yes' : 'No');
    if (input.repo !== undefined)
      values[project.fields.repo] = input.repo === null ? null : optionGid(ctx, project, 'repo', input.repo);
    if (input.status !== undefined)
      values[project.fields.status] =
        input.status === null ? null : optionGid(ctx, project, 'status', input.status);
    return values;
  };
  const projectOf = (task: TaskRecord): ProjectRecord => {
    const project = data.asana.projects[task.projectGid];
    if (!project) throw new SandboxError(404, `project ${task.projectGid} not found`);
    return project;
  };

  return {
    /** Adds GitHub repos (existing ones are kept as they are). */
    seedRepos(input: z.input<typeof SeedReposSchema>): RepoRecord[] {
      const { repos } = parseInput(SeedReposSchema, input);
      return repos.map(({ fullName, defaultBranch }) => {
        const [owner = '', name = ''] = fullName.split('/');
        data.github.repos[fullName] ??= {
          id: ctx.store.nextId(),
          owner,
          name,
          defaultBranch,
          nextNumber: 1,
          createdAt: githubTime(),
        };
        ctx.store.touch();
        return requireRepo(ctx, fullName);
      });
    },
    /** Seeds an Asana project with its AutoTask, Repo and Status enum fields. */
    createProject(input: z.input<typeof SeedProjectSchema> = {}): ProjectSummary {
      const parsed = parseInput(SeedProjectSchema, input);
      return summary(seedProject(ctx, { ...parsed, repos: parsed.repos ?? Object.keys(data.github.repos) }));
    },
    /** Creates an Asana task with fields by name (emits `added`). */
    createTask(input: z.input<typeof CreateTaskSchema>): Json {
      const parsed = parseInput(CreateTaskSchema, input);
      const project = data.asana.projects[parsed.projectGid];
      if (!project) throw new SandboxError(404, `project ${parsed.projectGid} not found`);
      const fields = fieldValues(project, parsed);
      const task = createTask(
        ctx,
        {
          projectGid: project.gid,
          name: parsed.name,
          notes: parsed.notes,
          completed: parsed.completed,
          fields,
        },
        'human',
      );
      if (parsed.script) data.scripts.tasks[task.gid] = parsed.script;
      return renderTask(ctx, task);
    },
    /** Changes an Asana task as a human would (emits `changed` per field). */
    updateTask(gid: string, input: z.input<typeof UpdateTaskSchema>): Json {
      const parsed = parseInput(UpdateTaskSchema, input);
      const task = requireTask(ctx, gid);
      const change = {
        name: parsed.name,
        notes: parsed.notes,
        completed: parsed.completed,
        fields: fieldValues(projectOf(task), parsed),
      };
      return renderTask(ctx, changeTask(ctx, gid, change, 'human'));
    },
    /** Deletes an Asana task (emits `deleted`). */
    deleteTask(gid: string): void {
      deleteTask(ctx, gid, 'human');
    },
    /** Scripts the agent and CI for an Asana task's issue. */
    setTaskScript(taskGid: string, input: z.input<typeof ScriptSchema>): AgentScript {
      requireTask(ctx, taskGid);
      data.scripts.tasks[taskGid] = parseInput(ScriptSchema, input);
      ctx.store.touch();
      return data.scripts.tasks[taskGid];
    },
    /** Scripts the agent and CI for one issue (wins over the task's script). */
    setIssueScript(repo: string, number: number, input: z.input<typeof ScriptSchema>): AgentScript {
      requireIssue(ctx, repo, number);
      const script = parseInput(ScriptSchema, input);
      data.scripts.issues[`${repo}#${number}`] = script;
      ctx.store.touch();
      return script;
    },
    /** Registers a repository webhook directly (default: every event, JSON). */
    registerHook(input: z.input<typeof RegisterHookSchema>): Json {
      const parsed = parseInput(RegisterHookSchema, input);
      const hook = registerHook(ctx, parsed.repo, parsed, GITHUB_USERS.human);
      return renderHook(hook, githubUrls(ctx.urls.base));
    },
    /** Opens a PR by hand (as a human contributor). */
    openPull(input: z.input<typeof OpenPullSchema>): PullRecord {
      const parsed = parseInput(OpenPullSchema, input);
      return openPull(ctx, parsed.repo, parsed, GITHUB_USERS.human);
    },
    /** Merges a PR by hand (closes the issues it fixes, then CI runs). */
    mergePull(input: z.input<typeof MergePullSchema>): PullRecord {
      const parsed = parseInput(MergePullSchema, input);
      return mergePull(ctx, parsed.repo, parsed.number, GITHUB_USERS.human);
    },
    /** Starts a workflow run on any commit. */
    startRun(input: z.input<typeof StartRunSchema>): RunRecord {
      const parsed = parseInput(StartRunSchema, input);
      const headBranch = parsed.headBranch ?? requireRepo(ctx, parsed.repo).defaultBranch;
      return startRun(ctx, { ...parsed, headBranch });
    },
    /** Revokes (or restores) the sandbox's token of a service: every API call with it gets 401. */
    setTokenRevoked(service: string, revoked: unknown): { service: 'github' | 'asana'; revoked: boolean } {
      const parsed = parseInput(TokenRevocationSchema, { service, revoked });
      if (parsed.revoked) ctx.revokedTokens.add(parsed.service);
      else ctx.revokedTokens.delete(parsed.service);
      return parsed;
    },
    /** Sends a heartbeat to every Asana webhook; returns how many. */
    heartbeat(): { delivered: number } {
      return { delivered: sendHeartbeats(ctx) };
    },
    ...createFaultControl(ctx),
    state(): SandboxState {
      return data;
    },
    calls(): SandboxState['calls'] {
      return data.calls;
    },
    resetCalls(): void {
      data.calls = { total: 0, byService: {}, byRoute: {}, byAsanaTask: {}, byIssue: {} };
      ctx.store.touch();
    },
    health(): ReturnType<typeof sandboxHealth> {
      return sandboxHealth(ctx);
    },
    /** Forgets everything: state, pending jobs and faults. */
    reset(): void {
      ctx.store.reset();
      ctx.faults.clear();
      ctx.faults.setChaos(null);
      ctx.webhookFaults.reset();
    },
    /** Resolves once no webhook delivery is pending (jobs due later are not awaited). */
    idle(): Promise<void> {
      return ctx.sender.idle();
    },
  };
}

export type SandboxControl = ReturnType<typeof createControl>;
