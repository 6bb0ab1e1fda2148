import { z } from 'zod';
import { ProjectConfigSchema } from '#core/project-config.js';
import { contextListOperations } from './context-list.js';
import type { ApiV1Deps } from './deps.js';

const NoteInputSchema = z.strictObject({
  title: z.string().min(1).max(200),
  body: z.string().max(20_000),
});

/** Knowledge notes: conventions the coding agent gets with every task spec. */
export const noteOperations = (deps: ApiV1Deps) =>
  contextListOperations(deps, {
    key: 'notes',
    one: 'note',
    many: 'notes',
    input: NoteInputSchema,
    output: ProjectConfigSchema.shape.context.shape.notes.element,
    examples: {
      valid: [{ title: 'Testing', body: 'Run npm test before pushing.' }],
      invalid: [{ title: 'Testing' }, { title: '', body: 'x' }],
    },
  });
