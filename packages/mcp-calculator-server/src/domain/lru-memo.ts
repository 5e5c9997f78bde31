/** A small Map-based least-recently-used memo for pure results; it never caches thrown errors. */

/** Hit, miss and size counters of an {@link LruMemo}. */
export interface LruMemoStats {
  hits: number;
  misses: number;
  size: number;
  /** hits / (hits + misses), 0 before the first lookup. */
  hitRate: number;
}

/** Memoizes pure computations by key, evicting the least recently used entry beyond `maxEntries`. */
export class LruMemo<V> {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, { readonly value: V }>();
  #hits = 0;
  #misses = 0;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`LruMemo maxEntries must be a positive integer, got ${String(maxEntries)}.`);
    }
    this.#maxEntries = maxEntries;
  }

  /** Returns the cached value for `key` (marking it most recent) or computes, stores and returns it; errors pass. */
  getOrCompute(key: string, compute: () => V): V {
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#hits += 1;
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached.value;
    }
    this.#misses += 1;
    const value = compute();
    this.#entries.set(key, { value });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) {
        this.#entries.delete(oldest.value);
      }
    }
    return value;
  }

  /** Current counters; a lookup whose computation threw counts as a miss. */
  stats(): LruMemoStats {
    const lookups = this.#hits + this.#misses;
    return {
      hits: this.#hits,
      misses: this.#misses,
      size: this.#entries.size,
      hitRate: lookups === 0 ? 0 : this.#hits / lookups,
    };
  }
}
