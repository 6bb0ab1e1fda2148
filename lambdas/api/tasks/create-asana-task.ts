import { ValidationError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { sameRepo } from '#core/resolve-repo.js';
import type { ApiDeps } from '../deps.js';
import { KillSwitchOnError } from '../errors.js';
import { activeKillSwitch } from '#core/kill-switch.js';

const ENABLED = new Set(['yes', 'true', 'on', 'enabled']);

/** The Asana Repo option that resolves to `repo`: a manual mapping's option, else the repo's own name. */
export function repoOptionFor(repo: string, config: ProjectConfig): string {
  const mapped = Object.entries(config.asana.repoMap).find(([, target]) => sameRepo(target, repo));
  return mapped?.[0] ?? repo;
}

/**
 * "Create task": creates the task in Asana with AutoTask on and the chosen repo. Auto-Flow then learns
 * of it the usual way (Asana's webhook, or the reconciler), so the pipeline has one entry point.
 */
export async function createAsanaTask(
  input: { project: ProjectConfig; title: string; notes: string; repo: string },
  deps: Pick<ApiDeps, 'asana' | 'killSwitches'>,
): Promise<{ asanaGid: string; asanaUrl: string | null }> {
  const { project } = input;
  const { fields, projectGids } = project.asana;
  const projectGid = projectGids[0];
  if (!projectGid || !fields.autoTask || !fields.repo)
    throw new ValidationError('The project has no Asana project or fields configured', [
      { path: 'settings', message: 'set the Asana project and the AutoTask and Repo fields first' },
    ]);
  const repo = project.github.repos.find((r) => sameRepo(r, input.repo));
  if (!repo)
    throw new ValidationError('Unknown repository', [
      { path: 'repo', message: 'is not one of the project’s repositories' },
    ]);
  if (activeKillSwitch(await deps.killSwitches.isKilled(project.projectId)))
    throw new KillSwitchOnError('The kill switch is on: no task can be created now');
  const asana = await deps.asana(project.projectId);
  // Whatever the AutoTask field calls "on" (Yes, On, True…), as readAsanaFields reads it.
  const on = (await asana.listEnumOptions(fields.autoTask)).find(
    (o) => o.enabled && ENABLED.has(o.name.toLowerCase()),
  );
  if (!on)
    throw new ValidationError('The AutoTask field has no "Yes" option', [
      { path: 'asana.fields.autoTask', message: 'has no Yes/On option' },
    ]);
  const created = await asana.createTask({
    projectGid,
    name: input.title,
    notes: input.notes,
    enumValues: { [fields.autoTask]: on.name, [fields.repo]: repoOptionFor(repo, project) },
  });
  return { asanaGid: created.gid, asanaUrl: created.url ?? null };
}
