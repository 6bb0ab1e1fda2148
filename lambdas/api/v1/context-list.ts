import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { saveProjectConfig } from '../project-config-change.js';
import type { ApiV1Deps } from './deps.js';
import { operation, type AnyOperation } from './operation.js';

type ContextKey = keyof ProjectConfig['context'];
type Entry<K extends ContextKey> = ProjectConfig['context'][K][number];

const IndexParamsSchema = z.object({ index: z.coerce.number().int().min(0).max(9999) });

/** What one list of the project's context (links, contacts, knowledge notes) is made of. */
export interface ContextListOptions<K extends ContextKey> {
  key: K;
  /** Singular and plural names, used in operation ids and summaries. */
  one: string;
  many: string;
  /** What a client sends (stricter than what older settings may hold). */
  input: z.ZodType<Entry<K>>;
  /** What is stored and shown. */
  output: z.ZodObject;
  examples: { valid: Entry<K>[]; invalid: unknown[] };
}

/**
 * CRUD over one list of the project's context, addressed by position (`/links/0`): the lists are
 * short, ordered, and have no ids of their own in the configuration. A position is only valid until
 * the list changes; PUT and DELETE act on what is at that position now.
 */
export function contextListOperations<K extends ContextKey>(
  deps: ApiV1Deps,
  o: ContextListOptions<K>,
): AnyOperation[] {
  const View = o.output.extend({ index: z.number().int() });
  const List = z.object({ items: z.array(View) });
  const cap = o.one[0]!.toUpperCase() + o.one.slice(1);
  const capMany = o.many[0]!.toUpperCase() + o.many.slice(1);
  const list = (p: ProjectConfig) => ({ items: p.context[o.key].map((e, index) => ({ index, ...e })) });
  const at = (p: ProjectConfig, index: number) => {
    const entry = p.context[o.key][index];
    if (entry === undefined) throw new NotFoundError(`No ${o.one} at ${index}`);
    return entry;
  };
  const save = (p: ProjectConfig, entries: Entry<K>[]) =>
    saveProjectConfig({ ...p, context: { ...p.context, [o.key]: entries } }, deps);
  const base = { tag: o.many };
  return [
    operation({
      ...base,
      method: 'get',
      path: `/${o.many}`,
      operationId: `list${capMany}`,
      summary: `The project's ${o.many}`,
      role: 'viewer',
      response: List,
      handler: async ({ bearer }) => list(bearer.project),
    }),
    operation({
      ...base,
      method: 'post',
      path: `/${o.many}`,
      operationId: `add${cap}`,
      summary: `Adds a ${o.one} at the end`,
      role: 'admin',
      body: o.input,
      examples: o.examples,
      status: 201,
      response: View,
      handler: async ({ bearer, body }) => {
        const entries = [...bearer.project.context[o.key], body] as Entry<K>[];
        await save(bearer.project, entries);
        return { index: entries.length - 1, ...(body as object) };
      },
    }),
    operation({
      ...base,
      method: 'get',
      path: `/${o.many}/{index}`,
      operationId: `get${cap}`,
      summary: `The ${o.one} at a position`,
      role: 'viewer',
      params: IndexParamsSchema,
      response: View,
      handler: async ({ bearer, params }) => ({ index: params.index, ...at(bearer.project, params.index) }),
    }),
    operation({
      ...base,
      method: 'put',
      path: `/${o.many}/{index}`,
      operationId: `replace${cap}`,
      summary: `Replaces the ${o.one} at a position`,
      role: 'admin',
      params: IndexParamsSchema,
      body: o.input,
      examples: o.examples,
      response: View,
      handler: async ({ bearer, params, body }) => {
        at(bearer.project, params.index);
        const entries = bearer.project.context[o.key].map((e, i) =>
          i === params.index ? body : e,
        ) as Entry<K>[];
        await save(bearer.project, entries);
        return { index: params.index, ...(body as object) };
      },
    }),
    operation({
      ...base,
      method: 'delete',
      path: `/${o.many}/{index}`,
      operationId: `remove${cap}`,
      summary: `Removes the ${o.one} at a position (later ones move up)`,
      role: 'admin',
      params: IndexParamsSchema,
      response: List,
      handler: async ({ bearer, params }) => {
        at(bearer.project, params.index);
        const entries = bearer.project.context[o.key].filter((_, i) => i !== params.index) as Entry<K>[];
        return list(await save(bearer.project, entries));
      },
    }),
  ];
}
