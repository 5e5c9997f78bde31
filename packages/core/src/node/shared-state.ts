/** Chooses where shared state lives: Redis when REDIS_URL is set, else in process (one replica only). */
import type { Logger } from '../logging/logger.js';
import type { RuntimeOptions } from '../server/runtime.js';

/** The settings shared state is chosen from. */
export interface SharedStateConfig {
  redisUrl?: string | undefined;
  rateLimitPerSec: number;
  rateLimitBurst: number;
}

/** Runtime options for the configured state; Redis code is loaded only when REDIS_URL is set. */
export async function sharedStateOptions(config: SharedStateConfig, logger: Logger): Promise<RuntimeOptions> {
  const defaultRateLimit =
    config.rateLimitPerSec > 0 ? { ratePerSec: config.rateLimitPerSec, burst: config.rateLimitBurst } : undefined;
  const limits = defaultRateLimit ? { defaultRateLimit } : {};
  if (!config.redisUrl) return limits;
  const redis = await import('../redis/index.js');
  const client = redis.createRedisClient(config.redisUrl, { logger, connectionName: 'bulkhead' });
  const subscriber = client.duplicate();
  redis.watchRedisErrors(subscriber, logger);
  const relay = new redis.RedisCancellationRelay(client, subscriber, { logger });
  // Start serving either way: while Redis is away, mutating calls fail closed and /readyz says degraded.
  await redis
    .waitForRedisReady(client, 2_000)
    .catch(() => logger.warn('redis is not reachable at start; serving degraded until it is'));
  return {
    ...limits,
    idempotencyStore: new redis.RedisIdempotencyStore(client),
    jobStore: new redis.RedisJobStore(client),
    rateLimiter: new redis.RedisRateLimiter(client),
    quotaCounter: new redis.RedisQuotaCounter(client),
    cancellationRelay: relay,
    health: () => ({ redis: redis.redisHealth(client) }),
    close: async () => {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
