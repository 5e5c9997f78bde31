/** Token buckets in Redis (DESIGN §9): one Lua script per take, on Redis time, shared by every replica. */
import type { Redis } from 'ioredis';
import {
  checkRateLimit,
  type RateLimit,
  type RateLimitDecision,
  type RateLimiter,
  refillMs,
} from '../rate-limit/rate-limiter.js';
import { LUA_NOW_MS, LuaScript, replyArray, replyInteger } from './lua-script.js';

/** Options of {@link RedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /** Prepended to every bucket key; defaults to `bulkhead:rate:`. */
  keyPrefix?: string;
}

/*
 * A bucket is a hash {tokens, ts}. A missing bucket is a full one, so a bucket expires once it would have
 * refilled anyway (ARGV[3]), and Redis holds only buckets in use.
 */
const TAKE = new LuaScript(`${LUA_NOW_MS}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = burst
if bucket[1] then
  tokens = math.min(burst, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * rate / 1000)
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {allowed, retry, math.floor(tokens)}
`);

/** A per-key token bucket shared by every replica; a Redis outage rejects the call, so the caller decides. */
export class RedisRateLimiter implements RateLimiter {
  readonly #client: Redis;
  readonly #prefix: string;

  constructor(client: Redis, options: RedisRateLimiterOptions = {}) {
    this.#client = client;
    this.#prefix = options.keyPrefix ?? 'bulkhead:rate:';
  }

  /** Takes one token from the bucket of `key`, atomically across replicas. */
  async take(key: string, limit: RateLimit): Promise<RateLimitDecision> {
    checkRateLimit(limit);
    const reply = replyArray(
      await TAKE.run(this.#client, [`${this.#prefix}${key}`], [limit.ratePerSec, limit.burst, refillMs(limit) + 1000]),
      'rate limit',
    );
    return {
      allowed: replyInteger(reply[0], 'rate limit') === 1,
      retryAfterMs: replyInteger(reply[1], 'rate limit'),
      remaining: replyInteger(reply[2], 'rate limit'),
    };
  }
}
