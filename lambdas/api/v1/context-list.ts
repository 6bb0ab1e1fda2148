import { z } from 'zod';
import { NotFoundError } from '#core/errors.js';
import type { ProjectConfig } from '#core/project-config.js';
import { changeProjectConfig } from '../project-config-change.js';
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
  const at = (entries: readonly Entry<K>[], index: number) => {
    const entry = entries[index];
    if (entry === undefined) throw new NotFoundError(`No ${o.one} at ${index}`);
    return entry;
  };
  /** Changes the list from its current entries (a concurrent change makes `change` run again). */
  const save = (p: ProjectConfig, change: (entries: Entry<K>[]) => Entry<K>[]) =>
    changeProjectConfig(
      p.projectId,
      (current) => ({
        ...current,
        context: { ...current.context, [o.key]: change(current.context[o.key] as Entry<K>[]) },
      }),
      deps,
    );
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
        let index = 0;
        await save(bearer.project, (entries) => {
          index = entries.length;
          return [...entries, body as Entry<K>];
        });
        return { index, ...(body as object) };
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
      handler: async ({ bearer, params }) => ({
        index: params.index,
        ...(at(bearer.project.context[o.key] as Entry<K>[], params.index) as object),
      }),
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
        await save(bearer.project, (entries) => {
          at(entries, params.index);
          return entries.map((e, i) => (i === params.index ? (body as Entry<K>) : e));
        });
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
        const next = await save(bearer.project, (entries) => {
          at(entries, params.index);
          return entries.filter((_, i) => i !== params.index);
        });
        return list(next);
      },
    }),
  ];
}
