import type { ProjectConfig } from '#core/project-config.js';
import type { SecretStatus } from '#lambdas/console-ports.js';

/** What a masked secret looks like on the wire: whether it is set, never any part of it. */
export interface MaskedSecret {
  set: boolean;
  masked: string | null;
}

const MASK = '••••••••';

/** Settings as the console shows them: the configuration, with secrets reduced to "set or not". */
export function toSettingsView(project: ProjectConfig, secrets: SecretStatus) {
  return {
    projectId: project.projectId,
    slug: project.slug,
    name: project.name,
    asana: project.asana,
    github: project.github,
    context: project.context,
    secrets: Object.fromEntries(
      Object.entries(secrets).map(([name, set]) => [
        name,
        { set, masked: set ? MASK : null } satisfies MaskedSecret,
      ]),
    ) as Record<keyof SecretStatus, MaskedSecret>,
  };
}

/** Whether a project can run: both tokens set, Asana fields chosen, a repo configured. */
export function integrationStatus(project: ProjectConfig, secrets: SecretStatus) {
  const missing = [
    ...(secrets.asanaToken ? [] : ['Asana token']),
    ...(secrets.githubToken ? [] : ['GitHub token']),
    ...(secrets.githubWebhookSecret ? [] : ['GitHub webhook secret']),
    ...(project.asana.projectGids.length > 0 ? [] : ['Asana project']),
    ...(project.asana.fields.autoTask && project.asana.fields.repo ? [] : ['Asana fields']),
  ];
  return { ready: missing.length === 0, missing };
}
