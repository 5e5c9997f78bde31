/**
 * Baseline child: one tool written directly with the SDK the documented way (a fresh McpServer per request
 * through createMcpHandler + toNodeHandler on node:http, behind the Host/Origin guards), no Bulkhead core.
 */
import { createServer } from 'node:http';
import {
  localhostHostValidation,
  localhostOriginValidation,
  type NodeIncomingMessageLike,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const port = Number(process.argv[2] ?? '0');
const OPERATIONS = { add: (x: number, y: number) => x + y, multiply: (x: number, y: number) => x * y } as const;

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'sdk-baseline', version: '0.0.0' });
  server.registerTool(
    'calculate',
    {
      title: 'Calculate',
      description: 'Arithmetic on two numbers.',
      inputSchema: z.object({
        operation: z.enum(['add', 'multiply']).describe('The operation.'),
        x: z.number().describe('Left operand.'),
        y: z.number().describe('Right operand.'),
      }),
      outputSchema: z.object({ result: z.string(), exact: z.boolean() }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ operation, x, y }) => {
      const result = String(OPERATIONS[operation](x, y));
      return {
        content: [{ type: 'text', text: `${x} ${operation} ${y} = ${result}` }],
        structuredContent: { result, exact: true },
      };
    },
  );
  return server;
});
const handle = toNodeHandler(handler);
const validateHost = localhostHostValidation();
const validateOrigin = localhostOriginValidation();

createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (!validateHost(req, res) || !validateOrigin(req, res)) return;
  // node:http types `method` as optional; the SDK's structural type wants it set (it always is on a server).
  await handle(req as unknown as NodeIncomingMessageLike, res);
}).listen(port, '127.0.0.1');
