import { z } from 'zod';

/** A way to find a task: every one is a reference item written with attribute_not_exists. */
export const TaskRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asana'), gid: z.string() }),
  z.object({ kind: z.literal('issue'), repo: z.string(), number: z.number().int().positive() }),
  z.object({ kind: z.literal('pr'), repo: z.string(), number: z.number().int().positive() }),
  z.object({ kind: z.literal('sha'), repo: z.string(), sha: z.string() }),
]);
export type TaskRef = z.infer<typeof TaskRefSchema>;
