/**
 * `pnpm --filter @bulkhead/bench profile [calculator|billing-read|billing-mutation]`: CPU-profiles a Bulkhead bin
 * under HTTP load (16 connections, 5 s) and prints what dominates. The billing cases need PostgreSQL and Redis.
 * `--plain` runs the same load without the profiler (its overhead is about 3×) and prints only the figures.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binHttpSpec, builtBin } from './children/servers.ts';
import { startServer } from './children/spawn-server.ts';
import { prepareState } from './infra/state.ts';
import { runLoad } from './load/run-load.ts';
import { categorizeProfile } from './profile/categorize-profile.ts';
import { summarizeProfile } from './profile/summarize-profile.ts';
import { type McpHttpRequest, toolCallRequest } from './request-shape.ts';
import { billingCallRequests, billingSpec, seededCustomers } from './suites/billing-fixture.ts';

const CASES = ['calculator', 'billing-read', 'billing-mutation'] as const;
const which = process.argv[2] ?? 'calculator';
if (!(CASES as readonly string[]).includes(which)) throw new Error(`usage: profile [${CASES.join('|')}]`);

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-profile-'));
const plain = process.argv.includes('--plain');
const profiled = (args: readonly string[]) => (plain ? args : ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...args]);
const state = which === 'calculator' ? undefined : await prepareState();
if (state && 'unavailable' in state) throw new Error(`PostgreSQL/Redis unavailable: ${state.unavailable}`);

let spec: ReturnType<typeof binHttpSpec>;
let request: (n: number) => McpHttpRequest = () => toolCallRequest('calculate', { operation: 'add', x: 0.1, y: 0.2 });
if (which === 'calculator') {
  const bin = builtBin('@bulkhead/mcp-calculator-server', 'mcp-calculator-server');
  if (!bin) throw new Error('build the calculator first (pnpm build)');
  spec = binHttpSpec('calculator', bin, dir);
} else {
  const billing = state && billingSpec(state, dir);
  if (!billing) throw new Error('build billing first (pnpm build)');
  spec = billing;
}
const server = await startServer({ ...spec, args: profiled(spec.args) });
try {
  if (which !== 'calculator') {
    const requests = billingCallRequests(await seededCustomers(server));
    request = which === 'billing-read' ? requests.read : requests.mutation;
  }
  const load = await runLoad({ url: server.url, connections: 16, durationSec: 5, request, pid: server.pid });
  await server.stop();
  const figures = `${which} under 16 connections for 5 s: ${Math.round(load.rps)} req/s, p99 ${load.p99Ms} ms, ${load.cpuUsPerRequest?.toFixed(0)} µs server CPU/req, ${load.syscallsPerRequest?.toFixed(1)} syscalls/req, ${load.dependencyCpuUsPerRequest?.toFixed(0)} µs PostgreSQL+Redis CPU/req, ${load.transportFailures + load.toolFailures} failed`;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (plain || !file) {
    process.stdout.write(`${figures}${plain ? '' : `; no profile written in ${dir}`}\n`);
  } else {
    const summary = summarizeProfile(join(dir, file));
    const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
    process.stdout.write(
      [
        `${figures}; profile ${join(dir, file)} (${Math.round(summary.totalMs)} ms sampled)`,
        '',
        'busy CPU by part of the call:',
        ...categorizeProfile(join(dir, file)).map((l) => `${pct(l.share)}  ${l.name}`),
        '',
        'self time by source:',
        ...summary.packages.map((l) => `${pct(l.share)}  ${l.name}`),
        '',
        'self time by function:',
        ...summary.functions.map((l) => `${pct(l.share)}  ${l.name}`),
        '',
      ].join('\n'),
    );
  }
} finally {
  await server.stop();
  if (state && !('unavailable' in state)) await state.cleanup();
}
