/** `harness dev`: the simulator and every server on embedded defaults, a status table, Ctrl-C stops all. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startKubeSim } from '@bulkhead/kube-sim';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { prefix, progress, table } from '../log.js';
import { connect } from '../mcp-clients.js';
import { clearRunning, writeRunning } from '../running-state.js';
import { SERVERS } from '../servers.js';
import { type ManagedServer, startServer, stopServers } from '../supervisor.js';
import { missingBins, STATE_DIR } from '../workspace.js';

/** Options of `harness dev`. */
export interface DevOptions {
  /** `auto` picks free ports (tests, two harnesses side by side); `default` uses 8701–8703. */
  readonly ports: 'default' | 'auto';
}

/** Runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function runDev(options: DevOptions): Promise<number> {
  const missing = missingBins(SERVERS.map((s) => s.bin));
  if (missing.length > 0) {
    process.stderr.write(
      `harness: not built: ${missing.join(', ')}; run \`./run dev\` (it builds first) or \`./run build\`\n`,
    );
    return 1;
  }
  mkdirSync(join(STATE_DIR, 'kube-sim'), { recursive: true });
  progress('starting the local Kubernetes API server (kube-sim) with its demo namespace ...');
  const sim = await startKubeSim({ scenario: 'demo', kubeconfigPath: join(STATE_DIR, 'kube-sim', 'kubeconfig') });
  progress(`kube-sim at ${sim.url}; kubeconfig ${sim.kubeconfigPath}`);
  progress('starting calculator, billing (PGlite with demo data) and k8s over Streamable HTTP ...');
  const onCrash = (name: string, code: number | null, signal: NodeJS.Signals | null) =>
    process.stderr.write(
      `${prefix('harness')} ${name} stopped unexpectedly (code ${code}, signal ${signal}); the others keep running\n`,
    );
  const started = await Promise.allSettled(
    SERVERS.map((spec) =>
      startServer({
        name: spec.name,
        bin: spec.bin,
        port: options.ports === 'auto' ? 0 : spec.defaultPort,
        env: spec.env({ kubeconfigPath: sim.kubeconfigPath }),
        onCrash,
      }),
    ),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const failure of started) {
    if (failure.status === 'rejected') process.stderr.write(`${prefix('harness')} ${String(failure.reason)}\n`);
  }
  writeRunning({
    pid: process.pid,
    servers: servers.map((s) => ({ name: s.name, url: s.url.href })),
    kubeconfigPath: sim.kubeconfigPath,
  });
  process.stdout.write(`\n${await statusTable(servers)}\n\n`);
  process.stdout.write(
    'Connect a client: `./run harness config --client claude-desktop` (or claude-code, cursor, vscode).\n' +
      'Check them: `./run harness smoke`, `./run harness conformance`. Ctrl-C stops everything.\n',
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  progress(`${signal}: stopping every server ...`);
  await stopServers(servers);
  await sim.close();
  clearRunning();
  progress('stopped');
  return 0;
}

async function statusTable(servers: readonly ManagedServer[]): Promise<string> {
  const rows = await Promise.all(
    SERVERS.map(async (spec) => {
      const server = servers.find((s) => s.name === spec.name);
      if (!server) return [spec.name, '-', '-', '-', 'not running'];
      const readiness = await fetch(new URL('/readyz', server.url))
        .then(async (r) => ((await r.json()) as { status: string }).status)
        .catch(() => 'unreachable');
      const client = await connect(server.url, 'v2 (2026-07-28)');
      try {
        const listing = await client.listTools();
        const tokens = countTokens(JSON.stringify({ tools: listing.tools }));
        return [spec.name, server.url.href, String(listing.tools.length), String(tokens), readiness];
      } finally {
        await client.close();
      }
    }),
  );
  return table(['server', 'url', 'tools', 'tools/list tokens', 'health'], rows);
}
