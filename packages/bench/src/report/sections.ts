/** The rows of every report section, shared by the terminal table and the markdown file. */
import { ratio } from '../stats.ts';
import { num, times } from './format.ts';
import type { BenchResults } from './results.ts';

/** Throughput and latency rows: one per case and connection count, with ratios to both baselines. */
export function httpRows(results: BenchResults): { header: string[]; rows: string[][] } {
  const header = [
    'case',
    'conns',
    'req/s',
    '× raw',
    '× SDK',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'CPU × raw',
    'syscalls/req',
    'PG+Redis CPU µs/req',
    'requests',
    'failed',
  ];
  const rows: string[][] = [];
  const figure = (id: string, conns: number) => results.http.cases.find((c) => c.id === id)?.byConnections[conns];
  const base = (id: string, conns: number) => figure(id, conns)?.rps;
  for (const c of results.http.cases) {
    if (c.unavailable) {
      rows.push([c.id, '—', c.unavailable, '', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const conns of results.options.connections) {
      const f = c.byConnections[conns];
      if (!f) continue;
      rows.push([
        c.id,
        String(conns),
        num(f.rps, 0),
        times(ratio(f.rps, base('raw', conns))),
        times(ratio(f.rps, base('sdk', conns))),
        num(f.p50Ms),
        num(f.p99Ms),
        num(f.cpuUsPerRequest, 0),
        times(ratio(f.cpuUsPerRequest, figure('raw', conns)?.cpuUsPerRequest)),
        num(f.syscallsPerRequest, 1),
        c.id.startsWith('billing') || c.id.endsWith('redis') ? num(f.dependencyCpuUsPerRequest, 0) : '—',
        num(f.requests, 0),
        String(f.transportFailures + f.toolFailures),
      ]);
    }
  }
  return { header, rows };
}

/** The ledger transaction alone beside the HTTP billing mutation (16 concurrent each). */
export function ledgerRows(results: BenchResults): { header: string[]; rows: string[][] } {
  const header = ['what', 'per s', 'client CPU µs each', 'PG+Redis CPU µs each', 'calls'];
  const l = results.ledger;
  const http = results.http.cases.find((c) => c.id === 'billing-mutation')?.byConnections[16];
  const rows: string[][] = [
    'unavailable' in l
      ? ['`apply_credit` transaction in process (billing use-case + pg)', l.unavailable, '', '', '']
      : [
          '`apply_credit` transaction in process (billing use-case + pg)',
          num(l.creditsPerSec, 0),
          num(l.clientCpuUsPerCredit, 0),
          num(l.dependencyCpuUsPerCredit, 0),
          num(l.credits, 0),
        ],
  ];
  if (http) {
    rows.push([
      '`apply_credit` over HTTP (billing-mutation, 16 connections)',
      num(http.rps, 0),
      num(http.cpuUsPerRequest, 0),
      num(http.dependencyCpuUsPerRequest, 0),
      num(http.requests, 0),
    ]);
  }
  return { header, rows };
}

/** Layer rows: wall and CPU µs per call in process, then the cost of each layer as a difference of two cases. */
export function layerRows(results: BenchResults): { header: string[]; rows: string[][] } {
  const find = (id: string) => results.layers.find((l) => l.id === id);
  const diff = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : a - b;
  const rows = results.layers.map((l) => [
    l.id,
    l.label,
    l.usPerCall === undefined ? (l.note ?? '—') : num(l.usPerCall),
    num(l.cpuUsPerCall),
  ]);
  const derived: [string, string, string, string][] = [
    ['Δ logging', 'info-level log lines (tool call) vs silent', 'calc-prod', 'calc-nolog'],
    ['Δ metrics', 'prom-client counter + histogram + in-flight gauge', 'calc-nolog', 'calc-bare'],
    ['Δ rate limit (memory)', 'in-memory token bucket', 'echo-rate-mem', 'echo-bare'],
    ['Δ rate limit (Redis)', 'one Redis round trip per call', 'echo-rate-redis', 'echo-bare'],
    ['Δ idempotency (memory)', 'claim + complete, fingerprint, in memory', 'record-mem', 'echo-bare'],
    ['Δ idempotency (Redis)', 'claim + complete on Redis', 'record-redis', 'echo-bare'],
  ];
  for (const [id, label, a, b] of derived) {
    rows.push([
      id,
      label,
      num(diff(find(a)?.usPerCall, find(b)?.usPerCall)),
      num(diff(find(a)?.cpuUsPerCall, find(b)?.cpuUsPerCall)),
    ]);
  }
  return { header: ['layer case', 'what', 'wall µs/call', 'CPU µs/call'], rows };
}

/** Cold start and idle memory rows per built bin. */
export function coldStartRows(results: BenchResults): { header: string[]; rows: string[][] } {
  const bare = results.bareNodeStartMs;
  const rows = results.coldStart.map((c) =>
    c.unavailable
      ? [c.server, c.unavailable, '', '', '', '', '', '']
      : [
          c.server,
          num(c.medianMs, 0),
          times(ratio(c.medianMs, bare)),
          num(c.medianCpuMs, 0),
          `${num(c.minMs, 0)}–${num(c.maxMs, 0)}`,
          String(c.spawns ?? ''),
          num(c.bundleMiB),
          num(c.idleRssMiB),
        ],
  );
  rows.push(['bare `node -e` (spawn to first output)', num(bare, 0), '1.00×', '—', '—', '—', '—', '—']);
  const header = [
    'bin',
    'median ms',
    '× bare node',
    'median CPU ms',
    'range ms',
    'spawns',
    'bundle MiB',
    'idle RSS MiB (stdio)',
  ];
  return { header, rows };
}

/** Memory rows per HTTP server process: idle after start and the peak under load. */
export function memoryRows(results: BenchResults): { header: string[]; rows: string[][] } {
  const rows = results.http.memory.map((m) => [m.server, num(m.idleMiB), num(m.peakMiB)]);
  rows.push(['bare `node -e` (the floor)', num(results.bareNodeRssMiB), '—']);
  return { header: ['HTTP server process', 'idle RSS MiB', 'peak RSS MiB under load'], rows };
}

/** Token rows: listings against budgets, then the agent tasks. */
export function tokenRows(results: BenchResults): {
  listings: { header: string[]; rows: string[][] };
  tasks: { header: string[]; rows: string[][] };
} {
  const listings = results.tokens.listings.map((l) =>
    l.unavailable
      ? [l.server, l.unavailable, String(l.budget), '']
      : [l.server, String(l.tokens), String(l.budget), String(l.tools)],
  );
  const tasks = results.tokens.tasks.map((t) =>
    t.unavailable
      ? [t.task, t.unavailable, '', '', '', '', '']
      : [
          t.task,
          (t.calls ?? []).join(' → '),
          String(t.listing),
          String(t.requests),
          String(t.resultText),
          String(t.resultWire),
          String((t.listing ?? 0) + (t.requests ?? 0) + (t.resultText ?? 0)),
        ],
  );
  return {
    listings: { header: ['server', 'tools/list tokens', 'budget', 'tools'], rows: listings },
    tasks: {
      header: [
        'task',
        'calls',
        'listing',
        'calls written',
        'results (text)',
        'results (wire)',
        'total (listing + calls + text)',
      ],
      rows: tasks,
    },
  };
}
