/** The Redis client every store shares, configured to fail fast (DESIGN §7): no offline queue, short timeouts. */
import { Redis, type RedisOptions } from 'ioredis';

/** The slice of a pino logger the client needs; `info` is used, when present, to say the connection is back. */
export interface RedisClientLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

/** Options of {@link createRedisClient}; anything in `overrides` wins over the fail-fast defaults. */
export interface RedisClientOptions {
  /** Where connection errors go; they are never thrown unhandled. */
  logger?: RedisClientLogger;
  /** Names the connection in `CLIENT LIST`, e.g. the server's short name. */
  connectionName?: string;
  /** ioredis options for special cases (TLS, Sentinel); use sparingly, the defaults are the contract. */
  overrides?: Omit<RedisOptions, 'replyMapping'>;
}

/** The longest wait between reconnection attempts: after an outage the next call works within about a second. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 1000;

/** Reconnects forever with a linear backoff capped at {@link REDIS_MAX_RECONNECT_DELAY_MS}. */
export function redisReconnectDelay(attempt: number): number {
  return Math.min(Math.max(1, attempt) * 100, REDIS_MAX_RECONNECT_DELAY_MS);
}

/** The fail-fast settings: a Redis outage answers within a second instead of queueing calls. */
export const FAIL_FAST_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 500,
  connectTimeout: 1000,
  lazyConnect: false,
  // A command whose caller already got an error must not run later behind its back.
  autoResendUnfulfilledCommands: false,
  retryStrategy: redisReconnectDelay,
} as const satisfies RedisOptions;

/** Creates a connected client for `url` (`redis://…`, `rediss://…`); the caller owns it and must `quit()` it. */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    ...FAIL_FAST_REDIS_OPTIONS,
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
    ...options.overrides,
  });
  watchRedisErrors(client, options.logger);
  return client;
}

/**
 * Logs connection errors instead of letting an unhandled 'error' event crash the process. One line per
 * outage, not one per reconnection attempt; the URL is never logged (it may hold a password).
 */
export function watchRedisErrors(client: Redis, logger?: RedisClientLogger): void {
  let failing = false;
  client.on('error', (error: unknown) => {
    if (failing) return;
    failing = true;
    logger?.warn({ err: error }, 'redis unavailable; calls that need it fail fast until it is back');
  });
  client.on('ready', () => {
    if (!failing) return;
    failing = false;
    logger?.info?.({}, 'redis connection restored');
  });
}

/** Readiness of a client for `/readyz`: `ok` only while it is connected and ready. */
export function redisHealth(client: Pick<Redis, 'status'>): 'ok' | 'degraded' {
  return client.status === 'ready' ? 'ok' : 'degraded';
}

/** Resolves once `client` is ready, or rejects after `timeoutMs`; for start-up, where the first call must not fail. */
export async function waitForRedisReady(client: Redis, timeoutMs = 2000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`redis was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
