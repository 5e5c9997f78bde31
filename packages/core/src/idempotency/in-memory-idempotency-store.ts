/** The embedded, single-process idempotency store (DESIGN §5, §7): leases, fencing tokens, bounded memory. */
import { ToolError } from '../errors/tool-error.js';
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/** Options of {@link InMemoryIdempotencyStore}. */
export interface InMemoryIdempotencyStoreOptions {
  /** The clock, injectable for tests; defaults to `Date.now`. */
  now?: () => number;
  /** The most records kept at once; defaults to 100,000. */
  maxEntries?: number;
  /** How long an abandoned lease is kept after it expired, so a retry can take over; defaults to 24 h. */
  abandonedRetentionMs?: number;
  /** How often expired records are swept, by the injected clock; defaults to 60 s. */
  sweepIntervalMs?: number;
}

interface IdempotencyRecord {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  fence: number;
  leaseExpiresAt: number;
  result: string;
  /** When the record may be forgotten: end of retention, or end of an abandoned lease's grace period. */
  expiresAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function checkPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
}

/**
 * Idempotency records in process memory. Atomic within one process only: for the embedded default,
 * never for replicas sharing work. Fences come from one store-wide counter, so they are never reused.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #abandonedRetentionMs: number;
  readonly #sweepIntervalMs: number;
  #lastFence = 0;
  #lastSweep: number;

  constructor(options: InMemoryIdempotencyStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#abandonedRetentionMs = options.abandonedRetentionMs ?? DAY_MS;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    if (!Number.isSafeInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new RangeError('maxEntries must be >= 1');
    }
    checkPositive('abandonedRetentionMs', this.#abandonedRetentionMs);
    checkPositive('sweepIntervalMs', this.#sweepIntervalMs);
    this.#lastSweep = this.#now();
  }

  /** How many records are held, expired ones included until swept. */
  get size(): number {
    return this.#records.size;
  }

  /** Claims `key` for `fingerprint`, or reports the live, completed or conflicting record. */
  async claim(key: string, fingerprint: string, leaseMs: number): Promise<ClaimResult> {
    checkPositive('leaseMs', leaseMs);
    const now = this.#now();
    this.#sweep(now);
    const record = this.#live(key, now);
    if (record === undefined) {
      this.#makeRoom(now);
      const fence = this.#nextFence();
      this.#records.set(key, this.#leased(fingerprint, fence, now, leaseMs));
      return { status: 'claimed', fence, takeover: false };
    }
    if (record.fingerprint !== fingerprint) return { status: 'mismatch' };
    if (record.state === 'completed') return { status: 'completed', result: record.result };
    if (record.leaseExpiresAt > now) {
      return { status: 'in_progress', retryAfterMs: Math.max(1, Math.ceil(record.leaseExpiresAt - now)) };
    }
    const fence = this.#nextFence();
    Object.assign(record, this.#leased(fingerprint, fence, now, leaseMs));
    return { status: 'claimed', fence, takeover: true };
  }

  /** Stores `result` for `retentionMs` if `fence` still owns the in-progress record; false otherwise. */
  async complete(key: string, fence: number, result: string, retentionMs: number): Promise<boolean> {
    checkPositive('retentionMs', retentionMs);
    const now = this.#now();
    const record = this.#live(key, now);
    if (record === undefined || record.state !== 'in_progress' || record.fence !== fence) return false;
    // Re-insert so Map order is completion order: eviction takes the oldest completed first.
    this.#records.delete(key);
    this.#records.set(key, { ...record, state: 'completed', result, expiresAt: now + retentionMs });
    return true;
  }

  /** Drops the in-progress record if `fence` still owns it. */
  async release(key: string, fence: number): Promise<void> {
    const record = this.#records.get(key);
    if (record !== undefined && record.state === 'in_progress' && record.fence === fence) this.#records.delete(key);
  }

  /** Forgets every record. */
  async close(): Promise<void> {
    this.#records.clear();
  }

  #nextFence(): number {
    this.#lastFence += 1;
    return this.#lastFence;
  }

  #leased(fingerprint: string, fence: number, now: number, leaseMs: number): IdempotencyRecord {
    const leaseExpiresAt = now + leaseMs;
    return {
      fingerprint,
      state: 'in_progress',
      fence,
      leaseExpiresAt,
      result: '',
      expiresAt: leaseExpiresAt + this.#abandonedRetentionMs,
    };
  }

  /** The record of `key` unless it has expired (an expired one is dropped). */
  #live(key: string, now: number): IdempotencyRecord | undefined {
    const record = this.#records.get(key);
    if (record !== undefined && record.expiresAt <= now) {
      this.#records.delete(key);
      return undefined;
    }
    return record;
  }

  #sweep(now: number, force = false): void {
    if (!force && now - this.#lastSweep < this.#sweepIntervalMs) return;
    this.#lastSweep = now;
    for (const [key, record] of this.#records) {
      if (record.expiresAt <= now) this.#records.delete(key);
    }
  }

  /** Keeps the store under `maxEntries`: expired first, then oldest completed, then abandoned leases. */
  #makeRoom(now: number): void {
    if (this.#records.size < this.#maxEntries) return;
    this.#sweep(now, true);
    this.#evictWhere((record) => record.state === 'completed');
    this.#evictWhere((record) => record.leaseExpiresAt <= now);
    if (this.#records.size >= this.#maxEntries) {
      throw new ToolError('OVERLOADED', 'The server is handling too many requests at once; retry in a few seconds.', {
        retryable: true,
        retryAfterMs: 1000,
      });
    }
  }

  #evictWhere(predicate: (record: IdempotencyRecord) => boolean): void {
    for (const [key, record] of this.#records) {
      if (this.#records.size < this.#maxEntries) return;
      if (predicate(record)) this.#records.delete(key);
    }
  }
}
