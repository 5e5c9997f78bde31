/** Drives one HTTP case with autocannon on loopback and summarizes throughput, latency and failures. */
import autocannon from 'autocannon';
import type { McpHttpRequest } from '../request-shape.ts';
import { cpuSeconds, dependencyCpuSeconds, ioSyscalls } from './proc-counters.ts';
import { sampleRss } from './rss.ts';

/** One load run against one server. */
export interface LoadSpec {
  readonly url: string;
  readonly connections: number;
  readonly durationSec: number;
  /** Builds request number `n`, unique in the process (a fresh `request_id` per call for mutations). */
  readonly request: (n: number) => McpHttpRequest;
  /** The child's pid, to sample its RSS under load. */
  readonly pid: number;
}

/** What one load run measured. */
export interface LoadResult {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly total: number;
  /** Non-2xx answers, connection errors and timeouts. */
  readonly transportFailures: number;
  /** 2xx answers carrying a JSON-RPC error or an `isError` tool result. */
  readonly toolFailures: number;
  readonly peakRssMiB: number | undefined;
  /** Server CPU time (all threads) per answered request, in µs: less sensitive to a busy machine than req/s. */
  readonly cpuUsPerRequest: number | undefined;
  /** The server's read and write system calls per answered request (sockets and log lines). */
  readonly syscallsPerRequest: number | undefined;
  /** CPU of the local PostgreSQL and Redis processes per answered request, in µs. */
  readonly dependencyCpuUsPerRequest: number | undefined;
}

// Numbers requests across every run of the process, so a per-call request_id is never sent twice.
let sequence = 0;

/** Runs the load for `durationSec` seconds and resolves with its summary. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let toolFailures = 0;
  sequence += 1;
  const first = spec.request(sequence);
  const rss = sampleRss(spec.pid);
  const cpuBefore = cpuSeconds(spec.pid);
  const syscallsBefore = ioSyscalls(spec.pid);
  const dependencyBefore = dependencyCpuSeconds();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    requests: [
      {
        method: 'POST',
        headers: first.headers,
        body: first.body,
        setupRequest: (req) => {
          sequence += 1;
          return { ...req, body: spec.request(sequence).body };
        },
        onResponse: (_status, body) => {
          if (body.includes('"isError":true') || body.startsWith('{"error"') || body.includes('"error":{"code"')) {
            toolFailures += 1;
          }
        },
      },
    ],
  });
  const peakRssMiB = rss.stop();
  const perRequest = (before: number | undefined, after: number | undefined, scale: number) =>
    before === undefined || after === undefined || result.requests.total === 0
      ? undefined
      : ((after - before) * scale) / result.requests.total;
  const cpuUsPerRequest = perRequest(cpuBefore, cpuSeconds(spec.pid), 1e6);
  const syscallsPerRequest = perRequest(syscallsBefore, ioSyscalls(spec.pid), 1);
  const dependencyCpuUsPerRequest = perRequest(dependencyBefore, dependencyCpuSeconds(), 1e6);
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    transportFailures: result.non2xx + result.errors + result.timeouts,
    toolFailures,
    peakRssMiB,
    cpuUsPerRequest,
    syscallsPerRequest,
    dependencyCpuUsPerRequest,
  };
}
