/** Content helpers: text/markdown, structured results and base64 images, in the SDK's content shapes. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ExtraContent, ToolResult } from '../tools/define-tool.js';

/** A result with markdown text for the model and structured data for programs. */
export function markdownResult<Out>(structured: Out, markdown: string): ToolResult<Out> {
  return { structured, text: markdown };
}

/** A result whose text is the compact JSON of its structured data. */
export function structuredResult<Out>(structured: Out): ToolResult<Out> {
  return { structured };
}

/** A base64 image content block; the MIME type is required so clients can render it. */
export function imageContent(data: Buffer | Uint8Array | string, mimeType: `image/${string}`): ExtraContent {
  const base64 = typeof data === 'string' ? data : Buffer.from(data).toString('base64');
  return { type: 'image', data: base64, mimeType };
}

/** Renders a handler's {@link ToolResult} as the wire `CallToolResult`. */
export function toCallToolResult(result: ToolResult<unknown>, structured: unknown): CallToolResult {
  const text = result.text ?? JSON.stringify(structured);
  return {
    content: [{ type: 'text', text }, ...(result.content ?? []).map((c) => ({ ...c }))],
    structuredContent: structured as Record<string, unknown>,
  };
}
