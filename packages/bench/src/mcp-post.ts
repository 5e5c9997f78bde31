/** Sends one MCP request over HTTP and returns the JSON-RPC answer, whether sent as JSON or as one SSE event. */
import type { McpHttpRequest } from './request-shape.ts';

/** A JSON-RPC answer: a result or an error. */
export interface JsonRpcAnswer {
  readonly result?: Record<string, unknown>;
  readonly error?: { code: number; message: string };
}

/** POSTs `request` to `url` and parses the answer; throws on a non-2xx status. */
export async function mcpPost(url: string, request: McpHttpRequest): Promise<JsonRpcAnswer> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  const json = response.headers.get('content-type')?.includes('text/event-stream') ? lastSseData(text) : text;
  return JSON.parse(json) as JsonRpcAnswer;
}

/** The tool result of an answer; throws when the call failed, so a benchmark never measures errors. */
export function toolResultOf(answer: JsonRpcAnswer, what: string): Record<string, unknown> {
  if (answer.error) throw new Error(`${what}: JSON-RPC error ${answer.error.code}: ${answer.error.message}`);
  const result = answer.result;
  if (!result) throw new Error(`${what}: no result`);
  if (result.isError === true) throw new Error(`${what}: tool error: ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

function lastSseData(text: string): string {
  const lines = text.split('\n').filter((line) => line.startsWith('data:'));
  const last = lines.at(-1);
  if (last === undefined) throw new Error('an SSE answer without data');
  return last.slice('data:'.length).trim();
}
