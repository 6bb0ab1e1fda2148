import { z } from 'zod';
import type { ProjectConfig } from '#core/project-config.js';
import { sameRepo } from '#core/resolve-repo.js';
import { NotFoundError, ReferenceConflictError } from '#core/errors.js';
import { changeProjectConfig } from '../project-config-change.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

const segment = z.string().regex(/^[\w.-]{1,100}$/);
const RepoParamsSchema = z.object({ owner: segment, name: segment });
const branch = z.string().regex(/^[\w./-]{1,200}$/, 'must be a branch name');

export const RepoViewSchema = z.object({
  repo: z.string(),
  defaultBranch: z.string().nullable(),
  isDefault: z.boolean(),
});
const AddRepoSchema = z.strictObject({
  repo: z.string().regex(/^[\w.-]{1,100}\/[\w.-]{1,100}$/, 'must be owner/repo'),
  defaultBranch: branch.optional(),
});
const PatchRepoSchema = z
  .strictObject({ defaultBranch: branch.nullable().optional(), isDefault: z.literal(true).optional() })
  .refine((b) => b.defaultBranch !== undefined || b.isDefault !== undefined, {
    message: 'set defaultBranch or isDefault',
  })
  // The refinement in the document's terms (the keys are all optional, unknown keys are refused).
  .meta({ minProperties: 1 });

function repoView(project: ProjectConfig, repo: string) {
  const def = project.github.defaultRepo ?? project.github.repos[0];
  return {
    repo,
    defaultBranch: project.github.defaultBranches[repo] ?? null,
    isDefault: def !== undefined && sameRepo(def, repo),
  };
}

function findRepo(project: ProjectConfig, params: { owner: string; name: string }): string {
  const repo = project.github.repos.find((r) => sameRepo(r, `${params.owner}/${params.name}`));
  if (!repo) throw new NotFoundError(`No repo ${params.owner}/${params.name} in this project`);
  return repo;
}

/** The project's GitHub repositories (settings → GitHub). */
export function repoOperations(deps: ApiV1Deps): AnyOperation[] {
  /** Changes the project's configuration from its current state (checks inside run again on a race). */
  const save = (projectId: string, change: (current: ProjectConfig) => ProjectConfig) =>
    changeProjectConfig(projectId, change, deps);
  return [
    operation({
      method: 'get',
      path: '/repos',
      operationId: 'listRepos',
      summary: "The project's repositories",
      tag: 'repos',
      role: 'viewer',
      response: z.object({ items: z.array(RepoViewSchema) }),
      handler: async ({ bearer: { project } }) => ({
        items: project.github.repos.map((r) => repoView(project, r)),
      }),
    }),
    operation({
      method: 'post',
      path: '/repos',
      operationId: 'addRepo',
      summary: 'Adds a repository (409 when it is there already)',
      tag: 'repos',
      role: 'admin',
      body: AddRepoSchema,
      examples: { valid: [{ repo: 'acme/new', defaultBranch: 'main' }], invalid: [{ repo: 'nope' }, {}] },
      status: 201,
      response: RepoViewSchema,
      errors: [409],
      handler: async ({ bearer: { project }, body }) => {
        const next = await save(project.projectId, (current) => {
          if (current.github.repos.some((r) => sameRepo(r, body.repo)))
            throw new ReferenceConflictError(`${body.repo} is already a repo of this project`);
          return {
            ...current,
            github: {
              ...current.github,
              repos: [...current.github.repos, body.repo],
              defaultBranches: {
                ...current.github.defaultBranches,
                ...(body.defaultBranch && { [body.repo]: body.defaultBranch }),
              },
            },
          };
        });
        return repoView(next, body.repo);
      },
    }),
    operation({
      method: 'get',
      path: '/repos/{owner}/{name}',
      operationId: 'getRepo',
      summary: 'One repository',
      tag: 'repos',
      role: 'viewer',
      params: RepoParamsSchema,
      response: RepoViewSchema,
      handler: async ({ bearer: { project }, params }) => repoView(project, findRepo(project, params)),
    }),
    operation({
      method: 'patch',
      path: '/repos/{owner}/{name}',
      operationId: 'updateRepo',
      summary: 'Sets its default branch, or makes it the default repo',
      tag: 'repos',
      role: 'admin',
      params: RepoParamsSchema,
      body: PatchRepoSchema,
      examples: {
        valid: [{ defaultBranch: 'trunk' }, { isDefault: true }],
        invalid: [{}, { isDefault: false }],
      },
      response: RepoViewSchema,
      handler: async ({ bearer: { project }, params, body }) => {
        let repo = '';
        const next = await save(project.projectId, (current) => {
          repo = findRepo(current, params);
          const { [repo]: _old, ...branches } = current.github.defaultBranches;
          return {
            ...current,
            github: {
              ...current.github,
              ...(body.isDefault && { defaultRepo: repo }),
              defaultBranches:
                body.defaultBranch === undefined
                  ? current.github.defaultBranches
                  : { ...branches, ...(body.defaultBranch !== null && { [repo]: body.defaultBranch }) },
            },
          };
        });
        return repoView(next, repo);
      },
    }),
    operation({
      method: 'delete',
      path: '/repos/{owner}/{name}',
      operationId: 'removeRepo',
      summary: 'Removes a repository (409 for the last one, or one an Asana mapping names)',
      tag: 'repos',
      role: 'admin',
      params: RepoParamsSchema,
      response: z.object({ items: z.array(RepoViewSchema) }),
      errors: [409],
      handler: async ({ bearer: { project }, params }) => {
        const next = await save(project.projectId, (current) => {
          const repo = findRepo(current, params);
          if (current.github.repos.length === 1)
            throw new ReferenceConflictError('A project keeps at least one repo');
          const mapped = Object.entries(current.asana.repoMap).find(([, r]) => sameRepo(r, repo));
          if (mapped) throw new ReferenceConflictError(`The Asana option "${mapped[0]}" maps to ${repo}`);
          const { [repo]: _gone, ...defaultBranches } = current.github.defaultBranches;
          const { defaultRepo, ...github } = current.github;
          return {
            ...current,
            github: {
              ...github,
              ...(defaultRepo && !sameRepo(defaultRepo, repo) && { defaultRepo }),
              repos: current.github.repos.filter((r) => r !== repo),
              defaultBranches,
            },
          };
        });
        return { items: next.github.repos.map((r) => repoView(next, r)) };
      },
    }),
  ];
}
