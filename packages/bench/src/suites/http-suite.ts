/** Throughput and latency of `tools/call` over Streamable HTTP: baselines and Bulkhead servers, same run. */
import { setTimeout as sleep } from 'node:timers/promises';
import { binHttpSpec, builtBin, rawServerSpec, sdkServerSpec } from '../children/servers.ts';
import { type RunningServer, startServer } from '../children/spawn-server.ts';
import type { BenchState } from '../infra/state.ts';
import { rssMiB } from '../load/rss.ts';
import { type LoadResult, runLoad } from '../load/run-load.ts';
import { mcpPost, toolResultOf } from '../mcp-post.ts';
import type { BenchOptions } from '../options.ts';
import { type McpHttpRequest, toolCallRequest } from '../request-shape.ts';
import { median } from '../stats.ts';
import {
  type BillingCustomer,
  type BillingFixture,
  billingCallRequests,
  seededCustomers,
  startBilling,
} from './billing-fixture.ts';

/** The cases, in table order. */
export const HTTP_CASES = ['raw', 'sdk', 'calculator', 'calculator-redis', 'billing-read', 'billing-mutation'] as const;
/** One of {@link HTTP_CASES}. */
export type HttpCaseId = (typeof HTTP_CASES)[number];

/** Medians over the repetitions of one case at one concurrency. */
export interface HttpFigure {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly transportFailures: number;
  readonly toolFailures: number;
  /** Median server CPU µs per request (undefined where /proc is not readable). */
  readonly cpuUsPerRequest: number | undefined;
  /** Median read + write system calls of the server per request. */
  readonly syscallsPerRequest: number | undefined;
  /** Median CPU µs of the local PostgreSQL and Redis per request. */
  readonly dependencyCpuUsPerRequest: number | undefined;
}

/** One case's figures by connection count, or why it was not measured. */
export interface HttpCaseReport {
  readonly id: HttpCaseId;
  readonly label: string;
  readonly server: string;
  readonly unavailable?: string;
  readonly byConnections: Readonly<Record<number, HttpFigure>>;
}

/** RSS of one server process: after start (idle) and the peak under load. */
export interface ServerMemory {
  readonly server: string;
  readonly idleMiB: number | undefined;
  readonly peakMiB: number | undefined;
}

/** What the HTTP suite reports. */
export interface HttpReport {
  readonly cases: readonly HttpCaseReport[];
  readonly memory: readonly ServerMemory[];
}

interface LiveCase {
  readonly id: HttpCaseId;
  readonly label: string;
  readonly server: RunningServer;
  readonly request: (n: number) => McpHttpRequest;
  readonly runs: Map<number, LoadResult[]>;
}

const CALC_ARGS = { operation: 'add', x: 0.1, y: 0.2 };

/** Starts every server, checks one call each, warms up, then runs every case × concurrency × repetition. */
export async function runHttpSuite(
  options: BenchOptions,
  state: BenchState | { unavailable: string },
  logDir: string,
  progress: (line: string) => void,
): Promise<HttpReport> {
  const started: RunningServer[] = [];
  const unavailable = new Map<HttpCaseId, string>();
  const live: LiveCase[] = [];
  const memory = new Map<string, { pid: number; idle: number | undefined; peak: number | undefined }>();
  const add = (id: HttpCaseId, label: string, server: RunningServer, request: (n: number) => McpHttpRequest) =>
    live.push({ id, label, server, request, runs: new Map() });
  try {
    const start = async (spec: Parameters<typeof startServer>[0]) => {
      const server = await startServer(spec);
      started.push(server);
      return server;
    };
    const calcRequest = () => toolCallRequest('calculate', CALC_ARGS);
    add('raw', 'raw node:http, canned JSON-RPC result', await start(rawServerSpec(logDir)), calcRequest);
    add('sdk', 'SDK documented pattern, new McpServer per request', await start(sdkServerSpec(logDir)), calcRequest);
    const calcBin = builtBin('@bulkhead/mcp-calculator-server', 'mcp-calculator-server');
    if (calcBin) {
      add(
        'calculator',
        'Bulkhead calculator `calculate`',
        await start(binHttpSpec('calculator', calcBin, logDir)),
        calcRequest,
      );
      if ('unavailable' in state) unavailable.set('calculator-redis', `not measured: ${state.unavailable}`);
      else {
        const spec = binHttpSpec('calculator+redis', calcBin, logDir, { REDIS_URL: state.redisUrl });
        add('calculator-redis', 'Bulkhead calculator `calculate`, REDIS_URL set', await start(spec), calcRequest);
      }
    } else {
      unavailable.set('calculator', 'not measured: calculator bin not built');
      unavailable.set('calculator-redis', 'not measured: calculator bin not built');
    }
    const billing: BillingFixture = await startBilling(state, logDir);
    // The load's customers are onboarded after the idle RSS is read, so that figure is the server as started.
    const customers: BillingCustomer[] = [];
    if ('unavailable' in billing) {
      unavailable.set('billing-read', `not measured: ${billing.unavailable}`);
      unavailable.set('billing-mutation', `not measured: ${billing.unavailable}`);
    } else {
      started.push(billing.server);
      const requests = billingCallRequests(customers);
      add('billing-read', 'Bulkhead billing `get_billing_summary` (PostgreSQL)', billing.server, requests.read);
      add(
        'billing-mutation',
        'Bulkhead billing `apply_credit`, new request_id each (Redis + PostgreSQL)',
        billing.server,
        requests.mutation,
      );
    }
    await sleep(500);
    for (const server of started)
      memory.set(server.name, { pid: server.pid, idle: rssMiB(server.pid), peak: undefined });
    if ('server' in billing) customers.push(...(await seededCustomers(billing.server)));
    for (const c of live) {
      toolResultOf(await mcpPost(c.server.url, c.request(0)), c.label);
      await runLoad({ url: c.server.url, connections: 16, durationSec: 1, request: c.request, pid: c.server.pid });
    }
    for (let rep = 1; rep <= options.repetitions; rep += 1) {
      for (const connections of options.connections) {
        for (const c of live) {
          const result = await runLoad({
            url: c.server.url,
            connections,
            durationSec: options.durationSec,
            request: c.request,
            pid: c.server.pid,
          });
          const list = c.runs.get(connections) ?? [];
          list.push(result);
          c.runs.set(connections, list);
          const mem = memory.get(c.server.name);
          if (mem) mem.peak = Math.max(mem.peak ?? 0, result.peakRssMiB ?? 0);
          progress(`  ${c.id} c=${connections} rep ${rep}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms`);
        }
      }
    }
  } finally {
    for (const server of started) await server.stop();
  }
  const cases = HTTP_CASES.map((id): HttpCaseReport => {
    const c = live.find((l) => l.id === id);
    if (!c) return { id, label: id, server: '', unavailable: unavailable.get(id) ?? 'not measured', byConnections: {} };
    const byConnections: Record<number, HttpFigure> = {};
    for (const [connections, runs] of c.runs) byConnections[connections] = summarize(runs);
    return { id, label: c.label, server: c.server.name, byConnections };
  });
  const mem = [...memory].map(([server, m]) => ({ server, idleMiB: m.idle, peakMiB: m.peak }));
  return { cases, memory: mem };
}

function summarize(runs: readonly LoadResult[]): HttpFigure {
  const medianOf = (values: readonly (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length > 0 ? median(known) : undefined;
  };
  return {
    rps: median(runs.map((r) => r.rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    requests: runs.reduce((sum, r) => sum + r.total, 0),
    transportFailures: runs.reduce((sum, r) => sum + r.transportFailures, 0),
    toolFailures: runs.reduce((sum, r) => sum + r.toolFailures, 0),
    cpuUsPerRequest: medianOf(runs.map((r) => r.cpuUsPerRequest)),
    syscallsPerRequest: medianOf(runs.map((r) => r.syscallsPerRequest)),
    dependencyCpuUsPerRequest: medianOf(runs.map((r) => r.dependencyCpuUsPerRequest)),
  };
}
