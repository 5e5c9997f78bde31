/** Builds the fixture bin once and runs it as real HTTP server processes, for multi-replica tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/** Bundles `fixture-bin.ts` (and core) into one ESM file in a temporary directory. */
export function buildFixtureBin(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'bulkhead-fixture-')), 'fixture-bin.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./fixture-bin.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      logLevel: 'error',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    return outfile;
  })();
  return bundled;
}

/** A running fixture server process. */
export interface FixtureProcess {
  readonly url: URL;
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  /** Posts one JSON-RPC message (no session, old-era framing) and returns the parsed response message. */
  rpc(message: Record<string, unknown>): Promise<{ raw: string; message: RpcResponse }>;
  kill(signal?: NodeJS.Signals): void;
}

/** A JSON-RPC response as the tests read it. */
export interface RpcResponse {
  id?: unknown;
  result?: { isError?: boolean; structuredContent?: Record<string, unknown>; _meta?: Record<string, unknown> };
  error?: { code: number; message: string };
}

/** Starts the fixture over HTTP on a free port and resolves once it serves. */
export async function startFixtureProcess(env: Record<string, string>): Promise<FixtureProcess> {
  const bin = await buildFixtureBin();
  const child = spawn(process.execPath, [bin, '--transport', 'http', '--port', '0'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fixture did not start: ${stderr}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /"url":"(http:[^"]+)"/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    void exited.then(() => reject(new Error(`fixture exited: ${stderr}`)));
  });
  return {
    url,
    child,
    exited,
    stderr: () => stderr,
    rpc: (message) => postRpc(url, message),
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Posts one message and reads the single JSON-RPC response from a JSON or SSE body. */
export async function postRpc(
  url: URL,
  message: Record<string, unknown>,
): Promise<{ raw: string; message: RpcResponse }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
  const text = await response.text();
  const raw = text.startsWith('event:') || text.startsWith('data:') ? sseData(text) : text;
  return { raw, message: raw ? (JSON.parse(raw) as RpcResponse) : {} };
}

function sseData(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .join('');
}

/** A tools/call message. */
export function toolCall(id: number | string, name: string, args: Record<string, unknown>): Record<string, unknown> {
  return { id, method: 'tools/call', params: { name, arguments: args } };
}
