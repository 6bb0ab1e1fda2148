export { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export type { SandboxControl, ProjectSummary } from './control.js';
export type { AgentScript, SandboxState } from './state.js';
export { hmacSha256Hex } from './webhook-sender.js';
