/** The per-process runtime a composed server needs: logger, shared stores, limits and the shutdown signal. */
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency-store.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** What a caller may set; everything has a safe default for one process. */
export interface RuntimeOptions {
  logger?: Logger;
  idempotencyStore?: IdempotencyStore;
  /** Milliseconds one tool call may run before TIMEOUT. */
  toolTimeoutMs?: number;
  /** Calls in flight per process before new ones are shed with OVERLOADED. */
  maxConcurrentCalls?: number;
}

/** The resolved runtime shared by every request a process serves. */
export interface Runtime {
  readonly serverName: string;
  readonly logger: Logger;
  readonly idempotencyStore: IdempotencyStore;
  readonly toolTimeoutMs: number;
  readonly maxConcurrentCalls: number;
  /** Aborted when the shutdown grace period is over: in-flight handlers stop. */
  readonly shutdownSignal: AbortSignal;
  /** Tool calls currently executing in this process. */
  inFlightCalls: number;
  /** Aborts every in-flight handler (end of the shutdown grace period). */
  abortInFlight(reason: string): void;
}

/** Builds a runtime; the default idempotency store is in-process (one replica only). */
export function createRuntime(serverName: string, options: RuntimeOptions = {}): Runtime {
  const shutdown = new AbortController();
  return {
    serverName,
    logger: options.logger ?? createLogger({ name: serverName }),
    idempotencyStore: options.idempotencyStore ?? new InMemoryIdempotencyStore(),
    toolTimeoutMs: options.toolTimeoutMs ?? 30_000,
    maxConcurrentCalls: options.maxConcurrentCalls ?? 64,
    shutdownSignal: shutdown.signal,
    inFlightCalls: 0,
    abortInFlight(reason: string) {
      shutdown.abort(new Error(reason));
    },
  };
}
