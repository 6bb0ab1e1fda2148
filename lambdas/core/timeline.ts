import { z } from 'zod';
import { TaskStatusSchema } from './task.js';

/** One line of a task's history: who/what did it, the status move, links and copyable ids. */
export const TimelineEntrySchema = z.object({
  at: z.string(),
  source: z.enum(['asana', 'github', 'autoflow', 'user']),
  kind: z.string(),
  message: z.string(),
  from: TaskStatusSchema.optional(),
  to: TaskStatusSchema.optional(),
  links: z.array(z.object({ label: z.string(), url: z.string() })).optional(),
  ids: z.record(z.string(), z.string()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
