import type { InboundEvent } from './events.js';
import type { ProjectConfig } from './project-config.js';
import { own } from './own.js';

const OWNER_REPO = /^[\w.-]+\/[\w.-]+$/;

/** Resolves an Asana Repo option to a configured `owner/repo`: a manual mapping wins, else the option itself. */
export function resolveRepo(repoOption: string | null, config: ProjectConfig): string | undefined {
  if (repoOption === null) return undefined;
  const option = repoOption.trim();
  const mapped = own(config.asana.repoMap, option) ?? own(config.asana.repoMap, repoOption);
  if (mapped !== undefined) return configuredSpelling(mapped, config) ?? mapped;
  if (!OWNER_REPO.test(option)) return undefined;
  return configuredSpelling(option, config);
}

/** True when two `owner/repo` names denote the same repository (GitHub names are case-insensitive). */
export function sameRepo(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

function configuredSpelling(repo: string, config: ProjectConfig): string | undefined {
  return config.github.repos.find((configured) => sameRepo(configured, repo));
}

/** The event's repository when the project does not track it (such events are ignored), else undefined. */
export function foreignRepo(event: InboundEvent, config: ProjectConfig): string | undefined {
  if (!('repo' in event)) return undefined;
  return configuredSpelling(event.repo, config) === undefined ? event.repo : undefined;
}
