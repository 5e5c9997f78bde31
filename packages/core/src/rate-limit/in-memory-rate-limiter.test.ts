/** The in-memory token bucket, driven by an injected clock. */
import { describe, expect, it } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { InMemoryRateLimiter } from './in-memory-rate-limiter.js';
import { rateLimitedError } from './rate-limiter.js';

function clocked(maxKeys?: number) {
  let clock = 1_000_000;
  const limiter = new InMemoryRateLimiter({ now: () => clock, ...(maxKeys === undefined ? {} : { maxKeys }) });
  return {
    limiter,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const LIMIT = { ratePerSec: 10, burst: 20 };

describe('InMemoryRateLimiter', () => {
  it('allows the burst, then the refill rate: 20 + 10/s over 1.5 s', async () => {
    const { limiter, advance } = clocked();
    let allowed = 0;
    for (let t = 0; t <= 1500; t += 5) {
      if ((await limiter.take('alice', LIMIT)).allowed) allowed += 1;
      advance(5);
    }
    expect(allowed).toBeGreaterThanOrEqual(34);
    expect(allowed).toBeLessThanOrEqual(36);
  });

  it('reports remaining tokens and the exact wait for the next one', async () => {
    const { limiter, advance } = clocked();
    expect(await limiter.take('alice', { ratePerSec: 2, burst: 2 })).toEqual({
      allowed: true,
      retryAfterMs: 0,
      remaining: 1,
    });
    await limiter.take('alice', { ratePerSec: 2, burst: 2 });
    expect(await limiter.take('alice', { ratePerSec: 2, burst: 2 })).toEqual({
      allowed: false,
      retryAfterMs: 500,
      remaining: 0,
    });
    advance(200);
    expect(await limiter.take('alice', { ratePerSec: 2, burst: 2 })).toMatchObject({
      allowed: false,
      retryAfterMs: 300,
    });
    advance(300);
    expect(await limiter.take('alice', { ratePerSec: 2, burst: 2 })).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps principals independent', async () => {
    const { limiter } = clocked();
    for (let i = 0; i < 20; i += 1) await limiter.take('alice', LIMIT);
    expect((await limiter.take('alice', LIMIT)).allowed).toBe(false);
    expect(await limiter.take('bob', LIMIT)).toMatchObject({ allowed: true, remaining: 19 });
  });

  it('never holds more than maxKeys buckets', async () => {
    const { limiter } = clocked(3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) await limiter.take(key, LIMIT);
    expect(limiter.size).toBe(3);
  });

  it('rejects a bucket that cannot work', async () => {
    const { limiter } = clocked();
    await expect(limiter.take('a', { ratePerSec: 0, burst: 1 })).rejects.toBeInstanceOf(RangeError);
    await expect(limiter.take('a', { ratePerSec: 1, burst: 0.5 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('rateLimitedError', () => {
  it('is a retryable RATE_LIMITED error carrying the wait', () => {
    const error = rateLimitedError(249.2);
    expect(isToolError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 250 });
    expect(error.message).toBe('Too many calls; retry after 250 ms.');
  });
});
