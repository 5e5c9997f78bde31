/** The built bin over Streamable HTTP: both protocol eras without sessions, guard rails, health, graceful SIGTERM. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  Client,
  PROTOCOL_VERSION_META_KEY,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-calculator-server.js', import.meta.url));
const MODERN = '2026-07-28';
const ERROR_META_KEY = 'io.bulkhead/error';

interface RunningServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: URL;
  stderr(): string;
  waitForLog(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcessWithoutNullStreams>();
function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/** Starts the bin on an ephemeral port and reads the URL from its `serving Streamable HTTP` log line. */
async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['MCP_TRANSPORT', 'HOST', 'PORT', 'NODE_OPTIONS'].includes(key)) childEnv[key] = value;
  }
  const child = spawn(process.execPath, [BIN, '--transport', 'http', '--port', '0'], {
    env: { ...childEnv, LOG_LEVEL: 'info', ...env },
    stdio: 'pipe',
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  const logs = (): Array<Record<string, unknown>> =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const waitForLog = async (msg: string): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 8_000;
    for (;;) {
      const line = logs().find((l) => l.msg === msg);
      if (line) return line;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`no "${msg}" log line; stderr so far:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const serving = await waitForLog('serving Streamable HTTP');
  const url = new URL(String(serving.url));
  expect(url.hostname).toBe('127.0.0.1');
  expect(url.pathname).toBe('/mcp');
  expect(Number(url.port)).toBeGreaterThan(0);
  return { child, url, stderr: () => stderr, waitForLog, exited };
}

/** The per-request envelope a 2026-07-28 client puts in `_meta`. */
const MODERN_META = {
  [PROTOCOL_VERSION_META_KEY]: MODERN,
  [CLIENT_INFO_META_KEY]: { name: 'raw-e2e', version: '1.0.0' },
  [CLIENT_CAPABILITIES_META_KEY]: {},
};

function modernHeaders(method: string, name?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': MODERN,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}

function modernCall(id: number, args: Record<string, unknown>): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'calculate', arguments: args, _meta: MODERN_META },
  });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http with a fresh connection per request: fetch cannot forge Host, and a pooled socket would blur shutdown. */
function rawRequest(
  url: URL,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function postJson(url: URL, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

/** A JSON-RPC error body (never HTML) with the given code. */
function expectJsonRpcError(response: { text: string }, contentType: string | null, code: number) {
  expect(contentType).toContain('application/json');
  expect(response.text.trimStart().startsWith('<')).toBe(false);
  const body = JSON.parse(response.text) as { jsonrpc: string; error: { code: number; message: string } };
  expect(body).toMatchObject({ jsonrpc: '2.0', error: { code } });
  return body;
}

describe('HTTP: one server for the stateless request tests', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => {
    killAll();
  });

  it('serves a 2026-07-28 client: server/discover, then tools/call, with no session', async () => {
    const seen: Array<{ method: string | null; sessionHeader: string | null; status: number }> = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      seen.push({
        method: new Headers(init?.headers).get('mcp-method'),
        sessionHeader: response.headers.get('mcp-session-id'),
        status: response.status,
      });
      return response;
    };
    const client = new Client({ name: 'e2e-v2', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    try {
      await client.connect(new StreamableHTTPClientTransport(server.url, { fetch: recordingFetch }));
      expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
      const result = await client.callTool({ name: 'calculate', arguments: { operation: 'add', x: 0.1, y: 0.2 } });
      expect(result.structuredContent).toEqual({ result: '0.3', exact: true });
      const failed = await client.callTool({ name: 'calculate', arguments: { operation: 'modulo', x: 1, y: 0 } });
      expect(failed.isError).toBe(true);
      expect(failed._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'DIVISION_BY_ZERO' });
    } finally {
      await client.close();
    }
    expect(seen.map((s) => s.method)).toEqual(['server/discover', 'tools/call', 'tools/call']);
    expect(seen.every((s) => s.status === 200 && s.sessionHeader === null)).toBe(true);
  });

  it('answers a raw server/discover and a raw tools/call with no session header', async () => {
    const discover = await postJson(
      server.url,
      JSON.stringify({ jsonrpc: '2.0', id: 'discover-1', method: 'server/discover', params: { _meta: MODERN_META } }),
      modernHeaders('server/discover'),
    );
    expect(discover.status).toBe(200);
    expect(discover.headers.get('mcp-session-id')).toBeNull();
    const discovered = JSON.parse(discover.text) as { id: string; result: Record<string, unknown> };
    expect(discovered.id).toBe('discover-1');
    expect(discovered.result.supportedVersions).toContain(MODERN);
    expect(discovered.result.capabilities).toMatchObject({ tools: {} });

    const call = await postJson(server.url, modernCall(2, { operation: 'divide', x: 1, y: 8 }), {
      ...modernHeaders('tools/call', 'calculate'),
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('mcp-session-id')).toBeNull();
    expect(JSON.parse(call.text)).toMatchObject({
      jsonrpc: '2.0',
      id: 2,
      result: { structuredContent: { result: '0.125', exact: true } },
    });

    const failing = await postJson(server.url, modernCall(3, { operation: 'divide', x: 1, y: 0 }), {
      ...modernHeaders('tools/call', 'calculate'),
    });
    expect(failing.status).toBe(200);
    const failed = JSON.parse(failing.text) as {
      result: { isError: boolean; _meta: Record<string, { code: string }> };
    };
    expect(failed.result.isError).toBe(true);
    expect(failed.result._meta[ERROR_META_KEY]?.code).toBe('DIVISION_BY_ZERO');
  });

  it('serves an old-era client (initialize, then tools/call) without a session id', async () => {
    const client = new V1Client({ name: 'e2e-v1', version: '1.0.0' });
    const transport = new V1StreamableHTTPClientTransport(server.url);
    try {
      await client.connect(transport);
      expect(transport.sessionId).toBeUndefined();
      expect(client.getServerVersion()?.name).toBe('bulkhead-calculator');
      const result = await client.callTool({
        name: 'evaluate_expression',
        arguments: { expression: '(2 + 3) * sqrt(16) / 4' },
      });
      expect(result.structuredContent).toMatchObject({ result: '5', exact: true });
      const invalid = await client.callTool({ name: 'batch_calculate', arguments: { operations: [] } });
      expect(invalid.isError).toBe(true);
      expect((invalid._meta as Record<string, { code: string }> | undefined)?.[ERROR_META_KEY]?.code).toBe(
        'INVALID_ARGUMENT',
      );
    } finally {
      await client.close();
    }
  });

  it('refuses a forged Host (DNS rebinding) and a forged Origin with 403 and a JSON-RPC error', async () => {
    const body = modernCall(4, { operation: 'add', x: 1, y: 1 });
    for (const host of ['evil.example', `evil.example:${server.url.port}`]) {
      const forged = await rawRequest(server.url, {
        method: 'POST',
        headers: { ...modernHeaders('tools/call', 'calculate'), host },
        body,
      });
      expect(forged.status, host).toBe(403);
      expectJsonRpcError(forged, String(forged.headers['content-type']), -32600);
    }
    const origin = await postJson(server.url, body, {
      ...modernHeaders('tools/call', 'calculate'),
      origin: 'http://evil.example',
    });
    expect(origin.status).toBe(403);
    expectJsonRpcError(origin, origin.headers.get('content-type'), -32600);

    const allowed = await postJson(server.url, body, {
      ...modernHeaders('tools/call', 'calculate'),
      origin: `http://localhost:${server.url.port}`,
    });
    expect(allowed.status).toBe(200);
  });

  it('answers a batch, an oversized body, bad JSON and 100-deep JSON with JSON-RPC errors, not HTML', async () => {
    const call = modernCall(5, { operation: 'add', x: 1, y: 1 });
    const batch = await postJson(server.url, `[${call},${call}]`, modernHeaders('tools/call', 'calculate'));
    expect(batch.status).toBe(400);
    expect(expectJsonRpcError(batch, batch.headers.get('content-type'), -32600).error.message).toContain('batch');

    const oversized = JSON.stringify({
      jsonrpc: '2.0',
      id: 6,
      method: 'tools/call',
      params: { name: 'evaluate_expression', arguments: { expression: '1'.repeat(300 * 1024) }, _meta: MODERN_META },
    });
    expect(Buffer.byteLength(oversized)).toBeGreaterThan(256 * 1024);
    const big = await postJson(server.url, oversized, modernHeaders('tools/call', 'evaluate_expression'));
    expect(big.status).toBe(413);
    expectJsonRpcError(big, big.headers.get('content-type'), -32600);

    const broken = await postJson(server.url, '{"jsonrpc":"2.0","id":7,', modernHeaders('tools/call'));
    expect(broken.status).toBe(400);
    expectJsonRpcError(broken, broken.headers.get('content-type'), -32700);

    const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const deepBody = `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"calculate","arguments":${deep}}}`;
    const tooDeep = await postJson(server.url, deepBody, modernHeaders('tools/call', 'calculate'));
    expect(tooDeep.status).toBe(400);
    const deepError = expectJsonRpcError(tooDeep, tooDeep.headers.get('content-type'), -32600);
    expect(deepError).toMatchObject({ id: 8 });
    expect(deepError.error.message).toContain('nesting deeper than 32');
  });

  it('answers /healthz and /readyz with 200, and unknown paths with a JSON 404', async () => {
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(new URL('/readyz', server.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', dependencies: {} });
    const missing = await fetch(new URL('/nope', server.url));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });
});

describe('HTTP: graceful SIGTERM', () => {
  afterEach(() => {
    killAll();
  });

  it('finishes an in-flight (slowly uploaded) call, turns readiness off, and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: '5000' });
    const before = await rawRequest(new URL('/readyz', server.url));
    expect(before.status).toBe(200);

    const body = modernCall(9, { operation: 'multiply', x: 6, y: 7 });
    const half = Math.floor(body.length / 2);
    const upload = request(server.url, {
      method: 'POST',
      agent: false,
      headers: { ...modernHeaders('tools/call', 'calculate'), 'content-length': String(Buffer.byteLength(body)) },
    });
    const response = new Promise<RawResponse>((resolve, reject) => {
      upload.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      upload.on('error', reject);
    });
    upload.flushHeaders();
    upload.write(body.slice(0, half));
    // Let the server see the request line and the first half before the signal arrives.
    await new Promise((r) => setTimeout(r, 250));

    server.child.kill('SIGTERM');
    const draining = await server.waitForLog('draining in-flight requests');
    expect(draining).toMatchObject({ in_flight: 1, grace_ms: 5000 });
    await new Promise((r) => setTimeout(r, 200));

    // Readiness is off during the drain: a new connection is refused (the listener is closed) or answered 503.
    const probe = await rawRequest(new URL('/readyz', server.url)).then(
      (r) => ({ status: r.status, refused: false }),
      (error: NodeJS.ErrnoException) => ({ status: 0, refused: error.code === 'ECONNREFUSED' }),
    );
    expect(probe.refused || probe.status === 503, JSON.stringify(probe)).toBe(true);
    expect(server.child.exitCode).toBeNull();

    upload.end(body.slice(half));
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text)).toMatchObject({
      jsonrpc: '2.0',
      id: 9,
      result: { structuredContent: { result: '42', exact: true } },
    });
    expect((JSON.parse(answered.text) as { result: { isError?: boolean } }).result.isError).toBeUndefined();

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain('"msg":"shutting down"');
    await expect(rawRequest(new URL('/healthz', server.url))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
