/** The Redis token bucket on a real Redis: one limit shared over two connections, principals independent. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { requireRedis, twoReplicaConnections } from './redis-test-support.js';

const redis = await requireRedis();
const LIMIT = { ratePerSec: 10, burst: 20 };

describe.skipIf(!redis.available)('RedisRateLimiter on a real Redis', () => {
  const redisPair = twoReplicaConnections();

  it('allows 20 + 10/s to one principal across two connections, and leaves another principal alone', async () => {
    const limiters = [redisPair.first, redisPair.second].map(
      (client) => new RedisRateLimiter(client, { keyPrefix: redisPair.prefix }),
    );
    let allowed = 0;
    let calls = 0;
    const started = performance.now();
    let firstEnd = 0;
    let lastStart = 0;
    let lastEnd = started;
    while (lastEnd - started < 1500) {
      const limiter = limiters[calls % 2] ?? limiters[0];
      lastStart = performance.now();
      if ((await limiter?.take('alice', LIMIT))?.allowed) allowed += 1;
      lastEnd = performance.now();
      if (calls === 0) firstEnd = lastEnd;
      calls += 1;
      await sleep(2);
    }
    // The bucket refills between the redisPair.first take and the last one; each arrived somewhere inside its own
    // round trip, so the exact count is bracketed by those times (±1 token), whatever the machine's load.
    expect(allowed).toBeGreaterThanOrEqual(Math.floor(20 + (10 * (lastStart - firstEnd)) / 1000) - 1);
    expect(allowed).toBeLessThanOrEqual(Math.ceil(20 + (10 * (lastEnd - started)) / 1000) + 1);
    expect(calls).toBeGreaterThan(allowed);
    expect(await limiters[1]?.take('bob', LIMIT)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 19 });
  });

  it('tells a refused caller how long to wait, and expires idle buckets', async () => {
    const limiter = new RedisRateLimiter(redisPair.first, { keyPrefix: redisPair.prefix });
    const limit = { ratePerSec: 1, burst: 1 };
    expect(await limiter.take('carol', limit)).toEqual({ allowed: true, retryAfterMs: 0, remaining: 0 });
    const refused = await limiter.take('carol', limit);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    const ttl = await redisPair.first.pttl(`${redisPair.prefix}carol`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2000);
  });
});
