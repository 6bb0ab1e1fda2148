import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { hasRole } from '#core/accounts/roles.js';
import {
  ApprovalAlreadyDecidedError,
  ApprovalExpiredError,
  ApprovalForbiddenError,
} from '#core/approval/errors.js';
import { parseOrThrow } from '#core/validation.js';
import type { BearerPrincipal } from '../bearer.js';
import { toProblem } from '../on-error.js';
import type { McpBaseDeps } from './deps.js';
import type { McpTool } from './tools.js';

type Outcome = 'ok' | 'denied' | 'error';

/** A domain error as a tool error's code and message (an unknown error stays unnamed). */
function describe(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof ApprovalAlreadyDecidedError)
    return { code: 'already_decided', message: error.message };
  if (error instanceof ApprovalExpiredError) return { code: 'expired', message: error.message };
  if (error instanceof ApprovalForbiddenError) return { code: 'forbidden', message: error.message };
  const problem = toProblem(error);
  if (!problem) return undefined;
  const issues = problem.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  return { code: problem.code, message: issues ? `${problem.message} (${issues})` : problem.message };
}

const result = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError && { isError: true }),
});

/**
 * Runs one tool call for a token: the role check every tool shares, then the tool, then one audit
 * entry naming the tool, the token and the outcome. Errors become tool errors (`isError`), never leaks.
 */
export async function callTool(
  tool: McpTool,
  input: unknown,
  caller: BearerPrincipal,
  deps: McpBaseDeps,
): Promise<CallToolResult> {
  const audit = async (outcome: Outcome, code?: string) =>
    deps.audit.append({
      chain: caller.project.projectId,
      type: 'mcp.tool_call',
      at: deps.clock.now().toISOString(),
      actor: `token:${caller.tokenId}`,
      subject: tool.name,
      data: {
        tool: tool.name,
        tokenId: caller.tokenId,
        role: caller.principal.role,
        outcome,
        ...(code && { code }),
      },
    });
  if (!hasRole(caller.principal.role, tool.role)) {
    await audit('denied', 'forbidden');
    return result(
      { code: 'forbidden', message: `${tool.name} needs a token with the ${tool.role} role` },
      true,
    );
  }
  let value: unknown;
  try {
    value = await tool.run(parseOrThrow(tool.input, input, 'arguments'), caller, deps);
  } catch (error) {
    const known = describe(error);
    if (!known)
      deps.logger.error('mcp tool failed', {
        tool: tool.name,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : String(error),
      });
    const shown = known ?? { code: 'internal', message: 'Internal error' };
    await audit(shown.code === 'forbidden' ? 'denied' : 'error', shown.code);
    return result(shown, true);
  }
  await audit('ok');
  return result(value);
}
