/** @bulkhead/core/redis: the Redis-backed shared state every replica of a server uses (DESIGN §7). */
export type { CancellationRelay, RequestId } from '../cancellation/cancellation-relay.js';
export type { CreateJobInput, JobStore, JobView } from '../jobs/job-store.js';

export { RedisCancellationRelay, type RedisCancellationRelayOptions } from './redis-cancellation-relay.js';
export {
  createRedisClient,
  FAIL_FAST_REDIS_OPTIONS,
  REDIS_MAX_RECONNECT_DELAY_MS,
  type RedisClientLogger,
  type RedisClientOptions,
  redisHealth,
  redisReconnectDelay,
  waitForRedisReady,
  watchRedisErrors,
} from './redis-client.js';
export { RedisIdempotencyStore, type RedisIdempotencyStoreOptions } from './redis-idempotency-store.js';
export { RedisJobStore, type RedisJobStoreOptions } from './redis-job-store.js';
export { RedisQuotaCounter } from './redis-quota-counter.js';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter.js';
