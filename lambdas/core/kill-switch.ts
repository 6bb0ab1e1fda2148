/** What a kill switch store answers for a project: whether the global and the project's switch are on. */
export interface KillSwitchState {
  global: boolean;
  project: boolean;
}

/** Which kill switch stops a project's effects now, if any (the global one is named first). */
export function activeKillSwitch(kill: KillSwitchState): 'global' | 'project' | undefined {
  if (kill.global) return 'global';
  return kill.project ? 'project' : undefined;
}
