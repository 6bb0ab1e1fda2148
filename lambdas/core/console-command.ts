import { z } from 'zod';

const repo = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo');

/** What a person can ask of one task from the console (each becomes a `console.command` event). */
export const ConsoleCommandSchema = z.discriminatedUnion('kind', [
  /** Tries again what failed: creating the issue (held effects are released by the API, as when the kill switch goes off). */
  z.object({ kind: z.literal('retry') }),
  /** Applies Asana's current task now (the event carries the snapshot), as a webhook would. */
  z.object({ kind: z.literal('resync') }),
  /** Links a PR of the repo by hand (it did not say `Fixes #N`). */
  z.object({ kind: z.literal('force_link_pr'), number: z.number().int().positive() }),
  /** Chooses the repository while no issue exists yet. */
  z.object({ kind: z.literal('change_repo'), repo }),
  /** A note on the timeline, also posted as an Asana comment. */
  z.object({ kind: z.literal('add_note'), text: z.string().trim().min(1).max(4000) }),
]);
export type ConsoleCommand = z.infer<typeof ConsoleCommandSchema>;
