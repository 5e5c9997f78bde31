/** Runs a tool's handler under its signal, validates the output, and names why an aborted call stopped. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { toCallToolResult } from '../content/content.js';
import { ERROR_CODES, OUTCOMES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';
import type { ToolContext, ToolDefinition } from '../tools/define-tool.js';
import type { CallSignal } from './call-signal.js';

/** The wire result of a handler, and whether the handler cut it to fit the context window. */
export interface HandlerOutcome {
  readonly result: CallToolResult;
  readonly truncated: boolean;
}

/** Runs the handler, racing it against the abort signal, and validates its structured output. */
export async function runHandler<Deps>(
  tool: ToolDefinition<Deps>,
  args: Record<string, unknown>,
  ctx: ToolContext<Deps>,
): Promise<HandlerOutcome> {
  ctx.signal.throwIfAborted();
  const result = await raceAbort(tool.handler(args, ctx), ctx.signal);
  const output = tool.output.safeParse(result.structured);
  if (!output.success) throw new Error(`${tool.name} returned output that breaks its schema: ${output.error.message}`);
  return { result: toCallToolResult(result, output.data), truncated: result.truncated === true };
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** After an abort, the cause decides the code: the caller (client, closed stream, relayed cancel) or the deadline. */
export function abortAware(error: unknown, call: CallSignal, kind: 'read' | 'mutating'): unknown {
  if (!call.signal.aborted || error instanceof ToolError) return error;
  const outcome = kind === 'mutating' ? OUTCOMES.UNKNOWN : OUTCOMES.NOT_EXECUTED;
  if (call.cancelledByCaller()) {
    return new ToolError(ERROR_CODES.CANCELLED, 'The call was cancelled by the client.', { retryable: true, outcome });
  }
  return new ToolError(
    ERROR_CODES.TIMEOUT,
    'The call did not finish within its deadline; retry, or narrow the request.',
    {
      retryable: true,
      outcome,
    },
  );
}
