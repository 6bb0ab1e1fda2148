import { z } from 'zod';

const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');
const gid = z.string().regex(/^\d+$/, 'must be a numeric gid');
const conclusion = z.enum(['success', 'failure', 'action_required']);

/** What the simulated agent and CI do for one task or issue. */
export const ScriptSchema = z.strictObject({
  agent: z.enum(['pr', 'none']).default('pr'),
  ci: z.union([conclusion, z.record(z.string(), conclusion)]).default('success'),
  workflows: z.array(z.string().min(1)).min(1).optional(),
  merge: z.boolean().optional(),
  base: z.string().min(1).optional(),
});

export const SeedReposSchema = z.strictObject({
  repos: z
    .array(
      z.union([
        repoName.transform((fullName) => ({ fullName, defaultBranch: 'main' })),
        z.strictObject({ fullName: repoName, defaultBranch: z.string().min(1).default('main') }),
      ]),
    )
    .min(1),
});

export const SeedProjectSchema = z.strictObject({
  gid: gid.optional(),
  name: z.string().min(1).default('Sandbox project'),
  /** Repo field options; default: every seeded GitHub repo. */
  repos: z.array(z.string().min(1)).optional(),
  statuses: z.array(z.string().min(1)).min(1).default(['On track', 'At risk', 'Blocked', 'Cancelled']),
});

export const CreateTaskSchema = z.strictObject({
  projectGid: gid,
  name: z.string().min(1),
  notes: z.string().default(''),
  autoTask: z.boolean(),
  repo: z.string().min(1).nullable().optional(),
  status: z.string().min(1).nullable().optional(),
  completed: z.boolean().optional(),
  script: ScriptSchema.optional(),
});

export const UpdateTaskSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    notes: z.string().optional(),
    autoTask: z.boolean().optional(),
    repo: z.string().min(1).nullable().optional(),
    status: z.string().min(1).nullable().optional(),
    completed: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

export const RegisterHookSchema = z.strictObject({
  repo: repoName,
  url: z.url(),
  secret: z.string().min(1).optional(),
  events: z.array(z.string().min(1)).min(1).default(['*']),
  contentType: z.enum(['json', 'form']).default('json'),
});

export const OpenPullSchema = z.strictObject({
  repo: repoName,
  body: z.string(),
  title: z.string().min(1).default('Sandbox pull request'),
  base: z.string().min(1).optional(),
  head: z.string().min(1).optional(),
});

export const MergePullSchema = z.strictObject({ repo: repoName, number: z.number().int().positive() });

export const StartRunSchema = z.strictObject({
  repo: repoName,
  headSha: z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-hex SHA'),
  headBranch: z.string().min(1).optional(),
  name: z.string().min(1).default('CI'),
  conclusion: conclusion.default('success'),
});

export const DeleteAsanaWebhooksSchema = z
  .strictObject({ gid: gid.optional(), resource: gid.optional() })
  .refine((v) => v.gid !== undefined || v.resource !== undefined, { message: 'give gid or resource' });

export const TokenRevocationSchema = z.strictObject({
  service: z.enum(['github', 'asana']),
  revoked: z.boolean(),
});
