export { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export type { SandboxControl, ProjectSummary } from './control.js';
export type { AgentScript, FaultState, InjectedFaultRecord, SandboxState } from './state.js';
export type { ChaosConfig, ChaosInput } from './fault-schemas.js';
export { hmacSha256Hex } from './webhook-sender.js';
