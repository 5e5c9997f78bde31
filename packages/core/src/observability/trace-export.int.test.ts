/** A real process exports its tool-call spans over OTLP/HTTP to a collector on loopback. */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureBin, startFixtureProcess, toolCall } from '../test-support/fixture-process.js';

let collector: Server;
const received: Array<{ path: string; body: string }> = [];

beforeAll(async () => {
  await buildFixtureBin();
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('latin1') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(() => new Promise((resolve) => collector.close(resolve)));

describe('OTLP trace export', () => {
  it('sends a span per tool call, with the incoming trace id, when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const server = await startFixtureProcess({
      EFFECT_LOG: join(mkdtempSync(join(tmpdir(), 'bulkhead-otel-')), 'effects.jsonl'),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'fixture-under-test',
    });
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const message = toolCall(1, 'echo', { message: 'traced' });
    (message.params as Record<string, unknown>)._meta = { traceparent: `00-${traceId}-b7ad6b7169203331-01` };
    const answer = await server.rpc(message);
    expect(answer.message.result?.isError).toBeFalsy();
    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const body = traces.map((t) => t.body).join('\n');
    expect(body).toContain('tools/call echo');
    expect(body).toContain('fixture-under-test');
    // JSON carries the trace id as hex; protobuf as its 16 raw bytes.
    const rawTraceId = Buffer.from(traceId, 'hex').toString('latin1');
    expect(body.includes(traceId) || body.includes(rawTraceId)).toBe(true);
  });
});
