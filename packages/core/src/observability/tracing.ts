/** OpenTelemetry spans per tool call through @opentelemetry/api: a no-op until a tracer provider is registered. */
import { context, type Span, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';

const tracer = () => trace.getTracer('@bulkhead/core');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Runs `work` inside a span `tools/call <tool>`, parented on a W3C `traceparent` when the request carried one. */
export function withToolSpan<T>(
  server: string,
  tool: string,
  traceparent: string | undefined,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = parentContext(traceparent);
  return tracer().startActiveSpan(
    `tools/call ${tool}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'mcp.method.name': 'tools/call', 'mcp.tool.name': tool, 'mcp.server': server },
    },
    parent,
    async (span) => {
      try {
        return await work(span);
      } finally {
        span.end();
      }
    },
  );
}

/** Records a call's outcome on its span. */
export function recordOutcome(span: Span, outcome: { isError: boolean; code: string; correlationId: string }): void {
  span.setAttribute('bulkhead.correlation_id', outcome.correlationId);
  span.setAttribute('bulkhead.outcome', outcome.isError ? 'error' : 'ok');
  if (outcome.isError) {
    span.setAttribute('error.type', outcome.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.code });
  }
}

function parentContext(traceparent: string | undefined) {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim().toLowerCase()) : null;
  if (!match?.[1] || !match[2] || !match[3]) return context.active();
  const traceFlags = Number.parseInt(match[3], 16) & TraceFlags.SAMPLED;
  return trace.setSpanContext(context.active(), { traceId: match[1], spanId: match[2], traceFlags, isRemote: true });
}
