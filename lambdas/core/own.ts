/**
 * A record's own value for `key`, never an inherited one: names from Asana and GitHub (an option
 * called `constructor`, a workflow called `__proto__`) must not read Object.prototype members.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
