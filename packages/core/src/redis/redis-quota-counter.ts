/** Quota windows in Redis: one Lua script checks and adds atomically, so limits hold across replicas. */
import type { Redis } from 'ioredis';
import { type QuotaCounter, type QuotaDecision, windowStart } from '../quota/quota-counter.js';
import { LuaScript, replyArray, replyInteger } from './lua-script.js';

// KEYS[1] window key; ARGV amount, limit, ttl ms. Returns { allowed 0|1, used }.
const CONSUME = new LuaScript(`
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if used + amount > tonumber(ARGV[2]) then return {0, used} end
used = redis.call('INCRBY', KEYS[1], amount)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, used}
`);

/** A {@link QuotaCounter} on Redis with fixed windows keyed by their start. */
export class RedisQuotaCounter implements QuotaCounter {
  readonly #client: Redis;
  readonly #prefix: string;

  constructor(client: Redis, options: { keyPrefix?: string } = {}) {
    this.#client = client;
    this.#prefix = options.keyPrefix ?? 'bulkhead:quota:';
  }

  async consume(key: string, amount: number, limit: number, windowMs: number): Promise<QuotaDecision> {
    const now = Date.now();
    const start = windowStart(now, windowMs);
    const resetMs = start + windowMs - now;
    const reply = await CONSUME.run(this.#client, [`${this.#prefix}${key}:${start}`], [amount, limit, windowMs + 1000]);
    const [allowed, used] = replyArray(reply, 'quota consume');
    return {
      allowed: replyInteger(allowed, 'quota consume') === 1,
      used: replyInteger(used, 'quota consume'),
      resetMs,
    };
  }
}
