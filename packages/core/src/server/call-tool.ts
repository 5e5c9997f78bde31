/** The tool-call pipeline: shed, authorize, limit, validate, run (idempotently when mutating), observe, map errors. */
import type { AuthInfo, CallToolResult } from '@modelcontextprotocol/server';
import type { RequestId } from '../cancellation/cancellation-relay.js';
import { ERROR_META_KEY, type ErrorEnvelope, errorResult, toErrorResult } from '../errors/error-result.js';
import { invalidArgumentError } from '../errors/validation-error.js';
import { idempotencyKey, runIdempotently } from '../idempotency/run-idempotently.js';
import { newCorrelationId } from '../logging/logger.js';
import { recordOutcome, withToolSpan } from '../observability/tracing.js';
import type { ToolContext, ToolDefinition } from '../tools/define-tool.js';
import { enforceRateLimit, enforceScopes, overloadedError } from './call-guards.js';
import { callSignal } from './call-signal.js';
import { abortAware, runHandler } from './run-handler.js';
import type { Runtime } from './runtime.js';

/** Who calls, with which rights, and how the call can be cancelled. */
export interface CallOrigin {
  principal: string;
  /** Verified auth info over HTTP; absent for a local caller (stdio, in-process). */
  auth?: AuthInfo | undefined;
  /** Scopes the tool needs; checked against `auth`. */
  requiredScopes?: readonly string[];
  /** Aborts on client cancellation or a closed stream. */
  signal: AbortSignal;
  /** The JSON-RPC id, so an old-era cancel arriving on another request or replica can find this call. */
  rpcId?: RequestId;
  /** A W3C traceparent from the request's `_meta`, to parent the call's span. */
  traceparent?: string | undefined;
}

/** Runs one tool call end to end; never throws: every failure is an `isError` result. */
export function callTool<Deps>(
  runtime: Runtime,
  deps: Deps,
  tool: ToolDefinition<Deps>,
  rawArgs: unknown,
  origin: CallOrigin,
): Promise<CallToolResult> {
  return withToolSpan(runtime.serverName, tool.name, origin.traceparent, async (span) => {
    const correlationId = newCorrelationId();
    const started = performance.now();
    const result = await runCall(runtime, deps, tool, rawArgs, origin, correlationId);
    const envelope = result._meta?.[ERROR_META_KEY] as ErrorEnvelope | undefined;
    const code = envelope?.code ?? 'none';
    const seconds = (performance.now() - started) / 1000;
    runtime.metrics.toolCall(tool.name, result.isError ? 'error' : 'ok', code, seconds);
    if (code === 'QUOTA_EXCEEDED') runtime.metrics.quotaRefused(tool.name);
    recordOutcome(span, { isError: result.isError === true, code, correlationId });
    const fields = { correlation_id: correlationId, tool: tool.name, principal: origin.principal };
    runtime.logger.info(
      { ...fields, duration_ms: Math.round(seconds * 100_000) / 100, is_error: result.isError === true },
      'tool call',
    );
    if (tool.kind === 'mutating') {
      const requestId = readRequestId(rawArgs);
      runtime.auditLogger.info({ ...fields, request_id: requestId, outcome: envelope?.outcome ?? 'ok', code }, 'audit');
    }
    return result;
  });
}

async function runCall<Deps>(
  runtime: Runtime,
  deps: Deps,
  tool: ToolDefinition<Deps>,
  rawArgs: unknown,
  origin: CallOrigin,
  correlationId: string,
): Promise<CallToolResult> {
  const logger = runtime.logger.child({ correlation_id: correlationId, tool: tool.name, principal: origin.principal });
  const requestId = tool.kind === 'mutating' ? readRequestId(rawArgs) : undefined;
  const shed = overloadedError(runtime);
  if (shed) {
    logger.warn({ code: shed.code }, 'tool call shed');
    return errorResult(shed, { correlationId, requestId });
  }
  runtime.inFlightCalls += 1;
  runtime.metrics.inFlight(1);
  const call = callSignal(origin.signal, runtime.shutdownSignal, runtime.toolTimeoutMs);
  const { signal } = call;
  const unregister =
    origin.rpcId === undefined
      ? undefined
      : runtime.cancellationRelay.register(origin.principal, origin.rpcId, call.controller);
  try {
    enforceScopes(tool.name, origin.requiredScopes ?? [], origin.auth);
    await enforceRateLimit(runtime, tool, origin.principal, logger);
    const parsed = tool.input.safeParse(rawArgs ?? {}, { reportInput: true });
    if (!parsed.success) throw invalidArgumentError(tool.name, tool.input, parsed.error);
    const args = parsed.data as Record<string, unknown>;
    const ctx: ToolContext<Deps> = {
      deps,
      signal,
      logger,
      correlationId,
      principal: origin.principal,
      jobs: runtime.jobStore,
      cursors: runtime.cursors,
      quotas: runtime.quotaCounter,
    };
    const run = async (extra: Partial<ToolContext<Deps>>) => {
      const outcome = await runHandler(tool, args, { ...ctx, ...extra });
      if (outcome.truncated) runtime.metrics.truncated(tool.name);
      return outcome.result;
    };
    if (tool.kind !== 'mutating' || args.dry_run === true || requestId === undefined) return await run({});
    const key = idempotencyKey(runtime.serverName, tool.name, origin.principal, requestId);
    return await runIdempotently({
      store: runtime.idempotencyStore,
      key,
      requestId,
      args,
      leaseMs: tool.mutation.leaseMs,
      retentionMs: tool.mutation.retentionMs,
      logger,
      execute: (takeover) => run({ idempotency: { key, takeover } }),
      renderFailure: (error) => errorResult(error, { correlationId, requestId }),
      onOutcome: (outcome) => runtime.metrics.idempotency(tool.name, outcome),
    });
  } catch (error) {
    return toErrorResult(abortAware(error, call, tool.kind), { correlationId, requestId, logger });
  } finally {
    unregister?.();
    call.dispose();
    runtime.inFlightCalls -= 1;
    runtime.metrics.inFlight(-1);
  }
}

function readRequestId(args: unknown): string | undefined {
  const value = (args as { request_id?: unknown } | null | undefined)?.request_id;
  return typeof value === 'string' && value.length <= 128 ? value : undefined;
}
