/** Composes a server from a list of tools: listing built once, a fresh SDK server per request or connection. */
import {
  type AuthInfo,
  type McpServerFactory,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import type { ToolDefinition } from '../tools/define-tool.js';
import { buildToolListing, type ListedTool } from '../tools/tool-listing.js';
import { callTool } from './call-tool.js';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';

/** A server's identity and its tools. */
export interface ServerDefinition<Deps> {
  /** Short name, e.g. `calculator`; used in logs, metrics and idempotency keys. */
  readonly name: string;
  readonly version: string;
  /** Optional guidance for the model about this server as a whole. */
  readonly instructions?: string;
  readonly tools: readonly ToolDefinition<Deps>[];
}

/** A composed server: the factory the serving entries call, plus direct access for tests and the harness. */
export interface ComposedServer {
  readonly name: string;
  readonly version: string;
  readonly runtime: Runtime;
  /** The `tools/list` entries, computed once. */
  readonly listing: readonly ListedTool[];
  /** Builds a fresh SDK server; handlers close over the precomputed listing and tool registry. */
  readonly factory: McpServerFactory;
}

/** One validator for every SDK server instance in the process: building Ajv per request costs ~20% of a call. */
const sharedValidator = new AjvJsonSchemaValidator();

/** Composes a server from its definition and dependencies. */
export function composeServer<Deps>(
  definition: ServerDefinition<Deps>,
  deps: Deps,
  runtimeOrOptions: Runtime | RuntimeOptions = {},
): ComposedServer {
  const runtime = isRuntime(runtimeOrOptions) ? runtimeOrOptions : createRuntime(definition.name, runtimeOrOptions);
  const registry = new Map(definition.tools.map((tool) => [tool.name, tool]));
  if (registry.size !== definition.tools.length) throw new Error(`${definition.name}: duplicate tool names`);
  const listing = buildToolListing(definition.tools as readonly ToolDefinition<never>[]);
  const listResult = { tools: listing };
  const info = { name: `bulkhead-${definition.name}`, version: definition.version };
  const options = {
    capabilities: { tools: { listChanged: false } },
    jsonSchemaValidator: sharedValidator,
    ...(definition.instructions ? { instructions: definition.instructions } : {}),
  };

  const factory: McpServerFactory = () => {
    const server = new Server(info, options);
    server.setRequestHandler('tools/list', () => listResult);
    server.setRequestHandler('tools/call', (request, ctx) => {
      const tool = registry.get(request.params.name);
      if (!tool) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Unknown tool "${request.params.name}"; call tools/list to see the available tools.`,
        );
      }
      return callTool(runtime, deps, tool, request.params.arguments, {
        principal: principalOf(ctx),
        signal: ctx.mcpReq.signal,
        rpcId: ctx.mcpReq.id,
      });
    });
    return server;
  };

  return { name: definition.name, version: definition.version, runtime, listing, factory };
}

/** The calling principal: the verified token's subject over HTTP, `local` over stdio. */
function principalOf(ctx: ServerContext): string {
  return principalFromAuth(ctx.http?.authInfo);
}

/** The principal named by verified auth info; `local` when there is none (stdio, in-process). */
export function principalFromAuth(auth: AuthInfo | undefined): string {
  if (!auth) return 'local';
  const subject = (auth.extra as { sub?: unknown } | undefined)?.sub;
  return typeof subject === 'string' ? subject : auth.clientId;
}

function isRuntime(value: Runtime | RuntimeOptions): value is Runtime {
  return 'shutdownSignal' in value;
}
