/** Starts server processes, prefixes their logs, reports crashes without taking the others down, stops them all. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { prefix } from './log.js';

/** A server process the supervisor runs. */
export interface ManagedServer {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: URL;
  /** Resolves with how the process ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to start one server. */
export interface StartOptions {
  name: string;
  bin: string;
  port: number;
  env: Record<string, string>;
  /** Called once when the process ends without having been asked to stop. */
  onCrash?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

const stopping = new Set<ChildProcess>();

/** Starts a server over HTTP and resolves with its URL once it logs that it serves. */
export function startServer(options: StartOptions): Promise<ManagedServer> {
  const child = spawn(process.execPath, [options.bin, '--transport', 'http', '--port', String(options.port)], {
    env: { ...process.env, ...options.env, MCP_TRANSPORT: 'http' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping.has(child)) options.onCrash?.(options.name, code, signal);
      resolve({ code, signal });
    }),
  );
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start within 30 s`)), 30_000);
    const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      process.stderr.write(`${prefix(options.name)} ${line}\n`);
      const match = started ? null : /"url":"(http:[^"]+)"[^\n]*"msg":"serving Streamable HTTP"/.exec(line);
      if (match?.[1]) {
        started = true;
        clearTimeout(timer);
        resolve({ name: options.name, child, url: new URL(match[1]), exited });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${options.name} exited with code ${code} before serving`));
    });
  });
}

/** Sends SIGTERM to every server, waits for them (SIGKILL after `graceMs`), and resolves when all are gone. */
export async function stopServers(servers: readonly ManagedServer[], graceMs = 15_000): Promise<void> {
  await Promise.all(
    servers.map(async (server) => {
      if (server.child.exitCode !== null || server.child.signalCode !== null) return;
      stopping.add(server.child);
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
      await server.exited;
      clearTimeout(timer);
    }),
  );
}
