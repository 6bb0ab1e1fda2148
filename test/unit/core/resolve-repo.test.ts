import { describe, expect, it } from 'vitest';
import { resolveRepo, sameRepo } from '#core/resolve-repo.js';
import { createProjectConfig } from '../../helpers/factories.js';

describe('resolveRepo', () => {
  it('lets a manual mapping win over the option name', () => {
    // Prepare
    const config = createProjectConfig({
      asana: { repoMap: { 'acme/web': 'acme/api', Website: 'acme/web' } },
    });

    // Act
    const mapped = resolveRepo('acme/web', config);

    // Assess
    expect(mapped).toBe('acme/api');
    expect(resolveRepo('Website', config)).toBe('acme/web');
  });

  it('returns the configured spelling of an owner/repo option, case-insensitively', () => {
    const config = createProjectConfig({ github: { repos: ['Acme/Web'] } });

    expect(resolveRepo('acme/WEB', config)).toBe('Acme/Web');
  });

  it('returns undefined for a repo that is not configured', () => {
    expect(resolveRepo('other/repo', createProjectConfig())).toBeUndefined();
  });

  it('returns undefined for an option that is neither mapped nor owner/repo', () => {
    expect(resolveRepo('Website', createProjectConfig())).toBeUndefined();
  });

  it('returns undefined for no option', () => {
    expect(resolveRepo(null, createProjectConfig())).toBeUndefined();
  });
});

describe('sameRepo', () => {
  it('compares repo names case-insensitively and never matches undefined', () => {
    expect(sameRepo('Acme/Web', 'acme/web')).toBe(true);
    expect(sameRepo('acme/web', 'acme/api')).toBe(false);
    expect(sameRepo(undefined, undefined)).toBe(false);
  });
});
