import { z } from 'zod';
import { ActionParamsSchema } from '../actions.js';
import { ValidationError } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import { renderTemplate, scanPlaceholders, type TemplateVars } from './template.js';
import { TriggerDefinitionSchema, type TriggerDefinition, type TriggerInput } from './trigger.js';
import { allowedVariables } from './variables.js';

const NUMERIC = new Set(['issue.number', 'pr.number', 'run.id']);

/**
 * Parses a trigger definition and checks its template: every placeholder must be one the event
 * offers (or a declared input), and the parameters must make a valid action of the kind. Fields
 * holding placeholders are checked again, with real values, when the trigger fires.
 */
export function parseTriggerDefinition(input: unknown): TriggerDefinition {
  const definition = parseOrThrow(TriggerDefinitionSchema, input, 'trigger');
  const issues: { path: string; message: string }[] = [];
  const names = definition.inputs.map((i) => i.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    issues.push({ path: 'inputs', message: `input ${name} is declared twice` });
  const allowed = allowedVariables(definition);
  const { paths, problems } = scanPlaceholders(definition.action.params);
  issues.push(...problems.map((p) => ({ path: `action.${p.path}`, message: p.message })));
  for (const path of paths)
    if (!allowed.has(path))
      issues.push({
        path: 'action.params',
        message: `unknown placeholder {{${path}}} for ${definition.pattern.on} (known: ${[...allowed].join(', ')})`,
      });
  if (issues.length === 0) issues.push(...paramProblems(definition, allowed));
  if (issues.length > 0)
    throw new ValidationError(
      `Invalid trigger: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
      issues,
    );
  return definition;
}

/** Renders with sample values and checks the action; problems in fields with placeholders are deferred. */
function paramProblems(definition: TriggerDefinition, allowed: Set<string>) {
  const inputTypes = new Map(definition.inputs.map((i) => [`inputs.${i.name}`, i.type]));
  const samples: TemplateVars = Object.fromEntries(
    [...allowed].map((path) => [path, sampleOf(path, inputTypes.get(path))]),
  );
  const rendered = renderTemplate(definition.action.params, samples) as Record<string, unknown>;
  const result = ActionParamsSchema.safeParse({ ...rendered, kind: definition.action.kind });
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => !hasPlaceholder(definition.action.params, issue.path))
    .map((issue) => ({
      path: ['action', 'params', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
}

function sampleOf(path: string, inputType: TriggerInput['type'] | undefined): string | number | boolean {
  if (inputType === 'number' || NUMERIC.has(path)) return 1;
  if (inputType === 'boolean') return true;
  return 'sample';
}

function hasPlaceholder(params: unknown, path: PropertyKey[]): boolean {
  let value: unknown = params;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<PropertyKey, unknown>)[key];
    if (typeof value === 'string' && value.includes('{{')) return true;
  }
  return false;
}

/** Checks a manual run's inputs against the trigger's declared inputs (unknown inputs are refused). */
export function parseRunInputs(
  inputs: TriggerInput[],
  raw: unknown,
): Record<string, string | number | boolean> {
  const shape: Record<string, z.ZodType> = {};
  for (const input of inputs) {
    const base =
      input.type === 'number'
        ? z.number()
        : input.type === 'boolean'
          ? z.boolean()
          : input.choices
            ? z.enum(input.choices as [string, ...string[]])
            : z.string().max(1000);
    shape[input.name] = input.required ? base : base.optional();
  }
  return parseOrThrow(z.strictObject(shape), raw ?? {}, 'trigger inputs') as Record<
    string,
    string | number | boolean
  >;
}
