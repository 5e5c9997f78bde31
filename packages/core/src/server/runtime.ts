/** The per-process runtime a composed server needs: logger, shared state, limits and the shutdown signal. */

import { randomBytes } from 'node:crypto';
import type { CancellationRelay } from '../cancellation/cancellation-relay.js';
import { InMemoryCancellationRelay } from '../cancellation/in-memory-cancellation-relay.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency-store.js';
import { InMemoryJobStore } from '../jobs/in-memory-job-store.js';
import type { JobStore } from '../jobs/job-store.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createServerMetrics, type ServerMetrics } from '../observability/metrics.js';
import { type CursorCodec, createCursorCodec } from '../pagination/cursor-codec.js';
import { InMemoryQuotaCounter } from '../quota/in-memory-quota-counter.js';
import type { QuotaCounter } from '../quota/quota-counter.js';
import { InMemoryRateLimiter } from '../rate-limit/in-memory-rate-limiter.js';
import type { RateLimit, RateLimiter } from '../rate-limit/rate-limiter.js';

/** How a shared dependency is doing, for /readyz. */
export type DependencyHealth = 'ok' | 'degraded';

/** What a caller may set; everything has a safe default for one process. */
export interface RuntimeOptions {
  logger?: Logger;
  idempotencyStore?: IdempotencyStore;
  jobStore?: JobStore;
  rateLimiter?: RateLimiter;
  /** The per-principal bucket every tool call takes from, unless a tool declares its own; none when omitted. */
  defaultRateLimit?: RateLimit;
  cancellationRelay?: CancellationRelay;
  quotaCounter?: QuotaCounter;
  /** Prometheus metrics; a fresh registry per runtime by default. */
  metrics?: ServerMetrics;
  /** Where audit lines of mutating calls go; the logger at info level by default. */
  auditLogger?: Logger;
  /** Milliseconds one tool call may run before TIMEOUT. */
  toolTimeoutMs?: number;
  /** Calls in flight per process before new ones are shed with OVERLOADED. */
  maxConcurrentCalls?: number;
  /** Signs pagination cursors; share the secret across replicas (CURSOR_SECRET). Random per process by default. */
  cursorSecret?: string;
  /** Reports shared dependencies (e.g. `{ redis: 'ok' }`) for /readyz. */
  health?: () => Record<string, DependencyHealth>;
  /** Closes what the stores hold open (connections), after in-flight calls finished. */
  close?: () => Promise<void>;
}

/** The resolved runtime shared by every request a process serves. */
export interface Runtime {
  readonly serverName: string;
  readonly logger: Logger;
  readonly idempotencyStore: IdempotencyStore;
  readonly jobStore: JobStore;
  readonly rateLimiter: RateLimiter;
  readonly defaultRateLimit: RateLimit | undefined;
  readonly cancellationRelay: CancellationRelay;
  readonly quotaCounter: QuotaCounter;
  readonly metrics: ServerMetrics;
  /** One line per mutating call (principal, tool, request_id, outcome, correlation id; never arguments). */
  readonly auditLogger: Logger;
  /** Signs and checks the opaque cursors of paginated tools. */
  readonly cursors: CursorCodec;
  readonly toolTimeoutMs: number;
  readonly maxConcurrentCalls: number;
  /** Aborted when the shutdown grace period is over: in-flight handlers stop. */
  readonly shutdownSignal: AbortSignal;
  /** Tool calls currently executing in this process. */
  inFlightCalls: number;
  /** Shared dependencies and how they are doing. */
  health(): Record<string, DependencyHealth>;
  /** Aborts every in-flight handler (end of the shutdown grace period). */
  abortInFlight(reason: string): void;
  /** Closes the shared stores' connections. */
  close(): Promise<void>;
}

/** Builds a runtime; the defaults are in-process (one replica only). */
export function createRuntime(serverName: string, options: RuntimeOptions = {}): Runtime {
  const shutdown = new AbortController();
  const cancellationRelay = options.cancellationRelay ?? new InMemoryCancellationRelay();
  const logger = options.logger ?? createLogger({ name: serverName });
  return {
    serverName,
    logger,
    auditLogger: options.auditLogger ?? logger.child({ log_type: 'audit' }, { level: 'info' }),
    quotaCounter: options.quotaCounter ?? new InMemoryQuotaCounter(),
    metrics: options.metrics ?? createServerMetrics(serverName),
    idempotencyStore: options.idempotencyStore ?? new InMemoryIdempotencyStore(),
    jobStore: options.jobStore ?? new InMemoryJobStore(),
    rateLimiter: options.rateLimiter ?? new InMemoryRateLimiter(),
    defaultRateLimit: options.defaultRateLimit,
    cancellationRelay,
    cursors: createCursorCodec({ secret: options.cursorSecret ?? randomBytes(32).toString('hex') }),
    toolTimeoutMs: options.toolTimeoutMs ?? 30_000,
    maxConcurrentCalls: options.maxConcurrentCalls ?? 64,
    shutdownSignal: shutdown.signal,
    inFlightCalls: 0,
    health: options.health ?? (() => ({})),
    abortInFlight(reason: string) {
      shutdown.abort(new Error(reason));
    },
    async close() {
      await cancellationRelay.close();
      await options.close?.();
    },
  };
}
