/** Password rules (NIST SP 800-63B style: length over composition rules, no known-weak passwords). */
export const PASSWORD_POLICY = { minLength: 12, maxLength: 256 } as const;

const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  'qwertyuiop12',
  'letmein12345',
  'welcome12345',
  'administrator',
  'changeme1234',
  'autoflow1234',
]);

/** The problems with a candidate password, as field issues (empty when it is acceptable). */
export function checkPassword(password: string, username: string): { path: string; message: string }[] {
  const length = [...password].length;
  const lower = password.toLowerCase();
  const problems: string[] = [];
  if (length < PASSWORD_POLICY.minLength)
    problems.push(`must be at least ${PASSWORD_POLICY.minLength} characters`);
  if (length > PASSWORD_POLICY.maxLength)
    problems.push(`must be at most ${PASSWORD_POLICY.maxLength} characters`);
  if (username.length > 0 && lower.includes(username.toLowerCase()))
    problems.push('must not contain the username');
  if (length > 0 && new Set(password).size === 1) problems.push('must not repeat a single character');
  if (COMMON.has(lower)) problems.push('is too common');
  return problems.map((message) => ({ path: 'password', message }));
}
