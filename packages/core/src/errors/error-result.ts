/** The single edge that turns anything a tool throws into an `isError` result with the error envelope. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';
import { ERROR_CODES, type ErrorCode, OUTCOMES, type Outcome } from './error-codes.js';
import { isToolError, ToolError } from './tool-error.js';

/** Where the envelope lives in `_meta`: namespaced, so it never breaks output-schema validation of clients. */
export const ERROR_META_KEY = 'io.bulkhead/error';

/** The machine-readable error envelope (DESIGN §6). */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  retry_after_ms?: number;
  outcome: Outcome;
  request_id?: string;
  correlation_id: string;
  details?: Record<string, unknown>;
}

/** Facts about the call that failed. */
export interface ErrorResultContext {
  correlationId: string;
  /** Set for mutating tools. */
  requestId?: string | undefined;
  logger: Logger;
}

/** Converts any thrown value into a well-formed error result; unexpected errors become a generic INTERNAL. */
export function toErrorResult(error: unknown, ctx: ErrorResultContext): CallToolResult {
  const toolError = isToolError(error) ? error : internalError(error, ctx);
  if (isToolError(error)) {
    ctx.logger.info({ code: error.code, outcome: error.outcome, err: error.cause }, 'tool call failed');
  }
  return errorResult(toolError, ctx);
}

/** Renders a {@link ToolError} as a result: one sentence of text, and the envelope under {@link ERROR_META_KEY}. */
export function errorResult(
  error: ToolError,
  ctx: Pick<ErrorResultContext, 'correlationId' | 'requestId'>,
): CallToolResult {
  let message = error.message;
  if (error.outcome === OUTCOMES.UNKNOWN && ctx.requestId !== undefined && !message.includes('same request_id')) {
    message = `${message} The outcome is unknown: retry with the same request_id (${ctx.requestId}), never a new one.`;
  }
  const envelope: ErrorEnvelope = {
    code: error.code,
    message,
    retryable: error.retryable,
    outcome: error.outcome,
    correlation_id: ctx.correlationId,
  };
  if (error.retryAfterMs !== undefined) envelope.retry_after_ms = error.retryAfterMs;
  if (ctx.requestId !== undefined) envelope.request_id = ctx.requestId;
  if (error.details !== undefined) envelope.details = error.details;
  const retry = error.retryable
    ? `retryable${error.retryAfterMs !== undefined ? ` after ${error.retryAfterMs} ms` : ''}`
    : 'not retryable';
  return {
    isError: true,
    content: [{ type: 'text', text: `${message} [${error.code}; ${retry}; correlation_id ${ctx.correlationId}]` }],
    _meta: { [ERROR_META_KEY]: envelope },
  };
}

function internalError(error: unknown, ctx: ErrorResultContext): ToolError {
  ctx.logger.error({ err: error }, 'unexpected error in tool call');
  const unknownOutcome = ctx.requestId !== undefined;
  return new ToolError(
    ERROR_CODES.INTERNAL,
    `An internal error occurred (correlation_id ${ctx.correlationId}); retry once, and report the id if it fails again.`,
    { retryable: true, outcome: unknownOutcome ? OUTCOMES.UNKNOWN : OUTCOMES.NOT_EXECUTED },
  );
}

/** Reads the error envelope from a result, for clients and tests. */
export function readErrorEnvelope(result: { _meta?: Record<string, unknown> | undefined }): ErrorEnvelope | undefined {
  return result._meta?.[ERROR_META_KEY] as ErrorEnvelope | undefined;
}
