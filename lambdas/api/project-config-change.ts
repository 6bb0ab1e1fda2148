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
 * Saves a changed project configuration after validating the whole of it (schema and repo
 * references). Shared by the console's settings and /api/v1's project resources.
 */
export async function saveProjectConfig(
  next: unknown,
  deps: { projects: ProjectStore },
): Promise<ProjectConfig> {
  const config = parseOrThrow(ProjectConfigSchema, next, 'settings');
  checkRepos(config);
  await deps.projects.updateProject(config);
  return config;
}
