/** Composes a server from a list of tools: listing built once, a fresh SDK server per request or connection. */
import {
  type AuthInfo,
  type McpServerFactory,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type ServerContext,
  TRACEPARENT_META_KEY,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { hasScopes, type ServerScopes } from '../auth/scopes.js';
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
  /** Scopes of tools that declare none; `<name>:read` and `<name>:write` by default. */
  readonly scopes?: ServerScopes;
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
  /** The scopes a tool needs, or undefined for an unknown tool. */
  requiredScopes(tool: string): readonly string[] | undefined;
  /** Every scope any tool needs, for /.well-known/oauth-protected-resource. */
  readonly scopesSupported: readonly string[];
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
  const defaults = definition.scopes ?? { read: `${definition.name}:read`, mutating: `${definition.name}:write` };
  const scopesByTool = new Map(
    definition.tools.map((tool) => [
      tool.name,
      tool.scopes ?? [tool.kind === 'read' ? defaults.read : defaults.mutating],
    ]),
  );
  /** A principal sees only the tools it may call; the full listing is shared when it may call them all. */
  const listFor = (auth: AuthInfo | undefined) => {
    const visible = listing.filter((tool) => hasScopes(auth, scopesByTool.get(tool.name) ?? []));
    return visible.length === listing.length ? listResult : { tools: visible };
  };
  const info = { name: `bulkhead-${definition.name}`, version: definition.version };
  const options = {
    capabilities: { tools: { listChanged: false } },
    jsonSchemaValidator: sharedValidator,
    ...(definition.instructions ? { instructions: definition.instructions } : {}),
  };

  const factory: McpServerFactory = () => {
    const server = new Server(info, options);
    server.setRequestHandler('tools/list', (_request, ctx) => listFor(ctx.http?.authInfo));
    server.setRequestHandler('tools/call', (request, ctx) => {
      const tool = registry.get(request.params.name);
      if (!tool) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Unknown tool "${request.params.name}"; call tools/list to see the available tools.`,
        );
      }
      const traceparent = request.params._meta?.[TRACEPARENT_META_KEY];
      return callTool(runtime, deps, tool, request.params.arguments, {
        principal: principalOf(ctx),
        auth: ctx.http?.authInfo,
        requiredScopes: scopesByTool.get(tool.name) ?? [],
        signal: ctx.mcpReq.signal,
        rpcId: ctx.mcpReq.id,
        traceparent: typeof traceparent === 'string' ? traceparent : undefined,
      });
    });
    return server;
  };

  return {
    name: definition.name,
    version: definition.version,
    runtime,
    listing,
    factory,
    requiredScopes: (tool) => scopesByTool.get(tool),
    scopesSupported: [...new Set([...scopesByTool.values()].flat())].sort(),
  };
}

/** The calling principal: the verified token's subject over HTTP, `local` over stdio. */
function principalOf(ctx: ServerContext): string {
  return principalFromAuth(ctx.http?.authInfo);
}

/** The principal named by verified auth info: `tenant/subject` (or the client); `local` without auth (stdio). */
export function principalFromAuth(auth: AuthInfo | undefined): string {
  if (!auth) return 'local';
  const extra = auth.extra as { sub?: unknown; tenant?: unknown } | undefined;
  const subject = typeof extra?.sub === 'string' ? extra.sub : auth.clientId;
  return typeof extra?.tenant === 'string' ? `${extra.tenant}/${subject}` : subject;
}

function isRuntime(value: Runtime | RuntimeOptions): value is Runtime {
  return 'shutdownSignal' in value;
}
