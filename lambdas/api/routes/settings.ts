import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '#core/errors.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import { resolveRepo, sameRepo } from '#core/resolve-repo.js';
import { SECRET_NAMES, type EnumOption } from '#lambdas/console-ports.js';
import { requireRole } from '../auth/project-access.js';
import { auditProjectChange } from '../console-audit.js';
import type { ApiDeps } from '../deps.js';
import type { ProjectEnv } from '../env.js';
import { readBody } from '../json-body.js';
import { changeProjectConfig } from '../project-config-change.js';
import { integrationHealthView } from '../views/integration-health-view.js';
import { toSettingsView } from '../views/settings-view.js';

const { shape } = ProjectConfigSchema;
const SettingsSchema = z.strictObject({
  name: shape.name.optional(),
  asana: shape.asana.optional(),
  github: shape.github.optional(),
  context: shape.context.optional(),
});
const secret = z.string().trim().min(1, 'must not be empty').max(2000);
const SecretsSchema = z
  .strictObject(
    Object.fromEntries(SECRET_NAMES.map((n) => [n, secret.optional()])) as Record<
      (typeof SECRET_NAMES)[number],
      z.ZodOptional<typeof secret>
    >,
  )
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: 'set at least one secret' });

/** The settings view with the project's integration health beside it (read from the store, no outbound call). */
async function settingsView(deps: ApiDeps, project: ProjectConfig) {
  const [secrets, health] = await Promise.all([
    deps.secrets.status(project.projectId),
    deps.integrationHealth.getHealth(project.projectId),
  ]);
  return { ...toSettingsView(project, secrets), health: integrationHealthView(health) };
}

/** Project settings: everyone reads them (secrets masked); only admins change them. */
export function settingsRoutes(deps: ApiDeps): Hono<ProjectEnv> {
  const app = new Hono<ProjectEnv>();

  app.get('/settings', async (c) => {
    const project = c.get('project');
    return c.json(await settingsView(deps, project));
  });

  app.put('/settings', requireRole('admin'), async (c) => {
    const project = c.get('project');
    const change = await readBody(c, SettingsSchema);
    const next = await changeProjectConfig(project.projectId, (current) => ({ ...current, ...change }), deps);
    await auditProjectChange(c, deps, { type: 'settings.changed', data: { sections: Object.keys(change) } });
    deps.logger.info('settings changed', {
      projectId: project.projectId,
      sections: Object.keys(change),
      by: c.get('principal').userId,
    });
    return c.json(await settingsView(deps, next));
  });

  app.put('/settings/secrets', requireRole('admin'), async (c) => {
    const project = c.get('project');
    const change = await readBody(c, SecretsSchema);
    const values = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    await deps.secrets.update(project.projectId, values);
    // Names only: a secret's value never reaches the audit log.
    await auditProjectChange(c, deps, { type: 'secrets.changed', data: { names: Object.keys(values) } });
    deps.logger.info('secrets changed', {
      projectId: project.projectId,
      names: Object.keys(values),
      by: c.get('principal').userId,
    });
    return c.json(toSettingsView(project, await deps.secrets.status(project.projectId)).secrets);
  });

  /** The Asana projects' custom fields (to choose the three from) and the chosen fields' options. */
  app.get('/settings/asana-options', requireRole('admin'), async (c) => {
    const { fields, projectGids } = c.get('project').asana;
    const asana = await deps.asana(c.get('project').projectId);
    const read = async (gid: string): Promise<EnumOption[]> => (gid ? asana.listEnumOptions(gid) : []);
    const [autoTask, repo, status, ...perProject] = await Promise.all([
      read(fields.autoTask),
      read(fields.repo),
      read(fields.status),
      ...projectGids.map((gid) => asana.listProjectFields(gid)),
    ]);
    const byGid = new Map(perProject.flat().map((f) => [f.gid, f]));
    return c.json({ autoTask, repo, status, fields: [...byGid.values()] });
  });

  app.post('/settings/sync-repos', requireRole('admin'), async (c) => {
    const project = c.get('project');
    const field = project.asana.fields.repo;
    if (!field)
      throw new ValidationError('No Repo field', [
        { path: 'asana.fields.repo', message: 'choose the Repo field first' },
      ]);
    const asana = await deps.asana(project.projectId);
    const options = await asana.listEnumOptions(field);
    const covered = (repo: string) =>
      options.some((o) => o.enabled && sameRepo(resolveRepo(o.name, project), repo));
    const added: string[] = [];
    for (const repo of project.github.repos.filter((r) => !covered(r))) {
      await asana.addEnumOption(field, repo);
      added.push(repo);
    }
    await auditProjectChange(c, deps, { type: 'repos.synced', subject: field, data: { added } });
    deps.logger.info('repos synced to Asana', { projectId: project.projectId, added: added.length });
    return c.json({ added });
  });

  return app;
}
