/** The embedded, single-process token-bucket rate limiter (DESIGN §7), with bounded memory. */
import { checkRateLimit, type RateLimit, type RateLimitDecision, type RateLimiter, refillMs } from './rate-limiter.js';

/** Options of {@link InMemoryRateLimiter}. */
export interface InMemoryRateLimiterOptions {
  /** The clock, injectable for tests; defaults to `Date.now`. */
  now?: () => number;
  /** The most buckets kept; beyond it the least recently used goes (that key starts full again). Default 100,000. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** When the bucket is full again if left alone, so forgetting it changes nothing. */
  fullAt: number;
}

/** Token buckets in process memory: for one process only, never for replicas sharing a limit. */
export class InMemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(options: InMemoryRateLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 100_000;
    if (!Number.isSafeInteger(this.#maxKeys) || this.#maxKeys < 1) throw new RangeError('maxKeys must be >= 1');
  }

  /** How many buckets are held. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token from the bucket of `key`. */
  async take(key: string, limit: RateLimit): Promise<RateLimitDecision> {
    checkRateLimit(limit);
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    const elapsedMs = bucket === undefined ? 0 : Math.max(0, now - bucket.updatedAt);
    const refilled = bucket === undefined ? limit.burst : bucket.tokens + (elapsedMs * limit.ratePerSec) / 1000;
    let tokens = Math.min(limit.burst, refilled);
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    // Delete then set: Map order becomes least recently used first, for eviction.
    this.#buckets.delete(key);
    this.#makeRoom(now);
    this.#buckets.set(key, { tokens, updatedAt: now, fullAt: now + refillMs(limit) });
    const retryAfterMs = allowed ? 0 : Math.max(1, Math.ceil(((1 - tokens) * 1000) / limit.ratePerSec));
    return { allowed, retryAfterMs, remaining: Math.floor(tokens) };
  }

  #makeRoom(now: number): void {
    if (this.#buckets.size < this.#maxKeys) return;
    for (const [key, bucket] of this.#buckets) if (bucket.fullAt <= now) this.#buckets.delete(key);
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) return;
      this.#buckets.delete(key);
    }
  }
}
