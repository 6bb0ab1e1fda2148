import { ValidationError } from '#core/errors.js';
import { ProjectConfigSchema, type ProjectConfig } from '#core/project-config.js';
import { sameRepo } from '#core/resolve-repo.js';
import { parseOrThrow } from '#core/validation.js';
import type { ProjectStore } from '#lambdas/ports.js';

/** Checks what the schema cannot: every repo named elsewhere is one of the project's repos. */
export function checkRepos(config: ProjectConfig): void {
  const { repos, defaultRepo } = config.github;
  const known = (repo: string) => repos.some((r) => sameRepo(r, repo));
  const issues = [
    ...(defaultRepo && !known(defaultRepo)
      ? [{ path: 'github.defaultRepo', message: 'must be one of the repos' }]
      : []),
    ...Object.entries(config.asana.repoMap).flatMap(([option, repo]) =>
      known(repo) ? [] : [{ path: `asana.repoMap.${option}`, message: 'must be one of the repos' }],
    ),
  ];
  if (issues.length > 0) throw new ValidationError('Invalid settings', issues);
}

/**
 * Changes a project's configuration and validates the whole result (schema and repo references).
 * `change` gets the current configuration, read fresh, and runs again when another change won a race,
 * so checks made in it (a repo already there, an index in range) hold for what is saved. Shared by the
 * console's settings and /api/v1's project resources.
 */
export async function changeProjectConfig(
  projectId: string,
  change: (current: ProjectConfig) => unknown,
  deps: { projects: ProjectStore },
): Promise<ProjectConfig> {
  return deps.projects.changeProject(projectId, (current) => {
    const config = parseOrThrow(ProjectConfigSchema, change(current), 'settings');
    checkRepos(config);
    return config;
  });
}
