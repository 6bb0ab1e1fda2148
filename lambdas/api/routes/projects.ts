import { Hono } from 'hono';
import { z } from 'zod';
import { effectiveRole } from '#core/accounts/roles.js';
import { ReferenceConflictError, ValidationError } from '#core/errors.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import { parseOrThrow } from '#core/validation.js';
import { requireInstanceAdmin } from '../auth/session-auth.js';
import type { ApiDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';
import { readBody } from '../json-body.js';
import { integrationHealthView } from '../views/integration-health-view.js';
import { integrationStatus } from '../views/settings-view.js';

const repo = z
  .string()
  .trim()
  .regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');
const CreateProjectSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  slug: ProjectConfigSchema.shape.slug,
  repos: z.array(repo).min(1, 'name at least one repository').max(50),
  asanaWorkspaceGid: z.string().trim().max(40).default(''),
  asanaProjectGids: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
});

/** A new project's configuration: the essentials from the form, sensible defaults for the rest. */
function newProject(projectId: string, input: z.infer<typeof CreateProjectSchema>): ProjectConfig {
  return parseOrThrow(
    ProjectConfigSchema,
    {
      projectId,
      slug: input.slug,
      name: input.name,
      asana: {
        workspaceGid: input.asanaWorkspaceGid,
        projectGids: input.asanaProjectGids,
        fields: { autoTask: '', repo: '', status: '' },
        statusMap: { Blocked: 'BLOCKED', Cancelled: 'CANCELLED' },
        repoMap: {},
      },
      github: {
        repos: input.repos,
        defaultRepo: input.repos[0],
        defaultBranches: Object.fromEntries(input.repos.map((r) => [r, 'main'])),
        ciWorkflows: [],
      },
      context: { links: [], contacts: [], notes: [] },
    },
    'body',
  );
}

/** The projects a user can open, and creating one (instance admins). URL scheme: /p/:slug in the console. */
export function projectsRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/', async (c) => {
    const { user } = c.get('signedIn')!;
    const roles = new Map(
      user.admin
        ? []
        : (await deps.memberships.listMemberships(user.userId)).map((m) => [m.projectId, m.role]),
    );
    const [all, health] = await Promise.all([
      deps.projects.listProjects(),
      // One query for every project's health: the list never calls GitHub or Asana.
      deps.integrationHealth.listHealth(),
    ]);
    const healthOf = new Map(health.map((h) => [h.projectId, h]));
    const visible = all.filter((p) => effectiveRole(user, roles.get(p.projectId)) !== undefined);
    const items = await Promise.all(
      visible.map(async (p) => {
        const [secrets, kill] = await Promise.all([
          deps.secrets.status(p.projectId),
          deps.killSwitches.isKilled(p.projectId),
        ]);
        return {
          projectId: p.projectId,
          slug: p.slug,
          name: p.name,
          role: effectiveRole(user, roles.get(p.projectId)),
          repos: p.github.repos,
          integration: integrationStatus(p, secrets),
          health: integrationHealthView(healthOf.get(p.projectId)),
          killSwitch: kill,
        };
      }),
    );
    items.sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ items, canCreate: user.admin });
  });

  app.post('/', requireInstanceAdmin, async (c) => {
    const input = await readBody(c, CreateProjectSchema);
    const project = newProject(deps.ids.newId(), input);
    try {
      await deps.projects.createProject(project);
    } catch (error) {
      if (error instanceof ReferenceConflictError)
        throw new ValidationError('The slug is taken', [{ path: 'slug', message: 'is taken' }]);
      throw error;
    }
    // A GitHub webhook secret from the start, so "Validate GitHub webhooks" can register hooks at once.
    await deps.secrets.update(project.projectId, { githubWebhookSecret: deps.tokens.newToken() });
    deps.logger.info('project created', { projectId: project.projectId, by: c.get('signedIn')!.user.userId });
    return c.json({ projectId: project.projectId, slug: project.slug, name: project.name }, 201);
  });

  return app;
}
