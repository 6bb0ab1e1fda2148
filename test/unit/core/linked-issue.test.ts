import { describe, expect, it } from 'vitest';
import { linkedIssueNumber } from '#core/linked-issue.js';

describe('linkedIssueNumber', () => {
  it.each([
    ['Fixes #7', 7],
    ['fix #7', 7],
    ['FIXED   #7', 7],
    ['Some text.\n\nfixes\t#42 and more', 42],
    ['Fixes acme/web#9', 9],
    ['Fixes ACME/Web#9', 9],
  ])('links %j to #%i', (body, expected) => {
    // Act
    const number = linkedIssueNumber(body, 'acme/web');

    // Assess
    expect(number).toBe(expected);
  });

  it.each([
    ['a plain reference', 'See #123'],
    ['another keyword', 'closes #1'],
    ['another repo', 'Fixes other/repo#1'],
    ['a keyword inside a word', 'hotfix #1 prefix #2'],
    ['no whitespace', 'Fixes#1'],
    ['a colon', 'Fixes: #1'],
    ['an HTML comment', '<!-- Fixes #1 -->'],
    ['an unclosed HTML comment', 'text <!-- Fixes #1'],
    ['issue zero', 'Fixes #0'],
    ['an empty body', ''],
  ])('links nothing for %s', (_, body) => {
    expect(linkedIssueNumber(body, 'acme/web')).toBeUndefined();
  });

  it('returns the first valid reference, skipping other repos', () => {
    expect(linkedIssueNumber('Fixes other/repo#1, fixes #5, fixes #6', 'acme/web')).toBe(5);
  });

  it('reads text after an HTML comment', () => {
    expect(linkedIssueNumber('<!-- Fixes #1 -->\nFixes #2', 'acme/web')).toBe(2);
  });
});
