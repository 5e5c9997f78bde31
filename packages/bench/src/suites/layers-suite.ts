/**
 * The cost of each core layer on the hot path, in-process: core's `callTool` pipeline (loaded from source)
 * timed with layers toggled — logging, metrics, validation, rate limiting, idempotency (memory vs Redis).
 */
import { performance } from 'node:perf_hooks';
import { calculatorTools, defaultCalculatorDeps } from '@bulkhead/mcp-calculator-server';
import { pino } from 'pino';
import {
  composeServer,
  createLogger,
  createRuntime,
  createServerMetrics,
  InMemoryIdempotencyStore,
  InMemoryRateLimiter,
  type RuntimeOptions,
  type ServerMetrics,
  type ToolDefinition,
} from '../../../core/src/index.ts';
import {
  createRedisClient,
  RedisIdempotencyStore,
  RedisRateLimiter,
  waitForRedisReady,
} from '../../../core/src/redis/index.ts';
import type { CallOrigin } from '../../../core/src/server/call-tool.ts';
import { callTool } from '../../../core/src/server/call-tool.ts';
import type { BenchOptions } from '../options.ts';
import { echoNoteTool, recordNoteTool } from './layer-tools.ts';

/** One in-process configuration and its cost per call. */
export interface LayerFigure {
  readonly id: string;
  readonly label: string;
  /** Wall-clock µs per call (includes Redis round trips), the least of the repetitions. */
  readonly usPerCall: number | undefined;
  /** CPU µs per call of this process, the least of the repetitions: steadier on a busy machine. */
  readonly cpuUsPerCall: number | undefined;
  readonly note?: string;
}

const RATE = { ratePerSec: 1e9, burst: 1e9 };

/**
 * Runs every configuration `options.layerRepetitions` times, interleaved, and keeps the least time of each: noise
 * from other work on the machine only ever adds time.
 */
export async function runLayersSuite(options: BenchOptions, redisUrl: string | undefined): Promise<LayerFigure[]> {
  const calculate = calculatorTools.find((t) => t.name === 'calculate') as unknown as ToolDefinition<unknown>;
  const calcDeps = defaultCalculatorDeps();
  const calcArgs = { operation: 'add', x: 0.1, y: 0.2 };
  const note = () => ({ note: 'hello' });
  let seq = 0;
  const mutationArgs = () => {
    seq += 1;
    return { note: 'hello', request_id: `layer-${process.pid}-${seq}` };
  };
  const redis = redisUrl ? createRedisClient(redisUrl, { connectionName: 'bulkhead-bench' }) : undefined;
  const devNull = pino.destination({ dest: '/dev/null', sync: false });
  const runtime = (extra: RuntimeOptions, level: 'info' | 'silent' = 'silent', metrics: 'real' | 'none' = 'none') =>
    createRuntime('bench', {
      // pino's own async destination, as in production (fd 2); its type lacks `writable` but pino accepts it.
      logger: createLogger({ name: 'bench', level, destination: devNull as unknown as NodeJS.WritableStream }),
      metrics: metrics === 'real' ? createServerMetrics('bench') : noMetrics(),
      ...extra,
    });
  type Config = { id: string; label: string; run: () => Promise<unknown>; needsRedis?: boolean };
  const call = (rt: ReturnType<typeof runtime>, deps: unknown, tool: ToolDefinition<unknown>, args: () => unknown) => {
    const origin: CallOrigin = { principal: 'bench', signal: new AbortController().signal, rpcId: 1 };
    return () => callTool(rt, deps, tool, args(), origin);
  };
  const echo = echoNoteTool as unknown as ToolDefinition<unknown>;
  const record = recordNoteTool as unknown as ToolDefinition<unknown>;
  const composed = composeServer({ name: 'bench', version: '0', tools: [echoNoteTool] }, {}, runtime({}));
  // Core's factory ignores its request context (the listing and registry are closed over), so an empty one does.
  const noContext = {} as Parameters<typeof composed.factory>[0];
  const configs: Config[] = [
    {
      id: 'calc-prod',
      label: '`calculate`, logger info, metrics on (production)',
      run: call(runtime({}, 'info', 'real'), calcDeps, calculate, () => calcArgs),
    },
    {
      id: 'calc-nolog',
      label: '`calculate`, logger silent, metrics on',
      run: call(runtime({}, 'silent', 'real'), calcDeps, calculate, () => calcArgs),
    },
    {
      id: 'calc-bare',
      label: '`calculate`, logger silent, metrics off',
      run: call(runtime({}), calcDeps, calculate, () => calcArgs),
    },
    {
      id: 'calc-validate',
      label: '`calculate` input validation alone (zod safeParse)',
      run: async () => calculate.input.safeParse(calcArgs),
    },
    { id: 'echo-bare', label: 'trivial read tool, logger silent, metrics off', run: call(runtime({}), {}, echo, note) },
    {
      id: 'echo-rate-mem',
      label: 'trivial read tool + rate limit (in-memory)',
      run: call(runtime({ defaultRateLimit: RATE, rateLimiter: new InMemoryRateLimiter() }), {}, echo, note),
    },
    {
      id: 'record-mem',
      label: 'trivial mutating tool, idempotency in memory',
      run: call(runtime({ idempotencyStore: new InMemoryIdempotencyStore() }), {}, record, mutationArgs),
    },
    {
      id: 'sdk-server',
      label: 'fresh SDK `Server` per request (the factory alone)',
      run: async () => composed.factory(noContext),
    },
  ];
  if (redis) {
    configs.push(
      {
        id: 'echo-rate-redis',
        label: 'trivial read tool + rate limit (Redis)',
        needsRedis: true,
        run: call(
          runtime({
            defaultRateLimit: RATE,
            rateLimiter: new RedisRateLimiter(redis, { keyPrefix: 'bulkhead:bench:rate:' }),
          }),
          {},
          echo,
          note,
        ),
      },
      {
        id: 'record-redis',
        label: 'trivial mutating tool, idempotency on Redis',
        needsRedis: true,
        run: call(runtime({ idempotencyStore: new RedisIdempotencyStore(redis) }), {}, record, mutationArgs),
      },
    );
  }
  const samples = new Map<string, { wall: number; cpu: number }[]>();
  try {
    if (redis) await waitForRedisReady(redis, 2_000);
    for (const c of configs) assertSucceeded(c.id, await c.run());
    for (let rep = 0; rep < options.layerRepetitions; rep += 1) {
      for (const c of configs) {
        const sample = await timePerCall(c.run, options.layerMs);
        samples.set(c.id, [...(samples.get(c.id) ?? []), sample]);
      }
    }
  } finally {
    redis?.disconnect();
  }
  const least = (id: string, key: 'wall' | 'cpu') => Math.min(...(samples.get(id) ?? []).map((x) => x[key]));
  const figures: LayerFigure[] = configs.map((c) => ({
    id: c.id,
    label: c.label,
    usPerCall: least(c.id, 'wall'),
    cpuUsPerCall: least(c.id, 'cpu'),
  }));
  if (!redis) {
    figures.push({
      id: 'echo-rate-redis',
      label: 'trivial read tool + rate limit (Redis)',
      usPerCall: undefined,
      cpuUsPerCall: undefined,
      note: 'not measured: no Redis',
    });
    figures.push({
      id: 'record-redis',
      label: 'trivial mutating tool, idempotency on Redis',
      usPerCall: undefined,
      cpuUsPerCall: undefined,
      note: 'not measured: no Redis',
    });
  }
  return figures;
}

/** Awaits `fn` in a loop: a warm-up, then `ms` milliseconds timed; wall and CPU µs per call. */
async function timePerCall(fn: () => Promise<unknown>, ms: number): Promise<{ wall: number; cpu: number }> {
  const warmUntil = performance.now() + Math.min(ms / 3, 300);
  while (performance.now() < warmUntil) await fn();
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const until = start + ms;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i += 1) await fn();
    calls += 50;
  }
  const wall = ((performance.now() - start) * 1000) / calls;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / calls };
}

/** A configuration that answers with an error would time the error path: refuse to measure it. */
function assertSucceeded(id: string, result: unknown): void {
  const r = result as { isError?: unknown; success?: unknown } | undefined;
  if (r?.isError === true || r?.success === false) throw new Error(`layer case ${id} failed: ${JSON.stringify(r)}`);
}

/** Metrics that record nothing, to take prom-client out of the measurement. */
function noMetrics(): ServerMetrics {
  const real = createServerMetrics('bench-off', { processMetrics: false });
  const nothing = () => undefined;
  return {
    registry: real.registry,
    toolCall: nothing,
    inFlight: nothing,
    idempotency: nothing,
    truncated: nothing,
    rateLimited: nothing,
    quotaRefused: nothing,
  };
}
