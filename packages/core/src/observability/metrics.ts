/** Prometheus metrics of one server process (prom-client, a registry per runtime so tests stay isolated). */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How an idempotent call ended, for the idempotency outcome counter. */
export type IdempotencyOutcome = 'executed' | 'replayed' | 'in_progress' | 'mismatch' | 'fenced' | 'store_unavailable';

/** The metrics a runtime records; every method is cheap and never throws. */
export interface ServerMetrics {
  readonly registry: Registry;
  toolCall(tool: string, outcome: 'ok' | 'error', code: string, seconds: number): void;
  inFlight(delta: 1 | -1): void;
  idempotency(tool: string, outcome: IdempotencyOutcome): void;
  truncated(tool: string): void;
  rateLimited(tool: string): void;
  quotaRefused(tool: string): void;
}

/** Creates the metrics of one server, with the default process metrics, labelled with its name. */
export function createServerMetrics(server: string, options: { processMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ server });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: 'bulkhead_tool_calls_total',
    help: 'Tool calls by tool, outcome and error code (code "none" for successes).',
    labelNames: ['tool', 'outcome', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bulkhead_tool_call_duration_seconds',
    help: 'Tool call duration in seconds.',
    labelNames: ['tool'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'bulkhead_tool_calls_in_flight',
    help: 'Tool calls executing now.',
    registers: [registry],
  });
  const idempotency = new Counter({
    name: 'bulkhead_idempotency_outcomes_total',
    help: 'Idempotent calls by outcome: executed, replayed, in_progress, mismatch, fenced, store_unavailable.',
    labelNames: ['tool', 'outcome'],
    registers: [registry],
  });
  const truncations = new Counter({
    name: 'bulkhead_truncations_total',
    help: 'Results cut to protect the context window.',
    labelNames: ['tool'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'bulkhead_rate_limited_total',
    help: 'Calls refused by the per-principal rate limit.',
    labelNames: ['tool'],
    registers: [registry],
  });
  const quotaRefused = new Counter({
    name: 'bulkhead_quota_refusals_total',
    help: 'Calls refused by a per-principal quota.',
    labelNames: ['tool'],
    registers: [registry],
  });
  return {
    registry,
    toolCall(tool, outcome, code, seconds) {
      calls.inc({ tool, outcome, code });
      duration.observe({ tool }, seconds);
    },
    inFlight: (delta) => inFlight.inc(delta),
    idempotency: (tool, outcome) => idempotency.inc({ tool, outcome }),
    truncated: (tool) => truncations.inc({ tool }),
    rateLimited: (tool) => rateLimited.inc({ tool }),
    quotaRefused: (tool) => quotaRefused.inc({ tool }),
  };
}
