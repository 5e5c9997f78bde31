/** The 2026-07-28 request shape: a `_meta` envelope in every request plus the standard MCP headers. */
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/client';

/** The protocol revision every benchmark request claims. */
export const PROTOCOL_VERSION = '2026-07-28';

/** One HTTP request of the load: headers and a JSON body. */
export interface McpHttpRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

const ENVELOPE = {
  [PROTOCOL_VERSION_META_KEY]: PROTOCOL_VERSION,
  [CLIENT_INFO_META_KEY]: { name: 'bulkhead-bench', version: '0.0.0' },
  [CLIENT_CAPABILITIES_META_KEY]: {},
};

/** A stateless `tools/call` as `@modelcontextprotocol/client` sends it on the 2026-07-28 revision. */
export function toolCallRequest(name: string, args: Record<string, unknown>, id = 1): McpHttpRequest {
  return {
    headers: { ...baseHeaders('tools/call'), 'mcp-name': name },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args, _meta: ENVELOPE },
    }),
  };
}

/** A stateless `tools/list` on the 2026-07-28 revision. */
export function toolListRequest(id = 1): McpHttpRequest {
  return {
    headers: baseHeaders('tools/list'),
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list', params: { _meta: ENVELOPE } }),
  };
}

function baseHeaders(method: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL_VERSION,
    'mcp-method': method,
  };
}
