/** The built bin over stdio: both SDK client lines, a raw JSON-RPC session whose stdout is only JSON-RPC, and the CLI. */
import { type ChildProcess, type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/bin/mcp-calculator-server.js', import.meta.url));
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const ERROR_META_KEY = 'io.bulkhead/error';

/** The child's environment without the serving settings of whoever runs the tests. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['MCP_TRANSPORT', 'HOST', 'PORT', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(key)) {
      env[key] = value;
    }
  }
  return { ...env, ...extra };
}

/** Every process a test spawned itself; whatever is still running afterwards is killed. */
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
});

beforeAll(() => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first (turbo's test task depends on build)`).toBe(
    true,
  );
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin to completion with stdin closed. */
function runBin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: cleanEnv(env), timeout: 10_000 },
      (error, stdout, stderr) => {
        resolve({ code: child.exitCode, signal: error?.signal ?? null, stdout, stderr });
      },
    );
    children.add(child);
    child.stdin?.end();
  });
}

function exited(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function spawnBin(): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [BIN], { env: cleanEnv(), stdio: 'pipe' });
  children.add(child);
  return child;
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('stdio with the v2 client (2026-07-28, versionNegotiation auto)', () => {
  it('negotiates 2026-07-28, lists the tools and calls them', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN], stderr: 'pipe' });
    const client = new Client({ name: 'e2e-v2', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    try {
      await client.connect(transport);
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['batch_calculate', 'calculate', 'evaluate_expression']);

      const sum = await client.callTool({ name: 'calculate', arguments: { operation: 'add', x: 0.1, y: 0.2 } });
      expect(sum.isError).toBeFalsy();
      expect(sum.structuredContent).toEqual({ result: '0.3', exact: true });

      const formula = await client.callTool({ name: 'evaluate_expression', arguments: { expression: '2 ^ 3 ^ 2' } });
      expect(formula.structuredContent).toMatchObject({ result: '512', exact: true });

      const failed = await client.callTool({ name: 'calculate', arguments: { operation: 'divide', x: 1, y: 0 } });
      expect(failed.isError).toBe(true);
      expect(failed._meta?.[ERROR_META_KEY]).toMatchObject({ code: 'DIVISION_BY_ZERO', retryable: false });
    } finally {
      // Closing the client closes the transport, which ends the process it spawned.
      await client.close();
    }
  });
});

describe('stdio with the v1 client (initialize, 2025-era)', () => {
  it('initializes, lists the tools and calls them', async () => {
    const transport = new V1StdioClientTransport({ command: process.execPath, args: [BIN], stderr: 'pipe' });
    const client = new V1Client({ name: 'e2e-v1', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()).toEqual({ name: 'bulkhead-calculator', version: PACKAGE_VERSION });
      expect(client.getServerCapabilities()?.tools).toBeDefined();
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['batch_calculate', 'calculate', 'evaluate_expression']);

      const batch = await client.callTool({
        name: 'batch_calculate',
        arguments: {
          operations: [
            { operation: 'multiply', x: 1.1, y: 1.1 },
            { operation: 'modulo', x: 1, y: 0 },
          ],
        },
      });
      expect(batch.isError).toBeFalsy();
      expect(batch.structuredContent).toMatchObject({ succeeded: 1, failed: 1 });

      const invalid = await client.callTool({
        name: 'calculate',
        arguments: { operation: 'add', x: 1, y: 1, precision: 31 },
      });
      expect(invalid.isError).toBe(true);
      expect((invalid._meta as Record<string, unknown> | undefined)?.[ERROR_META_KEY]).toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    } finally {
      // Closing the client closes the transport, which ends the process it spawned.
      await client.close();
    }
  });
});

describe('stdio, raw', () => {
  it('writes nothing but JSON-RPC to stdout, logs pino JSON to stderr, and exits 0 when stdin closes', async () => {
    const child = spawnBin();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const send = (message: unknown) =>
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    const call = (id: number, name: string, args: Record<string, unknown>) =>
      send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    call(3, 'calculate', { operation: 'add', x: 0.1, y: 0.2 });
    call(4, 'calculate', { operation: 'divide', x: 1, y: 0 });
    call(5, 'calculate', { operation: 'add', x: 1, y: 1, precision: 31 });
    send('this is not json {');
    call(6, 'no_such_tool', {});
    send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    call(8, 'evaluate_expression', { expression: '(1 + 2' });

    const wanted = [1, 2, 3, 4, 5, 6, 7, 8];
    const answered = () =>
      stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          try {
            return [(JSON.parse(l) as { id?: unknown }).id];
          } catch {
            return [];
          }
        });
    const deadline = Date.now() + 8_000;
    while (!wanted.every((id) => answered().includes(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.stdin.end();
    const exit = await exited(child);

    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(stdout.endsWith('\n')).toBe(true);
    const messages = lines.map((line) => {
      let parsed: unknown;
      expect(
        () => {
          parsed = JSON.parse(line);
        },
        `stdout line is not JSON: ${line.slice(0, 200)}`,
      ).not.toThrow();
      expect(parsed, line.slice(0, 200)).toMatchObject({ jsonrpc: '2.0' });
      return parsed as { id?: number; result?: Record<string, unknown>; error?: { code: number } };
    });
    const byId = new Map(messages.filter((m) => m.id !== undefined).map((m) => [m.id, m]));
    expect([...byId.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(wanted);

    expect(byId.get(1)?.result).toMatchObject({
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'bulkhead-calculator', version: PACKAGE_VERSION },
    });
    expect(((byId.get(2)?.result?.tools ?? []) as Array<{ name: string }>).map((t) => t.name)).toEqual([
      'batch_calculate',
      'calculate',
      'evaluate_expression',
    ]);
    expect(byId.get(3)?.result?.structuredContent).toEqual({ result: '0.3', exact: true });
    const divide = byId.get(4)?.result as {
      isError?: boolean;
      _meta?: Record<string, { code: string; correlation_id: string }>;
    };
    expect(divide.isError).toBe(true);
    expect(divide._meta?.[ERROR_META_KEY]?.code).toBe('DIVISION_BY_ZERO');
    expect(byId.get(5)?.result).toMatchObject({
      isError: true,
      _meta: { [ERROR_META_KEY]: { code: 'INVALID_ARGUMENT' } },
    });
    expect(byId.get(6)?.error?.code).toBe(-32602);
    expect(byId.get(7)?.result).toEqual({});
    expect(byId.get(8)?.result).toMatchObject({
      isError: true,
      _meta: { [ERROR_META_KEY]: { code: 'INVALID_EXPRESSION' } },
    });

    const logs = jsonLines(stderr) as Array<Record<string, unknown>>;
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) expect(log).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
    expect(logs.some((l) => l.msg === 'serving stdio')).toBe(true);
    const correlationId = divide._meta?.[ERROR_META_KEY]?.correlation_id;
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'tool call', tool: 'calculate', correlation_id: correlationId, is_error: true }),
    );

    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('exits 0 when stdin closes right after start', async () => {
    const child = spawnBin();
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('serving stdio')) resolve();
      });
    });
    child.stdin.end();
    expect(await exited(child)).toEqual({ code: 0, signal: null });
  });
});

describe('the command line', () => {
  it('--version prints the package version', async () => {
    const run = await runBin(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${PACKAGE_VERSION}\n`);
  });

  it('--help prints usage with the flags and their environment twins, and exits 0', async () => {
    const run = await runBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: mcp-calculator-server');
    expect(run.stdout).toContain('--transport');
    expect(run.stdout).toContain('PORT');
    expect(run.stdout).toContain('CALCULATOR_MEMO_SIZE');
  });

  it('PORT=abc stops with exit code 2 and one stderr line naming PORT', async () => {
    const run = await runBin(['--transport', 'http'], { PORT: 'abc' });
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(lines[0]).toMatch(/^mcp-calculator-server: invalid configuration: /);
    expect(run.stdout).toBe('');
  });
});
