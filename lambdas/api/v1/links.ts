import { z } from 'zod';
import { ProjectConfigSchema } from '#core/project-config.js';
import { contextListOperations } from './context-list.js';
import type { ApiV1Deps } from './deps.js';

const LinkInputSchema = z.strictObject({
  title: z.string().min(1).max(200),
  url: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
    .max(2000),
});

/** Links shown with every task spec (runbooks, dashboards). */
export const linkOperations = (deps: ApiV1Deps) =>
  contextListOperations(deps, {
    key: 'links',
    one: 'link',
    many: 'links',
    input: LinkInputSchema,
    output: ProjectConfigSchema.shape.context.shape.links.element,
    examples: {
      valid: [{ title: 'Runbook', url: 'https://wiki.example.com/runbook' }],
      invalid: [
        { title: 'Runbook' },
        { title: '', url: 'https://x.example' },
        { title: 'x', url: 'ftp://x' },
      ],
    },
  });
