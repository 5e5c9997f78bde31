/** The tool-call pipeline: shed, validate, run (idempotently when mutating) under a deadline, map errors. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { RequestId } from '../cancellation/cancellation-relay.js';
import { toCallToolResult } from '../content/content.js';
import { ERROR_CODES, OUTCOMES } from '../errors/error-codes.js';
import { errorResult, toErrorResult } from '../errors/error-result.js';
import { ToolError } from '../errors/tool-error.js';
import { invalidArgumentError } from '../errors/validation-error.js';
import { idempotencyKey, runIdempotently } from '../idempotency/run-idempotently.js';
import { type Logger, newCorrelationId } from '../logging/logger.js';
import { rateLimitedError } from '../rate-limit/rate-limiter.js';
import type { ToolContext, ToolDefinition } from '../tools/define-tool.js';
import type { Runtime } from './runtime.js';

/** Who calls and how the call can be cancelled. */
export interface CallOrigin {
  principal: string;
  /** Aborts on client cancellation or a closed stream. */
  signal: AbortSignal;
  /** The JSON-RPC id, so an old-era cancel arriving on another request or replica can find this call. */
  rpcId?: RequestId;
}

/** Runs one tool call end to end; never throws: every failure is an `isError` result. */
export async function callTool<Deps>(
  runtime: Runtime,
  deps: Deps,
  tool: ToolDefinition<Deps>,
  rawArgs: unknown,
  origin: CallOrigin,
): Promise<CallToolResult> {
  const correlationId = newCorrelationId();
  const logger = runtime.logger.child({ correlation_id: correlationId, tool: tool.name, principal: origin.principal });
  const requestId = tool.kind === 'mutating' ? readRequestId(rawArgs) : undefined;
  const started = performance.now();
  if (runtime.inFlightCalls >= runtime.maxConcurrentCalls) {
    logger.warn({ code: ERROR_CODES.OVERLOADED }, 'tool call shed');
    return errorResult(
      new ToolError(ERROR_CODES.OVERLOADED, 'The server is at capacity; retry shortly.', { retryAfterMs: 1000 }),
      { correlationId, requestId },
    );
  }
  runtime.inFlightCalls += 1;
  const relayed = new AbortController();
  const unregister =
    origin.rpcId === undefined
      ? undefined
      : runtime.cancellationRelay.register(origin.principal, origin.rpcId, relayed);
  const callerSignals = [origin.signal, relayed.signal];
  const deadline = AbortSignal.timeout(runtime.toolTimeoutMs);
  const signal = AbortSignal.any([...callerSignals, runtime.shutdownSignal, deadline]);
  try {
    await enforceRateLimit(runtime, tool, origin.principal, logger);
    const parsed = tool.input.safeParse(rawArgs ?? {}, { reportInput: true });
    if (!parsed.success) throw invalidArgumentError(tool.name, tool.input, parsed.error);
    const args = parsed.data as Record<string, unknown>;
    const ctx = {
      deps,
      signal,
      logger,
      correlationId,
      principal: origin.principal,
      jobs: runtime.jobStore,
      cursors: runtime.cursors,
    };
    const run = (extra: Partial<ToolContext<Deps>>) => execute(tool, args, { ...ctx, ...extra });
    const result =
      tool.kind === 'mutating' && args.dry_run !== true && requestId !== undefined
        ? await runIdempotently({
            store: runtime.idempotencyStore,
            key: idempotencyKey(runtime.serverName, tool.name, origin.principal, requestId),
            requestId,
            args,
            leaseMs: tool.mutation.leaseMs,
            retentionMs: tool.mutation.retentionMs,
            logger,
            execute: (takeover) =>
              run({
                idempotency: {
                  key: idempotencyKey(runtime.serverName, tool.name, origin.principal, requestId),
                  takeover,
                },
              }),
            renderFailure: (error) => errorResult(error, { correlationId, requestId }),
          })
        : await run({});
    logger.info({ duration_ms: elapsed(started), is_error: result.isError === true }, 'tool call');
    return result;
  } catch (error) {
    const result = toErrorResult(abortAware(error, signal, callerSignals, tool.kind), {
      correlationId,
      requestId,
      logger,
    });
    logger.info({ duration_ms: elapsed(started), is_error: true }, 'tool call');
    return result;
  } finally {
    unregister?.();
    runtime.inFlightCalls -= 1;
  }
}

/**
 * Takes a token from the principal's bucket (the tool's own bucket when it declares one). When the limiter's
 * store is down the call goes ahead: mutating calls still fail closed at the idempotency store.
 */
async function enforceRateLimit<Deps>(runtime: Runtime, tool: ToolDefinition<Deps>, principal: string, logger: Logger) {
  const limit = tool.rateLimit ?? runtime.defaultRateLimit;
  if (!limit) return;
  const key = tool.rateLimit ? `${runtime.serverName}:${principal}:${tool.name}` : `${runtime.serverName}:${principal}`;
  const decision = await runtime.rateLimiter.take(key, limit).catch((error: unknown) => {
    logger.warn({ err: error }, 'rate limiter unavailable; call not limited');
    return undefined;
  });
  if (decision && !decision.allowed) throw rateLimitedError(decision.retryAfterMs);
}

/** Runs the handler, racing it against the abort signal, and validates its structured output. */
async function execute<Deps>(
  tool: ToolDefinition<Deps>,
  args: Record<string, unknown>,
  ctx: ToolContext<Deps>,
): Promise<CallToolResult> {
  ctx.signal.throwIfAborted();
  const result = await raceAbort(tool.handler(args, ctx), ctx.signal);
  const output = tool.output.safeParse(result.structured);
  if (!output.success) throw new Error(`${tool.name} returned output that breaks its schema: ${output.error.message}`);
  return toCallToolResult(result, output.data);
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** After an abort, the reason decides the code: a caller's signal (client or relayed cancel), else the deadline. */
function abortAware(
  error: unknown,
  signal: AbortSignal,
  callerSignals: readonly AbortSignal[],
  kind: 'read' | 'mutating',
): unknown {
  if (!signal.aborted || error instanceof ToolError) return error;
  const outcome = kind === 'mutating' ? OUTCOMES.UNKNOWN : OUTCOMES.NOT_EXECUTED;
  if (callerSignals.some((s) => s.aborted)) {
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

function readRequestId(args: unknown): string | undefined {
  const value = (args as { request_id?: unknown } | null | undefined)?.request_id;
  return typeof value === 'string' && value.length <= 128 ? value : undefined;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
