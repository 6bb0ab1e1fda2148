import { describe, expect, it } from 'vitest';
import { effectiveRole, hasRole } from '#core/accounts/roles.js';

describe('roles', () => {
  it('orders admin above editor above viewer', () => {
    expect(hasRole('admin', 'editor')).toBe(true);
    expect(hasRole('editor', 'editor')).toBe(true);
    expect(hasRole('viewer', 'editor')).toBe(false);
    expect(hasRole('editor', 'admin')).toBe(false);
  });

  it('grants nothing without a role', () => {
    expect(hasRole(undefined, 'viewer')).toBe(false);
  });

  it('makes instance admins admins of every project', () => {
    expect(effectiveRole({ admin: true }, undefined)).toBe('admin');
    expect(effectiveRole({ admin: true }, 'viewer')).toBe('admin');
    expect(effectiveRole({ admin: false }, 'viewer')).toBe('viewer');
    expect(effectiveRole({ admin: false }, undefined)).toBeUndefined();
  });
});
