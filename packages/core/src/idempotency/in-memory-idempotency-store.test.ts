/** Runs the IdempotencyStore contract against the in-memory store, plus its memory bounds. */
import { describe, expect, it } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { describeIdempotencyStoreContract } from '../testing/idempotency-store-contract.js';
import { InMemoryIdempotencyStore, type InMemoryIdempotencyStoreOptions } from './in-memory-idempotency-store.js';

function makeClockedStore(options: Omit<InMemoryIdempotencyStoreOptions, 'now'> = {}) {
  let clock = 1_000_000;
  const store = new InMemoryIdempotencyStore({ ...options, now: () => clock });
  return {
    store,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describeIdempotencyStoreContract('InMemoryIdempotencyStore', async () => {
  const { store, advance } = makeClockedStore();
  return { store, advance, cleanup: () => store.close() };
});

async function claimFence(store: InMemoryIdempotencyStore, key: string, leaseMs = 1_000): Promise<number> {
  const claim = await store.claim(key, 'fp', leaseMs);
  if (claim.status !== 'claimed') throw new Error(`expected claimed, got ${claim.status}`);
  return claim.fence;
}

describe('InMemoryIdempotencyStore bounds', () => {
  it('reports the exact lease left as retryAfterMs', async () => {
    const { store, advance } = makeClockedStore();
    await claimFence(store, 'k', 1_000);
    advance(400);
    expect(await store.claim('k', 'fp', 1_000)).toEqual({ status: 'in_progress', retryAfterMs: 600 });
  });

  it('never reuses a fence, even after the key expired and was swept', async () => {
    const { store, advance } = makeClockedStore({ sweepIntervalMs: 1 });
    const first = await claimFence(store, 'k');
    await store.complete('k', first, 'r', 10);
    advance(20);
    await store.claim('other', 'fp', 1_000);
    expect(store.size).toBe(1);
    expect(await claimFence(store, 'k')).toBeGreaterThan(first);
  });

  it('sweeps expired records lazily on later claims', async () => {
    const { store, advance } = makeClockedStore({ sweepIntervalMs: 100 });
    for (let i = 0; i < 10; i += 1) await store.complete(`k${i}`, await claimFence(store, `k${i}`), 'r', 50);
    expect(store.size).toBe(10);
    advance(100);
    await store.claim('fresh', 'fp', 1_000);
    expect(store.size).toBe(1);
  });

  it('keeps an abandoned lease for takeover, then forgets it after the grace period', async () => {
    const { store, advance } = makeClockedStore({ abandonedRetentionMs: 5_000 });
    await claimFence(store, 'k', 100);
    advance(4_000);
    expect(await store.claim('k', 'fp', 100)).toMatchObject({ status: 'claimed', takeover: true });
    advance(5_200);
    expect(await store.claim('k', 'fp', 100)).toMatchObject({ status: 'claimed', takeover: false });
  });

  it('evicts the oldest completed record first when full', async () => {
    const { store } = makeClockedStore({ maxEntries: 3 });
    const live = await claimFence(store, 'live', 60_000);
    await store.complete('old', await claimFence(store, 'old'), 'old', 60_000);
    await store.complete('new', await claimFence(store, 'new'), 'new', 60_000);
    await claimFence(store, 'extra');
    expect(store.size).toBe(3);
    expect((await store.claim('old', 'fp', 1_000)).status).toBe('claimed');
    expect(await store.claim('live', 'fp', 1_000)).toMatchObject({ status: 'in_progress' });
    expect(await store.complete('live', live, 'ok', 60_000)).toBe(true);
  });

  it('fails closed with OVERLOADED when every slot holds a live lease', async () => {
    const { store } = makeClockedStore({ maxEntries: 2 });
    await claimFence(store, 'a', 60_000);
    await claimFence(store, 'b', 60_000);
    const error = await store.claim('c', 'fp', 1_000).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isToolError(error) && error.code).toBe('OVERLOADED');
    expect(await store.claim('a', 'fp', 1_000)).toMatchObject({ status: 'in_progress' });
  });

  it('rejects a non-positive lease or retention', async () => {
    const { store } = makeClockedStore();
    await expect(store.claim('k', 'fp', 0)).rejects.toThrow(RangeError);
    await expect(store.complete('k', 1, 'r', -1)).rejects.toThrow(RangeError);
  });
});
