import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { captureLogger } from '../testing/capture-logger.js';
import { type HttpServerHandle, serveHttp } from './serve-http.js';

let handle: HttpServerHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
});

let logLines: Array<Record<string, unknown>> = [];

async function start() {
  const capture = captureLogger();
  logLines = capture.lines;
  const { server } = createFixtureServer({ logger: capture.logger });
  handle = await serveHttp(server, { host: '127.0.0.1', port: 0, shutdownGraceMs: 5_000 });
  return handle;
}

function post(url: URL, body: string, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body,
  });
}

/** fetch cannot forge a Host header (it is a forbidden header), so this uses node:http directly. */
function rawPost(url: URL, body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const callEcho = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'echo', arguments: { message: 'x' } },
});

describe('serveHttp', () => {
  it('serves a 2026-07-28 client (server/discover, then tools/call) without a session', async () => {
    const { url } = await start();
    const client = new Client({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(url));
    const result = await client.callTool({ name: 'echo', arguments: { message: 'modern' } });
    expect(result.structuredContent).toEqual({ echoed: 'modern' });
    await client.close();
  });

  it('serves an old-era client (initialize, then tools/call) statelessly', async () => {
    const { url } = await start();
    const client = new V1Client({ name: 't', version: '1' });
    const transport = new V1Transport(url);
    await client.connect(transport);
    expect(transport.sessionId).toBeUndefined();
    const result = await client.callTool({ name: 'echo', arguments: { message: 'legacy' } });
    expect(result.structuredContent).toEqual({ echoed: 'legacy' });
    await client.close();
  });

  it('answers health and readiness', async () => {
    const { url } = await start();
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    const ready = await fetch(new URL('/readyz', url));
    expect(await ready.json()).toEqual({ status: 'ready', dependencies: {} });
  });

  it('refuses a forged Host or Origin with 403', async () => {
    const { url } = await start();
    const host = await rawPost(url, callEcho, { host: 'evil.example' });
    expect(host.status).toBe(403);
    expect(host.json).toMatchObject({ error: { code: -32600 } });
    const rebound = await rawPost(url, callEcho, { host: `evil.example:${url.port}` });
    expect(rebound.status).toBe(403);
    const origin = await post(url, callEcho, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
  });

  it('answers batches, oversized bodies, bad JSON and deep JSON with JSON-RPC errors', async () => {
    const { url } = await start();
    const batch = await post(url, `[${callEcho},${callEcho}]`);
    expect(batch.status).toBe(400);
    expect(await batch.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });

    const big = await post(
      url,
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping', params: { pad: 'x'.repeat(300_000) } }),
    );
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/json');
    expect(await big.json()).toMatchObject({ error: { code: -32600 } });

    const broken = await post(url, '{"jsonrpc":');
    expect(await broken.json()).toMatchObject({ error: { code: -32700 } });

    const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const deepBody = `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":${deep}}}`;
    const tooDeep = await post(url, deepBody);
    expect(tooDeep.status).toBe(400);
    expect(await tooDeep.json()).toMatchObject({ id: 3, error: { code: -32600 } });

    const wide = JSON.stringify({
      jsonrpc: '2.0',
      id: 4,
      method: 'ping',
      params: { list: Array.from({ length: 2000 }, () => 1) },
    });
    expect(await (await post(url, wide)).json()).toMatchObject({
      error: { message: expect.stringContaining('more than 1000 elements') },
    });
  });

  it('aborts the handler when the client closes the response stream', async () => {
    const { url } = await start();
    const client = new Client({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(url));
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow', arguments: { ms: 10_000 } }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(call).rejects.toThrow();
    // Had the handler not seen its signal abort, it would finish its wait and log a success.
    await expect
      .poll(() => logLines.find((l) => l.tool === 'slow' && l.msg === 'tool call'), { timeout: 3_000 })
      .toMatchObject({
        is_error: true,
      });
    await client.close();
  });

  it('lets an in-flight call finish during shutdown, and turns readiness off', async () => {
    const server = await start();
    const client = new Client({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StreamableHTTPClientTransport(server.url));
    const slow = client.callTool({ name: 'slow', arguments: { ms: 400 } });
    await new Promise((r) => setTimeout(r, 100));
    const stopping = server.shutdown();
    const result = await slow;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ waited: 400 });
    await stopping;
    await expect(fetch(new URL('/healthz', server.url))).rejects.toThrow();
    handle = undefined;
  });
});
