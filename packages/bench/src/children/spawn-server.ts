/** Starts an HTTP server in its own child process (so it never shares the load generator's event loop). */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What to run: `node <args...>`; `{port}` in args is replaced by the chosen port. */
export interface ServerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** Where the child's stderr (its log) goes. */
  readonly logFile: string;
  /** Milliseconds to wait for /healthz. */
  readonly startTimeoutMs?: number;
}

/** A running child server. */
export interface RunningServer {
  readonly name: string;
  readonly pid: number;
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Spawns the server on a free loopback port and resolves once /healthz answers 200. */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const port = await freePort();
  const log = openSync(spec.logFile, 'w');
  const child = spawn(
    process.execPath,
    spec.args.map((a) => a.replace('{port}', String(port))),
    { stdio: ['ignore', 'ignore', log], env: { ...process.env, ...spec.env } },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: spawn failed`);
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(child, `${base}/healthz`, spec.startTimeoutMs ?? 20_000, spec);
  return { name: spec.name, pid, url: `${base}/mcp`, logFile: spec.logFile, stop: () => stopChild(child) };
}

async function waitHealthy(child: ChildProcess, url: string, timeoutMs: number, spec: ServerSpec): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode}; see ${spec.logFile}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(50);
  }
  await stopChild(child);
  throw new Error(`${spec.name} not healthy within ${timeoutMs} ms; see ${spec.logFile}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
