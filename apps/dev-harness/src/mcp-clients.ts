/** Connects the real SDK clients users have: v2 (2026-07-28 with negotiation) and v1 (old-era initialize). */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The protocol era a client speaks. */
export type Era = 'v2 (2026-07-28)' | 'v1 (initialize)';

/** The part of a client the harness uses, the same for both SDK lines. */
export interface HarnessClient {
  readonly era: Era;
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(name: string, args: Record<string, unknown>): Promise<CallOutcome>;
  close(): Promise<void>;
}

/** A tool result as the smoke run reads it. */
export interface CallOutcome {
  readonly isError: boolean;
  readonly structured: unknown;
  readonly meta: Record<string, unknown> | undefined;
  readonly raw: string;
}

/** Connects a client of the given era to an MCP URL. */
export async function connect(url: URL, era: Era): Promise<HarnessClient> {
  if (era === 'v2 (2026-07-28)') {
    const client = new Client({ name: 'bulkhead-harness', version: '0.1.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(url));
    return {
      era,
      listTools: () => client.listTools(),
      callTool: async (name, args) => outcome(await client.callTool({ name, arguments: args })),
      close: () => client.close(),
    };
  }
  const client = new V1Client({ name: 'bulkhead-harness', version: '0.1.0' });
  await client.connect(new V1Transport(url));
  return {
    era,
    listTools: () => client.listTools(),
    callTool: async (name, args) => outcome(await client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

function outcome(result: { isError?: unknown; structuredContent?: unknown; _meta?: unknown }): CallOutcome {
  const { _meta, ...withoutMeta } = result as { _meta?: Record<string, unknown> } & Record<string, unknown>;
  return {
    isError: result.isError === true,
    structured: result.structuredContent,
    meta: _meta,
    raw: JSON.stringify(withoutMeta),
  };
}
