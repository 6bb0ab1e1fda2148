import { z } from 'zod';
import { WorkStateSchema } from './task.js';

const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');

/** Per-project configuration that steers `decide` (no secrets here: those live behind the Secrets port). */
export const ProjectConfigSchema = z.object({
  projectId: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  asana: z.object({
    workspaceGid: z.string(),
    projectGids: z.array(z.string()),
    fields: z.object({ autoTask: z.string(), repo: z.string(), status: z.string() }),
    /** Asana status option name → work state; unmapped options count as ACTIVE. */
    statusMap: z.record(z.string(), WorkStateSchema),
    /** Manual overrides: Asana Repo option name → owner/repo. They win over the name itself. */
    repoMap: z.record(z.string(), repoName),
  }),
  github: z.object({
    repos: z.array(repoName).min(1),
    defaultRepo: repoName.optional(),
    /** Default branch per repo; PRs are linked only when based on it. */
    defaultBranches: z.record(z.string(), z.string()),
    /** CI workflow names that count; empty means every workflow run on the merge commit counts. */
    ciWorkflows: z.array(z.string()),
    autoDisabledLabel: z.string().default('autoflow:disabled'),
    issueLabels: z.array(z.string()).default(['autoflow']),
    agentCommand: z.string().default('/opencode implement'),
  }),
  context: z.object({
    links: z.array(z.object({ title: z.string(), url: z.string() })),
    contacts: z.array(
      z.object({ name: z.string(), role: z.string().optional(), email: z.string().optional() }),
    ),
    notes: z.array(z.object({ title: z.string(), body: z.string() })),
  }),
});
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;
