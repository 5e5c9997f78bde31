/** Composes a server from a list of tools: listing built once, a fresh SDK server per request or connection. */
import {
  type AuthInfo,
  type CallToolResult,
  type McpServerFactory,
  ProtocolError,
  ProtocolErrorCode,
  Server,
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
  /** The SDK server identity (`bulkhead-<name>`), as results carry it. */
  readonly serverInfo: { readonly name: string; readonly version: string };
  /** `tools/list` as a principal sees it (the SDK handler and the HTTP fast path both answer with this). */
  listTools(auth: AuthInfo | undefined): { tools: readonly ListedTool[] };
  /** Runs a known tool; undefined for an unknown one (a protocol error, answered by the SDK). */
  runTool(request: ToolRequest): Promise<CallToolResult> | undefined;
}

/** One `tools/call`, whichever path it came by. */
export interface ToolRequest {
  readonly name: string;
  readonly arguments: unknown;
  readonly auth: AuthInfo | undefined;
  readonly signal: AbortSignal;
  readonly rpcId: string | number;
  readonly traceparent: unknown;
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

  const runTool = (request: ToolRequest): Promise<CallToolResult> | undefined => {
    const tool = registry.get(request.name);
    if (!tool) return undefined;
    return callTool(runtime, deps, tool, request.arguments, {
      principal: principalFromAuth(request.auth),
      auth: request.auth,
      requiredScopes: scopesByTool.get(tool.name) ?? [],
      signal: request.signal,
      rpcId: request.rpcId,
      traceparent: typeof request.traceparent === 'string' ? request.traceparent : undefined,
    });
  };

  const factory: McpServerFactory = () => {
    const server = new Server(info, options);
    server.setRequestHandler('tools/list', (_request, ctx) => listFor(ctx.http?.authInfo));
    server.setRequestHandler('tools/call', (request, ctx) => {
      const result = runTool({
        name: request.params.name,
        arguments: request.params.arguments,
        auth: ctx.http?.authInfo,
        signal: ctx.mcpReq.signal,
        rpcId: ctx.mcpReq.id,
        traceparent: request.params._meta?.[TRACEPARENT_META_KEY],
      });
      if (!result) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Unknown tool "${request.params.name}"; call tools/list to see the available tools.`,
        );
      }
      return result;
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
    serverInfo: info,
    listTools: listFor,
    runTool,
  };
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
