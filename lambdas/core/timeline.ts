import { z } from 'zod';
import { TaskStatusSchema } from './task.js';

/** A version of a task's spec inputs (Asana title and notes), kept on the timeline entry that made it. */
export const SpecSnapshotSchema = z.object({
  version: z.number().int().positive(),
  title: z.string(),
  notes: z.string(),
  /** What differs from the previous version (both for the first one). */
  changed: z.array(z.enum(['title', 'notes'])),
  /** True when the notes were cut at SPEC_NOTES_LIMIT characters to keep the entry small. */
  truncated: z.boolean().optional(),
});
export type SpecSnapshot = z.infer<typeof SpecSnapshotSchema>;

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
  /** Set on the entries that start a new TaskSpec version (received, title or description changed). */
  spec: SpecSnapshotSchema.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
