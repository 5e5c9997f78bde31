/**
 * The HTTP fast path for the calls agents make most: a well-formed 2026-07-28 `tools/call` or `tools/list`
 * is answered directly from the composed server, skipping the SDK's per-request web-standard exchange
 * (docs/benchmarks.md: that exchange, not our pipeline, dominated the CPU per call). Anything unusual — an
 * unknown tool, a missing or mismatched header, an envelope the SDK classifies otherwise — goes the SDK way,
 * so every rejection keeps the SDK's exact wire behaviour.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AuthInfo,
  classifyInboundRequest,
  SERVER_INFO_META_KEY,
  TRACEPARENT_META_KEY,
} from '@modelcontextprotocol/server';
import type { ComposedServer } from '../server/compose-server.js';

/** A request the fast path may answer. */
export interface DirectCall {
  readonly id: string | number;
  readonly method: 'tools/call' | 'tools/list';
  readonly params: Record<string, unknown>;
}

/** The call, when `message` is a fully valid modern tools/call (of a known tool) or tools/list; else undefined. */
export function directCallOf(req: IncomingMessage, message: unknown, server: ComposedServer): DirectCall | undefined {
  const m = message as { id?: unknown; method?: unknown; params?: unknown } | null;
  if (m?.method !== 'tools/call' && m?.method !== 'tools/list') return undefined;
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  if (!header('accept')?.includes('application/json')) return undefined;
  const route = classifyInboundRequest({
    httpMethod: req.method ?? 'POST',
    body: message,
    ...optional('protocolVersionHeader', header('mcp-protocol-version')),
    ...optional('mcpMethodHeader', header('mcp-method')),
    ...optional('mcpNameHeader', header('mcp-name')),
  });
  if (route.kind !== 'modern' || route.messageKind !== 'request' || route.classification.era !== 'modern') {
    return undefined;
  }
  const params = (route.message.params ?? {}) as Record<string, unknown>;
  const meta = params._meta as Record<string, unknown> | undefined;
  const version = meta?.['io.modelcontextprotocol/protocolVersion'];
  // Only the exact revision this SDK line serves, with the standard headers present and consistent.
  if (version !== '2026-07-28' || header('mcp-protocol-version') !== version) return undefined;
  if (header('mcp-method') !== m.method) return undefined;
  if (m.method === 'tools/list') {
    return Object.keys(params).every((k) => k === '_meta')
      ? { id: route.message.id, method: m.method, params }
      : undefined;
  }
  const name = params.name;
  const args = params.arguments;
  if (typeof name !== 'string' || header('mcp-name') !== name || server.requiredScopes(name) === undefined)
    return undefined;
  if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) return undefined;
  if (Object.keys(params).some((k) => k !== 'name' && k !== 'arguments' && k !== '_meta')) return undefined;
  return { id: route.message.id, method: m.method, params };
}

/** Answers a direct call with one JSON body, in the wire shape the SDK gives 2026-07-28 results. */
export async function answerDirectCall(
  server: ComposedServer,
  call: DirectCall,
  auth: AuthInfo,
  res: ServerResponse,
): Promise<void> {
  const serverInfo = { [SERVER_INFO_META_KEY]: server.serverInfo };
  let result: Record<string, unknown>;
  if (call.method === 'tools/list') {
    const listing = server.listTools(auth);
    result = { ...listing, resultType: 'complete', ttlMs: 0, cacheScope: 'private', _meta: serverInfo };
  } else {
    // A closed response stream cancels the call, as on the SDK path.
    const closed = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) closed.abort(new Error('the client closed the response stream'));
    });
    const meta = call.params._meta as Record<string, unknown> | undefined;
    const running = server.runTool({
      name: call.params.name as string,
      arguments: call.params.arguments,
      auth,
      signal: closed.signal,
      rpcId: call.id,
      traceparent: meta?.[TRACEPARENT_META_KEY],
    });
    if (!running) throw new Error('directCallOf admitted an unknown tool');
    const toolResult = await running;
    result = { ...toolResult, resultType: 'complete', _meta: { ...toolResult._meta, ...serverInfo } };
  }
  if (res.destroyed) return;
  const body = JSON.stringify({ result, jsonrpc: '2.0', id: call.id });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
