import type { DecideApprovalDeps } from '#lambdas/app/decide-approval.js';
import type { ApiDeps } from '../deps.js';
import type { AuthenticateBearer } from '../bearer.js';

/** What the MCP endpoint is built from, but the bearer authentication (the composition root adds it). */
export type McpBaseDeps = Pick<
  ApiDeps,
  'tasks' | 'killSwitches' | 'asana' | 'pipeline' | 'audit' | 'clock' | 'logger'
> &
  Pick<DecideApprovalDeps, 'approvals' | 'taskTokens'>;

/** Everything the MCP endpoint needs: the stores and use cases its tools call, and who a token is. */
export interface McpDeps extends McpBaseDeps {
  authenticate: AuthenticateBearer;
}
