/** Metrics, traces and load shedding over real HTTP, through the fixture server. */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServerHandle, serveHttp } from '../node/serve-http.js';
import type { RuntimeOptions } from '../server/runtime.js';
import { postRpc, toolCall } from '../test-support/fixture-process.js';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { captureLogger } from '../testing/capture-logger.js';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
});

let handle: HttpServerHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

async function start(runtime: RuntimeOptions = {}) {
  const capture = captureLogger();
  const { server } = createFixtureServer({ logger: capture.logger, ...runtime });
  handle = await serveHttp(server, { host: '127.0.0.1', port: 0 });
  return { url: handle.url, lines: capture.lines };
}

function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics', () => {
  it('shows exactly the calls that were made, by tool, outcome and code', async () => {
    const { url } = await start();
    for (let i = 0; i < 3; i += 1) await postRpc(url, toolCall(i, 'echo', { message: 'hi' }));
    await postRpc(url, toolCall(10, 'fail', { how: 'domain' }));
    await postRpc(url, toolCall(11, 'echo', { message: 'hi', colour: 'red' }));
    const args = { label: 'm', request_id: 'metrics-request-1' };
    await postRpc(url, toolCall(12, 'record_effect', args));
    await postRpc(url, toolCall(13, 'record_effect', args));
    const text = await (await fetch(new URL('/metrics', url))).text();
    const calls = 'bulkhead_tool_calls_total';
    expect(metricValue(text, calls, { tool: 'echo', outcome: 'ok', code: 'none' })).toBe(3);
    expect(metricValue(text, calls, { tool: 'echo', outcome: 'error', code: 'INVALID_ARGUMENT' })).toBe(1);
    expect(metricValue(text, calls, { tool: 'fail', outcome: 'error', code: 'WIDGET_MISSING' })).toBe(1);
    expect(metricValue(text, calls, { tool: 'record_effect', outcome: 'ok', code: 'none' })).toBe(2);
    const idem = 'bulkhead_idempotency_outcomes_total';
    expect(metricValue(text, idem, { tool: 'record_effect', outcome: 'executed' })).toBe(1);
    expect(metricValue(text, idem, { tool: 'record_effect', outcome: 'replayed' })).toBe(1);
    expect(metricValue(text, 'bulkhead_tool_call_duration_seconds_count', { tool: 'echo' })).toBe(4);
    expect(metricValue(text, 'bulkhead_tool_calls_in_flight', { server: 'fixture' })).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('writes an audit line for every mutating call, without its arguments', async () => {
    const { url, lines } = await start();
    await postRpc(url, toolCall(1, 'record_effect', { label: 'secret-label', request_id: 'audit-request-1' }));
    const audit = lines.filter((l) => l.log_type === 'audit');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      tool: 'record_effect',
      request_id: 'audit-request-1',
      principal: 'anonymous',
      outcome: 'ok',
    });
    expect(audit[0]?.correlation_id).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(audit[0])).not.toContain('secret-label');
  });
});

describe('tracing', () => {
  it('records a span per tool call, parented on the traceparent in _meta', async () => {
    const { url } = await start();
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const message = toolCall(1, 'echo', { message: 'traced' });
    (message.params as Record<string, unknown>)._meta = { traceparent: `00-${traceId}-${parentId}-01` };
    await postRpc(url, message);
    const spans = exporter.getFinishedSpans().filter((s) => s.name === 'tools/call echo');
    expect(spans).toHaveLength(1);
    expect(spans[0]?.spanContext().traceId).toBe(traceId);
    expect(spans[0]?.parentSpanContext?.spanId).toBe(parentId);
    expect(spans[0]?.attributes).toMatchObject({ 'mcp.tool.name': 'echo', 'bulkhead.outcome': 'ok' });
  });
});

describe('load shedding', () => {
  it('with a cap of 4 and 20 concurrent slow calls: 4 run, 16 are shed at once, none time out', async () => {
    const { url } = await start({ maxConcurrentCalls: 4 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postRpc(url, toolCall(i, 'slow', { ms: 800 }))),
    );
    const codes = answers.map(
      (a) => (a.message.result?._meta?.['io.bulkhead/error'] as { code?: string } | undefined)?.code,
    );
    expect(codes.filter((c) => c === undefined)).toHaveLength(4);
    expect(codes.filter((c) => c === 'OVERLOADED')).toHaveLength(16);
    expect(codes).not.toContain('TIMEOUT');
  });
});
