/** The port behind per-principal rate limits (DESIGN §9): a token bucket per key, and the error it leads to. */
import { ERROR_CODES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';

/** A token bucket's shape: it refills `ratePerSec` tokens a second and holds at most `burst`. */
export interface RateLimit {
  /** Tokens added per second; positive. */
  readonly ratePerSec: number;
  /** The bucket's capacity, and so the most calls allowed at once after a quiet spell; at least 1. */
  readonly burst: number;
}

/** The answer to one `take`. */
export interface RateLimitDecision {
  /** Whether the call may proceed (one token was taken). */
  readonly allowed: boolean;
  /** 0 when allowed; otherwise how long until a token is available (at least 1). */
  readonly retryAfterMs: number;
  /** Whole tokens left after this call. */
  readonly remaining: number;
}

/** Takes one token per call from the bucket of `key` (e.g. `<principal>` or `<principal>:<tool>`). */
export interface RateLimiter {
  /** Takes a token from the bucket of `key`, which starts full; never waits. */
  take(key: string, limit: RateLimit): Promise<RateLimitDecision>;
}

/** Throws a RangeError unless `limit` describes a usable bucket. */
export function checkRateLimit(limit: RateLimit): void {
  if (!Number.isFinite(limit.ratePerSec) || limit.ratePerSec <= 0) throw new RangeError('ratePerSec must be positive');
  if (!Number.isFinite(limit.burst) || limit.burst < 1) throw new RangeError('burst must be at least 1');
}

/** How long an untouched bucket takes to refill completely; after that it is the same as a new one. */
export function refillMs(limit: RateLimit): number {
  return Math.ceil((limit.burst / limit.ratePerSec) * 1000);
}

/** The RATE_LIMITED error a refused call answers with: retryable, with the wait. */
export function rateLimitedError(retryAfterMs: number): ToolError {
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  return new ToolError(ERROR_CODES.RATE_LIMITED, `Too many calls; retry after ${wait} ms.`, {
    retryable: true,
    retryAfterMs: wait,
  });
}
