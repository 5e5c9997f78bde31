/** Idempotency records in Redis (DESIGN §5): one Lua script per operation, Redis time, never-reused fences. */
import type { Redis } from 'ioredis';
import type { ClaimResult, IdempotencyStore } from '../idempotency/idempotency-store.js';
import { LUA_NOW_MS, LuaScript, replyArray, replyInteger, replyString } from './lua-script.js';

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** Prepended to every key this store writes (keys from `idempotencyKey` already start `bulkhead:idem:`); none by default. */
  keyPrefix?: string;
  /** How long an abandoned lease is kept after it expired, so a retry can take over; defaults to 24 h. */
  abandonedRetentionMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * A record is a hash {fp, state, fence, lease_until, result}. The result is stored and returned as an opaque
 * string: no JSON in Lua (its round trip turns 100000000000001 into 1e+14).
 * Fences come from one store-wide counter, lifted to at least Redis time × 1000, so they keep growing even
 * when Redis restarts without persistence and the counter is lost (given fewer than 1,000 claims per
 * millisecond, which is far beyond one Redis). They stay below 2^53 until about the year 2255.
 */
const CLAIM = new LuaScript(`${LUA_NOW_MS}
local rec = redis.call('HMGET', KEYS[1], 'fp', 'state', 'lease_until')
local takeover = 0
if rec[1] then
  if rec[1] ~= ARGV[1] then return {'mismatch'} end
  if rec[2] == 'completed' then return {'completed', redis.call('HGET', KEYS[1], 'result')} end
  local left = tonumber(rec[3]) - now
  if left > 0 then return {'in_progress', left} end
  takeover = 1
end
local fence = redis.call('INCR', KEYS[2])
if fence < now * 1000 then
  fence = now * 1000
  redis.call('SET', KEYS[2], fence)
end
local lease = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'in_progress', 'fence', fence, 'lease_until', now + lease, 'result', '')
redis.call('PEXPIRE', KEYS[1], lease + tonumber(ARGV[3]))
return {'claimed', fence, takeover}
`);

const COMPLETE = new LuaScript(`
local rec = redis.call('HMGET', KEYS[1], 'state', 'fence')
if rec[1] ~= 'in_progress' or tonumber(rec[2]) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'state', 'completed', 'result', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

const RELEASE = new LuaScript(`
local rec = redis.call('HMGET', KEYS[1], 'state', 'fence')
if rec[1] == 'in_progress' and tonumber(rec[2]) == tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
return 0
`);

function positiveMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return Math.ceil(value);
}

/**
 * Idempotency records shared by every replica through one Redis (standalone or Sentinel; on Cluster, put a
 * hash tag in `keyPrefix` such as `{bulkhead}:` so a record and the fence counter live on one node).
 * A Redis outage rejects the call quickly (the client fails fast); callers answer DEPENDENCY_UNAVAILABLE.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #abandonedRetentionMs: number;

  constructor(client: Redis, options: RedisIdempotencyStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.keyPrefix ?? '';
    this.#abandonedRetentionMs = positiveMs('abandonedRetentionMs', options.abandonedRetentionMs ?? DAY_MS);
  }

  /** Claims `key` for `fingerprint` in one atomic script, or reports the live, completed or conflicting record. */
  async claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult> {
    const lease = positiveMs('leaseMs', leaseMs);
    const reply = replyArray(
      await CLAIM.run(
        this.#client,
        [this.#recordKey(key), this.#fenceKey()],
        [fingerprint, lease, this.#abandonedRetentionMs],
      ),
      'claim',
    );
    const status = replyString(reply[0], 'claim');
    switch (status) {
      case 'claimed':
        return { status, fence: replyInteger(reply[1], 'claim'), takeover: replyInteger(reply[2], 'claim') === 1 };
      case 'completed':
        return { status, result: replyString(reply[1], 'claim') };
      case 'in_progress':
        return { status, retryAfterMs: Math.max(1, replyInteger(reply[1], 'claim')) };
      case 'mismatch':
        return { status };
      default:
        throw new Error(`claim: unexpected status ${status}`);
    }
  }

  /** Stores `result` untouched for `retentionMs` if `fence` still owns the in-progress record; false otherwise. */
  async complete(key: string, fence: number, result: string, retentionMs: number): Promise<boolean> {
    const retention = positiveMs('retentionMs', retentionMs);
    const reply = await COMPLETE.run(this.#client, [this.#recordKey(key)], [fence, result, retention]);
    return replyInteger(reply, 'complete') === 1;
  }

  /** Deletes the in-progress record if `fence` still owns it (compare-and-delete). */
  async release(key: string, fence: number): Promise<void> {
    await RELEASE.run(this.#client, [this.#recordKey(key)], [fence]);
  }

  /** Does nothing: the client belongs to the caller, who quits it once every store using it is done. */
  async close(): Promise<void> {}

  #recordKey(key: string): string {
    return `${this.#prefix}${key}`;
  }

  #fenceKey(): string {
    // Outside the `bulkhead:idem:` namespace of record keys, so no record key can collide with it.
    return `${this.#prefix}bulkhead:idem-fence`;
  }
}
