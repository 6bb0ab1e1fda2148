import { describe, expect, it } from 'vitest';
import { MAX_ASANA_SECRETS, asanaSecretList, withAsanaSecret } from '#lambdas/functions/asana-secrets.js';

describe('Asana hook secrets of a project', () => {
  it('reads none from nothing and one from a single stored secret', () => {
    expect(asanaSecretList(undefined)).toEqual([]);
    expect(asanaSecretList('only-one')).toEqual(['only-one']);
  });

  it('adds a new secret last and moves a known one last', () => {
    expect(withAsanaSecret('a b', 'c')).toBe('a b c');
    expect(withAsanaSecret('a b c', 'a')).toBe('b c a');
  });

  it('keeps at most MAX_ASANA_SECRETS, dropping the oldest', () => {
    const stored = Array.from({ length: MAX_ASANA_SECRETS }, (_, i) => `s${i}`).join(' ');
    expect(asanaSecretList(withAsanaSecret(stored, 'newest'))).toEqual([
      ...Array.from({ length: MAX_ASANA_SECRETS - 1 }, (_, i) => `s${i + 1}`),
      'newest',
    ]);
  });
});
