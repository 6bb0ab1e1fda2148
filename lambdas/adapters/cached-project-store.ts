import type { ProjectConfig } from '#core/project-config.js';
import type { Clock, ProjectStore } from '#lambdas/ports.js';

/**
 * Remembers project configurations briefly: every delivery and every effect reads its project, and a
 * configuration change may take up to `ttlMs` to reach a warm container. Writes through this store
 * invalidate at once. Unknown ids are remembered too (shorter), so a flood for a bogus project is cheap.
 */
export class CachedProjectStore implements ProjectStore {
  private readonly byId = new Map<string, { value: ProjectConfig | undefined; until: number }>();

  constructor(
    private readonly options: { inner: ProjectStore; clock: Clock; ttlMs?: number; missTtlMs?: number },
  ) {}

  async getProject(projectId: string): Promise<ProjectConfig | undefined> {
    const now = this.options.clock.now().getTime();
    const hit = this.byId.get(projectId);
    if (hit && hit.until > now) return hit.value;
    const value = await this.options.inner.getProject(projectId);
    if (this.byId.size > 1000) this.byId.clear();
    this.byId.set(projectId, {
      value,
      until: now + (value ? (this.options.ttlMs ?? 30_000) : (this.options.missTtlMs ?? 5_000)),
    });
    return value;
  }

  getProjectBySlug(slug: string): Promise<ProjectConfig | undefined> {
    return this.options.inner.getProjectBySlug(slug);
  }

  listProjects(): Promise<ProjectConfig[]> {
    return this.options.inner.listProjects();
  }

  async createProject(project: ProjectConfig): Promise<void> {
    this.byId.delete(project.projectId);
    await this.options.inner.createProject(project);
  }

  async changeProject(
    projectId: string,
    change: (current: ProjectConfig) => ProjectConfig,
  ): Promise<ProjectConfig> {
    this.byId.delete(projectId);
    try {
      return await this.options.inner.changeProject(projectId, change);
    } finally {
      this.byId.delete(projectId);
    }
  }
}
