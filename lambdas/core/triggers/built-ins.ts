/** The core loop's behaviours, listed as triggers so people can see (and for some, switch) them. */
export const BUILT_IN_TRIGGERS = [
  {
    id: 'create-issue',
    name: 'Create the issue for the agent',
    description:
      'AutoTask on, repo resolved, not cancelled → create the GitHub issue addressed to the coding agent.',
    on: 'Asana task snapshot',
    required: true,
    enabledByDefault: true,
  },
  {
    id: 'sync-auto-task',
    name: 'Follow AutoTask',
    description:
      'AutoTask off → label the issue and comment that syncing stopped; on again → remove the label.',
    on: 'Asana task snapshot',
    required: true,
    enabledByDefault: true,
  },
  {
    id: 'complete-on-deployed',
    name: 'Complete the Asana task when deployed',
    description: 'DEPLOYED → complete the Asana task; FAILED after Auto-Flow completed it → reopen it.',
    on: 'task status DEPLOYED / FAILED',
    required: true,
    enabledByDefault: true,
  },
  {
    id: 'close-cancelled',
    name: 'Close the issue of a cancelled task',
    description: 'Cancelled (or deleted) in Asana → close the issue as not planned.',
    on: 'task status CANCELLED',
    required: false,
    enabledByDefault: true,
  },
  {
    id: 'report-ci-failure',
    name: 'Report CI failures',
    description: 'CI red on the merge commit → comment on the issue and on the Asana task.',
    on: 'CI failed after merge',
    required: false,
    enabledByDefault: true,
  },
  {
    id: 'fix-forward',
    name: 'Fix forward',
    description:
      'CI red on the merge commit → open a follow-up issue for the agent (once per merge commit; one approval by default policy).',
    on: 'CI failed after merge',
    required: false,
    enabledByDefault: false,
  },
] as const;

export type BuiltInTrigger = (typeof BUILT_IN_TRIGGERS)[number];
export type BuiltInTriggerId = BuiltInTrigger['id'];

/** The built-ins' behaviour version: bumped when what a built-in does changes. */
export const BUILT_IN_VERSION = 1;

/** The principal of fix-forward's issues (`Trigger::"fix-forward"` in Cedar); the rest act as the core loop. */
export const FIX_FORWARD_TRIGGER_ID = 'fix-forward';

/** The built-in with this id, if it is one. */
export function builtInTrigger(id: string): BuiltInTrigger | undefined {
  return BUILT_IN_TRIGGERS.find((t) => t.id === id);
}
