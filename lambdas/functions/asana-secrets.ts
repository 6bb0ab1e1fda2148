/**
 * One Auto-Flow project may watch several Asana projects, one webhook each, and Asana hands every
 * webhook its own X-Hook-Secret. They are kept together, space-separated (a hook secret never holds
 * a space), newest last, at most MAX_ASANA_SECRETS.
 */
export const MAX_ASANA_SECRETS = 10;

/** The Asana hook secrets in a stored value. */
export function asanaSecretList(stored: string | undefined): string[] {
  return (stored ?? '').split(' ').filter((s) => s.length > 0);
}

/** The stored value with `secret` added (moved last when known; the oldest dropped beyond the cap). */
export function withAsanaSecret(stored: string | undefined, secret: string): string {
  const others = asanaSecretList(stored).filter((s) => s !== secret);
  return [...others, secret].slice(-MAX_ASANA_SECRETS).join(' ');
}
