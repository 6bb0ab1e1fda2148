import { z } from 'zod';
import { ProjectConfigSchema } from '#core/project-config.js';
import { contextListOperations } from './context-list.js';
import type { ApiV1Deps } from './deps.js';

const ContactInputSchema = z.strictObject({
  name: z.string().min(1).max(200),
  role: z.string().max(200).optional(),
  email: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
    .max(320)
    .optional(),
});

/** People to ask about the project. */
export const contactOperations = (deps: ApiV1Deps) =>
  contextListOperations(deps, {
    key: 'contacts',
    one: 'contact',
    many: 'contacts',
    input: ContactInputSchema,
    output: ProjectConfigSchema.shape.context.shape.contacts.element,
    examples: {
      valid: [{ name: 'Ada', role: 'Tech lead', email: 'ada@example.com' }, { name: 'Bob' }],
      invalid: [{ role: 'x' }, { name: 'Ada', email: 'not-an-email' }, { name: 'Ada', phone: '1' }],
    },
  });
