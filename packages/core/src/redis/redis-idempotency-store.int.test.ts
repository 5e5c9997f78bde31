/** Runs the IdempotencyStore contract against Redis, plus opaque results and cross-connection atomicity. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { describeIdempotencyStoreContract } from '../testing/idempotency-store-contract.js';
import { RedisIdempotencyStore } from './redis-idempotency-store.js';
import { requireRedis, twoReplicaConnections } from './redis-test-support.js';

const redis = await requireRedis();

describe.skipIf(!redis.available)('RedisIdempotencyStore on a real Redis', () => {
  const redisPair = twoReplicaConnections();

  describeIdempotencyStoreContract('RedisIdempotencyStore', async () => {
    const store = new RedisIdempotencyStore(redisPair.first, { keyPrefix: redisPair.prefix });
    return { store, advance: (ms) => sleep(ms), cleanup: () => store.close() };
  });

  it('replays a stored value with a 15-digit integer and unicode byte for byte, on another connection', async () => {
    const value = '{"id":100000000000001,"x":1.10,"s":"Grüße, 東京 🚀 \u2028","n":-0}';
    const writer = new RedisIdempotencyStore(redisPair.first, { keyPrefix: redisPair.prefix });
    const reader = new RedisIdempotencyStore(redisPair.second, { keyPrefix: redisPair.prefix });
    const claim = await writer.claim('opaque', 'fp', 10_000);
    if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
    expect(await writer.complete('opaque', claim.fence, value, 60_000)).toBe(true);
    const replay = await reader.claim('opaque', 'fp', 10_000);
    expect(replay).toEqual({ status: 'completed', result: value });
    if (replay.status === 'completed') expect(Buffer.from(replay.result)).toEqual(Buffer.from(value));
  });

  it('grants exactly one of 50 concurrent claims spread over two connections', async () => {
    const stores = [redisPair.first, redisPair.second].map(
      (client) => new RedisIdempotencyStore(client, { keyPrefix: redisPair.prefix }),
    );
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores[i % 2]?.claim('race', 'fp', 10_000) ?? Promise.reject(new Error())),
    );
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'in_progress')).toHaveLength(49);
  });

  it('keeps fences growing when the fence counter is lost (a Redis restart without persistence)', async () => {
    const store = new RedisIdempotencyStore(redisPair.first, { keyPrefix: redisPair.prefix });
    const before = await store.claim('fence-a', 'fp', 10_000);
    await redisPair.first.del(`${redisPair.prefix}bulkhead:idem-fence`);
    await sleep(2); // a real restart takes far longer than the millisecond the time floor needs
    const after = await store.claim('fence-b', 'fp', 10_000);
    if (before.status !== 'claimed' || after.status !== 'claimed') throw new Error('expected two claims');
    expect(after.fence).toBeGreaterThan(before.fence);
    expect(Number.isSafeInteger(after.fence)).toBe(true);
  });

  it('expires an in-progress record after its lease plus the abandoned retention', async () => {
    const store = new RedisIdempotencyStore(redisPair.first, {
      keyPrefix: redisPair.prefix,
      abandonedRetentionMs: 60_000,
    });
    await store.claim('ttl', 'fp', 5_000);
    const ttl = await redisPair.first.pttl(`${redisPair.prefix}ttl`);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(65_000);
  });

  it('rejects non-positive durations before touching Redis', async () => {
    const store = new RedisIdempotencyStore(redisPair.first, { keyPrefix: redisPair.prefix });
    await expect(store.claim('bad', 'fp', 0)).rejects.toBeInstanceOf(RangeError);
    await expect(store.complete('bad', 1, 'r', -1)).rejects.toBeInstanceOf(RangeError);
  });
});
