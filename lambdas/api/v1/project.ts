import { z } from 'zod';
import { ValidationError } from '#core/errors.js';
import { ProjectConfigSchema } from '#core/project-config.js';
import { sameRepo } from '#core/resolve-repo.js';
import { changeProjectConfig } from '../project-config-change.js';
import { integrationStatus } from '../views/settings-view.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');

export const ProjectViewSchema = z.object({
  projectId: z.string(),
  slug: z.string(),
  name: z.string(),
  repos: z.array(z.string()),
  defaultRepo: z.string().nullable(),
  integration: z.object({ ready: z.boolean(), missing: z.array(z.string()) }),
});

const PatchProjectSchema = z
  .strictObject({
    name: ProjectConfigSchema.shape.name.max(200).optional(),
    defaultRepo: repoName.nullable().optional(),
  })
  .refine((b) => b.name !== undefined || b.defaultRepo !== undefined, {
    message: 'set name or defaultRepo',
  })
  // The refinement in the document's terms (the keys are all optional, unknown keys are refused).
  .meta({ minProperties: 1 });

/** The token's project: a subset of its settings (no Asana wiring, no secrets). */
export function projectOperations(deps: ApiV1Deps): AnyOperation[] {
  const view = async (project: z.output<typeof ProjectConfigSchema>) => ({
    projectId: project.projectId,
    slug: project.slug,
    name: project.name,
    repos: project.github.repos,
    defaultRepo: project.github.defaultRepo ?? project.github.repos[0] ?? null,
    integration: integrationStatus(project, await deps.secrets.status(project.projectId)),
  });
  return [
    operation({
      method: 'get',
      path: '/project',
      operationId: 'getProject',
      summary: "The token's project: name, repos, default repo, integration status",
      tag: 'project',
      role: 'viewer',
      response: ProjectViewSchema,
      handler: async ({ bearer }) => view(bearer.project),
    }),
    operation({
      method: 'patch',
      path: '/project',
      operationId: 'updateProject',
      summary: 'Renames the project or changes its default repo',
      tag: 'project',
      role: 'admin',
      body: PatchProjectSchema,
      examples: {
        valid: [{ name: 'Renamed' }, { defaultRepo: null }],
        invalid: [{}, { name: 7 }, { color: 'red' }],
      },
      response: ProjectViewSchema,
      handler: async ({ bearer, body }) => {
        const { project } = bearer;
        const next = await changeProjectConfig(
          project.projectId,
          (current) => {
            if (body.defaultRepo && !current.github.repos.some((r) => sameRepo(r, body.defaultRepo!)))
              throw new ValidationError('Invalid body', [
                { path: 'defaultRepo', message: 'must be one of the repos' },
              ]);
            const { defaultRepo: _old, ...github } = current.github;
            return {
              ...current,
              ...(body.name !== undefined && { name: body.name }),
              github:
                body.defaultRepo === undefined
                  ? current.github
                  : { ...github, ...(body.defaultRepo !== null && { defaultRepo: body.defaultRepo }) },
            };
          },
          deps,
        );
        deps.logger.info('settings changed', { projectId: project.projectId, by: bearer.principal.userId });
        return view(next);
      },
    }),
  ];
}
