import type { z } from 'zod';

type Json = z.core.util.JSONType;

/** A value a placeholder can take. */
export type TemplateValue = string | number | boolean;
/** Values by placeholder path (`task.title`); undefined when the event has none (no PR yet, say). */
export type TemplateVars = Record<string, TemplateValue | undefined>;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PATH = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** A problem in a template, at a JSON path of its parameters. */
export interface TemplateProblem {
  path: string;
  message: string;
}

/** Every placeholder path used in the parameters, and malformed ones as problems. */
export function scanPlaceholders(params: Json): { paths: Set<string>; problems: TemplateProblem[] } {
  const paths = new Set<string>();
  const problems: TemplateProblem[] = [];
  walkStrings(params, 'params', (text, at) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const path = (match[1] ?? '').trim();
      if (PATH.test(path)) paths.add(path);
      else problems.push({ path: at, message: `malformed placeholder {{${match[1]}}}` });
    }
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}'))
      problems.push({ path: at, message: 'unbalanced {{ or }}' });
  });
  return { paths, problems };
}

/** A placeholder had no value for this event. */
export class MissingValueError extends Error {
  override name = 'MissingValueError' as const;
}

/**
 * Renders placeholders with plain substitution (no expressions, no code). A string that is exactly one
 * placeholder takes the value's own type, so `"{{issue.number}}"` renders as a number.
 */
export function renderTemplate(params: Json, vars: TemplateVars): Json {
  return mapStrings(params, (text) => {
    const whole = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(text);
    if (whole) return valueOf(whole[1] ?? '', vars);
    return text.replace(PLACEHOLDER, (_, path: string) => String(valueOf(path.trim(), vars)));
  });
}

function valueOf(path: string, vars: TemplateVars): TemplateValue {
  const value = Object.hasOwn(vars, path) ? vars[path] : undefined;
  if (value === undefined) throw new MissingValueError(`{{${path}}} has no value for this event`);
  return value;
}

function walkStrings(value: Json, at: string, visit: (text: string, at: string) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${at}.${i}`, visit));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walkStrings(v, `${at}.${k}`, visit);
}

function mapStrings(value: Json, map: (text: string) => Json): Json {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}
