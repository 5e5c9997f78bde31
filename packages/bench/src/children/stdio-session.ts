/** Drives a built bin over stdio with newline-delimited JSON-RPC: spawn, initialize, requests by id. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { cpuSeconds } from '../load/proc-counters.ts';

/** A JSON-RPC answer over stdio. */
interface Answer {
  readonly id?: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { code: number; message: string };
}

/** A bin spoken to over stdio. */
export interface StdioSession {
  readonly pid: number;
  /** Milliseconds from spawn to the answer of the first `tools/list` (sent right after `initialize`). */
  readonly coldStartMs: number;
  /** CPU milliseconds the child used up to that answer (10 ms resolution): steadier than wall time when busy. */
  readonly coldStartCpuMs: number | undefined;
  /** The first `tools/list` result. */
  readonly toolList: Record<string, unknown>;
  /** Sends a request and resolves with its result; rejects on a JSON-RPC error. */
  request(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Spawns `node <bin>` and writes initialize, initialized and tools/list at once, timing the listing. */
export async function openStdioSession(
  bin: string,
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<StdioSession> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...env } });
  const pending = new Map<number, { resolve: (a: Answer) => void }>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    if (typeof answer.id === 'number') pending.get(answer.id)?.resolve(answer);
  });
  let nextId = 0;
  const send = (method: string, params: Record<string, unknown>): Promise<Answer> => {
    nextId += 1;
    const id = nextId;
    const answer = new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${bin}: no answer to ${method} in ${timeoutMs} ms`)), timeoutMs);
      pending.set(id, {
        resolve: (a) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(a);
        },
      });
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return answer;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const unwrap = (a: Answer, method: string) => {
    if (a.error || !a.result) throw new Error(`${method}: ${a.error?.message ?? 'no result'}`);
    return a.result;
  };
  try {
    const init = send('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'bulkhead-bench', version: '0.0.0' },
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const list = unwrap(await send('tools/list', {}), 'tools/list');
    const coldStartMs = performance.now() - started;
    const cpu = child.pid === undefined ? undefined : cpuSeconds(child.pid);
    const coldStartCpuMs = cpu === undefined ? undefined : cpu * 1000;
    unwrap(await init, 'initialize');
    return {
      pid: child.pid ?? 0,
      coldStartMs,
      coldStartCpuMs,
      toolList: list,
      request: async (m, p) => unwrap(await send(m, p), m),
      close,
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
