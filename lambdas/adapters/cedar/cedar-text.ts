import type { PolicyProblem } from '#core/policy/policy-set.js';

/** Line and column (1-based) of a character offset in a text. */
export function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

const APPROVALS = /@approvals\s*\(\s*"([^"]*)"\s*\)/g;
const ID = /@id\s*\(\s*"([^"]*)"\s*\)/g;
const EFFECT = /\b(permit|forbid)\s*\(/g;

/** The text with `//` comments blanked out (same length, so offsets stay valid); string literals kept. */
export function withoutComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      if (i < text.length) out += '\n';
    } else out += c;
  }
  return out;
}

/**
 * Checks what Cedar cannot: `@approvals` is a whole number 1..max on a permit, and `@id`s are unique
 * (they name the determining policies in decisions and the audit log).
 */
export function checkAnnotations(text: string, maxApprovals: number): PolicyProblem[] {
  const code = withoutComments(text);
  const problems: PolicyProblem[] = [];
  const problem = (offset: number, message: string) =>
    problems.push({ severity: 'error', message, ...locate(text, offset) });
  for (const m of code.matchAll(APPROVALS)) {
    const value = m[1] ?? '';
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > maxApprovals)
      problem(m.index, `@approvals("${value}") must be a whole number from 1 to ${maxApprovals}`);
    EFFECT.lastIndex = m.index;
    const effect = EFFECT.exec(code);
    if (effect?.[1] === 'forbid') problem(m.index, '@approvals only makes sense on a permit');
  }
  const seen = new Set<string>();
  for (const m of code.matchAll(ID)) {
    const id = m[1] ?? '';
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(id))
      problem(m.index, `@id("${id}") must be 1–64 letters, digits, '_', '.', ':' or '-'`);
    if (seen.has(id)) problem(m.index, `@id("${id}") is used twice`);
    seen.add(id);
  }
  return problems;
}
