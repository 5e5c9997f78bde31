/** Quota windows in process memory: one replica only (the default without REDIS_URL). */
import { type QuotaCounter, type QuotaDecision, windowStart } from './quota-counter.js';

/** A {@link QuotaCounter} in a Map, with an injectable clock for tests. */
export class InMemoryQuotaCounter implements QuotaCounter {
  readonly #windows = new Map<string, { start: number; used: number }>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async consume(key: string, amount: number, limit: number, windowMs: number): Promise<QuotaDecision> {
    const now = this.#now();
    const start = windowStart(now, windowMs);
    const current = this.#windows.get(key);
    const used = current && current.start === start ? current.used : 0;
    const resetMs = start + windowMs - now;
    if (used + amount > limit) return { allowed: false, used, resetMs };
    const next = Math.max(0, used + amount);
    this.#windows.set(key, { start, used: next });
    return { allowed: true, used: next, resetMs };
  }
}
