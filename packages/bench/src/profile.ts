/** `pnpm --filter @bulkhead/bench profile`: CPU-profiles a Bulkhead bin under HTTP load and prints what dominates. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binHttpSpec, builtBin } from './children/servers.ts';
import { startServer } from './children/spawn-server.ts';
import { runLoad } from './load/run-load.ts';
import { categorizeProfile } from './profile/categorize-profile.ts';
import { summarizeProfile } from './profile/summarize-profile.ts';
import { toolCallRequest } from './request-shape.ts';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-profile-'));
const bin = builtBin('@bulkhead/mcp-calculator-server', 'mcp-calculator-server');
if (!bin) throw new Error('build the calculator first (pnpm build)');
const spec = binHttpSpec('calculator', bin, dir);
const server = await startServer({ ...spec, args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...spec.args] });
const request = () => toolCallRequest('calculate', { operation: 'add', x: 0.1, y: 0.2 });
const load = await runLoad({ url: server.url, connections: 16, durationSec: 5, request, pid: server.pid });
await server.stop();
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const summary = summarizeProfile(join(dir, file));
const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
process.stdout.write(
  [
    `calculate under 16 connections for 5 s: ${Math.round(load.rps)} req/s; profile ${join(dir, file)} (${Math.round(summary.totalMs)} ms sampled)`,
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
