import { describe, expect, it } from 'vitest';
import { checkPassword } from '#core/accounts/password-policy.js';

describe('checkPassword', () => {
  it('accepts a long passphrase', () => {
    expect(checkPassword('correct horse battery staple', 'alice')).toEqual([]);
  });

  it('refuses short, repetitive, common and username-bearing passwords, naming the field', () => {
    expect(checkPassword('short', 'alice')).toEqual([
      { path: 'password', message: 'must be at least 12 characters' },
    ]);
    expect(checkPassword('aaaaaaaaaaaaaa', 'bob')).toEqual([
      { path: 'password', message: 'must not repeat a single character' },
    ]);
    expect(checkPassword('Password1234', 'bob')).toEqual([{ path: 'password', message: 'is too common' }]);
    expect(checkPassword('my-name-is-Alice!', 'alice')).toEqual([
      { path: 'password', message: 'must not contain the username' },
    ]);
  });

  it('counts characters, not bytes, and caps the length', () => {
    expect(checkPassword('ééééééééééé€', 'bob')).toEqual([]);
    expect(checkPassword('x'.repeat(200) + 'y'.repeat(57), 'bob')).toEqual([
      { path: 'password', message: 'must be at most 256 characters' },
    ]);
  });
});
