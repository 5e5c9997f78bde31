/** The HTTP fast path answers valid 2026-07-28 tools/call and tools/list exactly as the SDK path would. */
import { createMcpHandler, type McpHttpHandler, type McpServerFactory } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposedServer } from '../server/compose-server.js';
import { createFixtureServer } from '../test-support/fixture-server.js';
import { captureLogger } from '../testing/capture-logger.js';
import { type HttpServerHandle, serveHttp } from './serve-http.js';

let handle: HttpServerHandle | undefined;
let sdkPath: McpHttpHandler | undefined;
afterEach(async () => {
  await sdkPath?.close();
  await handle?.shutdown();
  handle = undefined;
});

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** Serves the fixture and counts SDK server instances, which only the SDK path builds. */
async function start() {
  const { server } = createFixtureServer({ logger: captureLogger().logger });
  sdkPath = createMcpHandler(server.factory);
  let built = 0;
  const factory: McpServerFactory = (ctx) => {
    built += 1;
    return server.factory(ctx);
  };
  const counted: ComposedServer = { ...server, factory, listTools: server.listTools, runTool: server.runTool };
  handle = await serveHttp(counted, { host: '127.0.0.1', port: 0 });
  return { url: handle.url, built: () => built };
}

async function post(url: URL, body: Record<string, unknown>, headers: Record<string, string>, viaSdk = false) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', ...body }),
  };
  const response = viaSdk && sdkPath ? await sdkPath.fetch(new Request(url, init)) : await fetch(url, init);
  const text = await response.text();
  const json = text.startsWith('event:')
    ? text
        .split('\n')
        .find((l) => l.startsWith('data:'))
        ?.slice(5)
    : text;
  return { status: response.status, message: JSON.parse(json ?? '{}') as Record<string, unknown> };
}

const call = (id: number, name: string, args: Record<string, unknown>) => ({
  id,
  method: 'tools/call',
  params: { name, arguments: args, _meta: META },
});
const modern = (method: string, name?: string) => ({
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': method,
  ...(name ? { 'mcp-name': name } : {}),
});

describe('direct answers to 2026-07-28 tools/call and tools/list', () => {
  it('answers without building an SDK server, with the same result the SDK path gives', async () => {
    const { url, built } = await start();
    const direct = await post(url, call(1, 'echo', { message: 'hi' }), modern('tools/call', 'echo'));
    expect(built()).toBe(0);
    // The same request through the SDK's own handler, in process: the reference answer.
    const viaSdk = await post(url, call(1, 'echo', { message: 'hi' }), modern('tools/call', 'echo'), true);
    expect(viaSdk.status).toBe(200);
    expect(direct.status).toBe(200);
    expect(direct.message).toEqual(viaSdk.message);
    expect(direct.message).toMatchObject({
      id: 1,
      result: {
        structuredContent: { echoed: 'hi' },
        resultType: 'complete',
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'bulkhead-fixture' } },
      },
    });
  });

  it('answers tools/list like the SDK, and error results keep their envelope', async () => {
    const { url, built } = await start();
    const list = await post(url, { id: 2, method: 'tools/list', params: { _meta: META } }, modern('tools/list'));
    expect(built()).toBe(0);
    const listViaSdk = await post(
      url,
      { id: 2, method: 'tools/list', params: { _meta: META } },
      modern('tools/list'),
      true,
    );
    expect(list.message).toEqual(listViaSdk.message);
    expect(list.message).toMatchObject({ result: { resultType: 'complete', ttlMs: 0, cacheScope: 'private' } });
    expect((list.message.result as { tools: unknown[] }).tools).toHaveLength(7);
    const failed = await post(url, call(3, 'fail', { how: 'domain' }), modern('tools/call', 'fail'));
    expect(failed.message).toMatchObject({
      result: {
        isError: true,
        _meta: { 'io.bulkhead/error': { code: 'WIDGET_MISSING' }, 'io.modelcontextprotocol/serverInfo': {} },
      },
    });
  });

  it('leaves unknown tools and mismatched headers to the SDK, which rejects them', async () => {
    const { url, built } = await start();
    const unknown = await post(url, call(4, 'nope', {}), modern('tools/call', 'nope'));
    expect(unknown.message).toMatchObject({ error: { code: -32602 } });
    const mismatch = await post(url, call(5, 'echo', { message: 'x' }), modern('tools/call', 'slow'));
    expect(mismatch.status).toBe(400);
    expect(built()).toBeGreaterThan(0);
  });

  it('cancels the handler when the client closes the stream', async () => {
    const { url } = await start();
    const controller = new AbortController();
    const pending = fetch(url, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...modern('tools/call', 'slow'),
      },
      body: JSON.stringify({ jsonrpc: '2.0', ...call(6, 'slow', { ms: 10_000 }) }),
    });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    // The slow handler was aborted, so the process holds no call: a fresh call is not shed or delayed.
    await expect
      .poll(async () =>
        (await fetch(new URL('/metrics', url)).then((r) => r.text())).includes(
          'bulkhead_tool_calls_in_flight{server="fixture"} 0',
        ),
      )
      .toBe(true);
  });
});
