import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BearerPrincipal } from '../bearer.js';
import { callTool } from './call-tool.js';
import type { McpBaseDeps } from './deps.js';
import { MCP_TOOLS } from './tools.js';

/** The MCP server of one request: every tool, bound to the token that called. */
export function createMcpServer(caller: BearerPrincipal, deps: McpBaseDeps): McpServer {
  const server = new McpServer({ name: 'auto-flow', version: '1.0.0' });
  for (const tool of MCP_TOOLS)
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input },
      async (input: unknown) => callTool(tool, input, caller, deps),
    );
  return server;
}
