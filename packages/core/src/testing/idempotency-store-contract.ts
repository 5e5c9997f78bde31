/** The shared vitest contract every IdempotencyStore implementation must pass (DESIGN §5). */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';

/** A store under test, its clock and its teardown. */
export interface IdempotencyStoreHarness {
  /** The store under test. */
  store: IdempotencyStore;
  /** Moves the store's clock forward by `ms` (a real store may simply sleep). */
  advance(ms: number): Promise<void> | void;
  /** Closes the store and drops what the test wrote. */
  cleanup(): Promise<void>;
}

const LONG_LEASE_MS = 10_000;
const SHORT_MS = 200;
const PAST_SHORT_MS = 350;
const RETENTION_MS = 60_000;

/** A result no JSON round trip may alter: a 15-digit integer, escapes and characters beyond ASCII. */
const TRICKY_RESULT =
  '{"amount":100000000000001,"ratio":1.10,"note":"caf\u00e9 \u2603 \ud834\udd1e \u2028 \\"quoted\\"\\n","empty":{}}';

/** Registers `describe(name)` with the full idempotency-store contract, one fresh harness per test. */
export function describeIdempotencyStoreContract(
  name: string,
  makeStore: () => Promise<IdempotencyStoreHarness>,
): void {
  describe(`${name} (IdempotencyStore contract)`, () => {
    let harness: IdempotencyStoreHarness | undefined;
    const store = (): IdempotencyStore => {
      if (harness === undefined) throw new Error('harness not ready');
      return harness.store;
    };
    const advance = async (ms: number): Promise<void> => {
      await harness?.advance(ms);
    };
    const key = (): string => `contract:${randomUUID()}`;

    beforeEach(async () => {
      harness = await makeStore();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    it('grants the first claim a lease without takeover', async () => {
      const result = await store().claim(key(), 'fp-a', LONG_LEASE_MS);
      expect(result).toMatchObject({ status: 'claimed', takeover: false });
      if (result.status === 'claimed') expect(Number.isInteger(result.fence)).toBe(true);
    });

    it('replays a completed result byte for byte', async () => {
      const k = key();
      const claim = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
      expect(await store().complete(k, claim.fence, TRICKY_RESULT, RETENTION_MS)).toBe(true);
      const first = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      const second = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      expect(first).toEqual({ status: 'completed', result: TRICKY_RESULT });
      expect(second).toEqual({ status: 'completed', result: TRICKY_RESULT });
      if (first.status === 'completed') expect(first.result.includes('100000000000001')).toBe(true);
    });

    it('answers in_progress with retryAfterMs within the lease while the lease is live', async () => {
      const k = key();
      expect((await store().claim(k, 'fp-a', LONG_LEASE_MS)).status).toBe('claimed');
      const again = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (again.status !== 'in_progress') throw new Error(`expected in_progress, got ${again.status}`);
      expect(again.retryAfterMs).toBeGreaterThanOrEqual(1);
      expect(again.retryAfterMs).toBeLessThanOrEqual(LONG_LEASE_MS);
    });

    it('answers mismatch for other arguments on a live lease', async () => {
      const k = key();
      await store().claim(k, 'fp-a', LONG_LEASE_MS);
      expect(await store().claim(k, 'fp-b', LONG_LEASE_MS)).toEqual({ status: 'mismatch' });
    });

    it('answers mismatch for other arguments on a completed record', async () => {
      const k = key();
      const claim = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
      await store().complete(k, claim.fence, 'done', RETENTION_MS);
      expect(await store().claim(k, 'fp-b', LONG_LEASE_MS)).toEqual({ status: 'mismatch' });
      expect(await store().claim(k, 'fp-a', LONG_LEASE_MS)).toEqual({ status: 'completed', result: 'done' });
    });

    it('answers mismatch for other arguments on an expired lease', async () => {
      const k = key();
      await store().claim(k, 'fp-a', SHORT_MS);
      await advance(PAST_SHORT_MS);
      expect(await store().claim(k, 'fp-b', LONG_LEASE_MS)).toEqual({ status: 'mismatch' });
    });

    it('lets a retry execute after release, with a higher fence', async () => {
      const k = key();
      const first = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (first.status !== 'claimed') throw new Error(`expected claimed, got ${first.status}`);
      await store().release(k, first.fence);
      const retry = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (retry.status !== 'claimed') throw new Error(`expected claimed, got ${retry.status}`);
      expect(retry.takeover).toBe(false);
      expect(retry.fence).toBeGreaterThan(first.fence);
    });

    it('ignores release with a fence that does not own the lease', async () => {
      const k = key();
      const claim = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
      await store().release(k, claim.fence + 1);
      expect((await store().claim(k, 'fp-a', LONG_LEASE_MS)).status).toBe('in_progress');
    });

    it('refuses complete with a wrong fence and writes nothing', async () => {
      const k = key();
      const claim = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
      expect(await store().complete(k, claim.fence + 1, 'forged', RETENTION_MS)).toBe(false);
      expect((await store().claim(k, 'fp-a', LONG_LEASE_MS)).status).toBe('in_progress');
      expect(await store().complete(k, claim.fence, 'real', RETENTION_MS)).toBe(true);
      expect(await store().complete(k, claim.fence, 'again', RETENTION_MS)).toBe(false);
      expect(await store().claim(k, 'fp-a', LONG_LEASE_MS)).toEqual({ status: 'completed', result: 'real' });
    });

    it('refuses complete on a key that was never claimed', async () => {
      const k = key();
      expect(await store().complete(k, 1, 'orphan', RETENTION_MS)).toBe(false);
      expect(await store().claim(k, 'fp-a', LONG_LEASE_MS)).toMatchObject({ status: 'claimed', takeover: false });
    });

    it('hands an expired lease over with a higher fence and refuses the old owner', async () => {
      const k = key();
      const old = await store().claim(k, 'fp-a', SHORT_MS);
      if (old.status !== 'claimed') throw new Error(`expected claimed, got ${old.status}`);
      await advance(PAST_SHORT_MS);
      const next = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (next.status !== 'claimed') throw new Error(`expected claimed, got ${next.status}`);
      expect(next.takeover).toBe(true);
      expect(next.fence).toBeGreaterThan(old.fence);
      expect(await store().complete(k, old.fence, 'late', RETENTION_MS)).toBe(false);
      await store().release(k, old.fence);
      expect((await store().claim(k, 'fp-a', LONG_LEASE_MS)).status).toBe('in_progress');
      expect(await store().complete(k, next.fence, 'winner', RETENTION_MS)).toBe(true);
      expect(await store().complete(k, old.fence, 'late', RETENTION_MS)).toBe(false);
      expect(await store().claim(k, 'fp-a', LONG_LEASE_MS)).toEqual({ status: 'completed', result: 'winner' });
    });

    it('forgets a completed record after its retention, so the key is claimed fresh', async () => {
      const k = key();
      const claim = await store().claim(k, 'fp-a', LONG_LEASE_MS);
      if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
      expect(await store().complete(k, claim.fence, 'short-lived', SHORT_MS)).toBe(true);
      await advance(PAST_SHORT_MS);
      const fresh = await store().claim(k, 'fp-b', LONG_LEASE_MS);
      if (fresh.status !== 'claimed') throw new Error(`expected claimed, got ${fresh.status}`);
      expect(fresh.takeover).toBe(false);
      expect(fresh.fence).toBeGreaterThan(claim.fence);
    });

    it('keeps keys independent', async () => {
      const [a, b] = [key(), key()];
      await store().claim(a, 'fp-a', LONG_LEASE_MS);
      expect(await store().claim(b, 'fp-b', LONG_LEASE_MS)).toMatchObject({ status: 'claimed', takeover: false });
    });

    it('grants exactly one of 50 concurrent claims', async () => {
      const k = key();
      const results = await Promise.all(Array.from({ length: 50 }, () => store().claim(k, 'fp-a', LONG_LEASE_MS)));
      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(49);
    });
  });
}
