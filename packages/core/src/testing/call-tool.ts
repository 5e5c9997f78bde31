/** Test kit: call a tool and read its structured result or its error envelope. */
import type { Client } from '@modelcontextprotocol/client';
import { type ErrorEnvelope, readErrorEnvelope } from '../errors/error-result.js';

/** What a tool call returned, in the shape tests assert on. */
export interface ToolOutcome<T = Record<string, unknown>> {
  readonly isError: boolean;
  readonly structured: T | undefined;
  readonly text: string;
  readonly error: ErrorEnvelope | undefined;
  readonly meta: Record<string, unknown> | undefined;
}

/** Calls a tool through the client and flattens the result. */
export async function callToolForTest<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolOutcome<T>> {
  const result = await client.callTool({ name, arguments: args });
  const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
  return {
    isError: result.isError === true,
    structured: result.structuredContent as T | undefined,
    text: content.map((c) => c.text ?? '').join('\n'),
    error: readErrorEnvelope(result as { _meta?: Record<string, unknown> }),
    meta: result._meta as Record<string, unknown> | undefined,
  };
}
