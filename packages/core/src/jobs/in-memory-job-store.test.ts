/** Runs the JobStore contract against the in-memory store, plus its memory bound. */
import { describe, expect, it } from 'vitest';
import { isToolError } from '../errors/tool-error.js';
import { InMemoryJobStore } from './in-memory-job-store.js';
import { describeJobStoreContract } from './job-store-contract.js';

describeJobStoreContract('InMemoryJobStore', async () => {
  let clock = 1_000_000;
  const store = new InMemoryJobStore({ now: () => clock });
  return {
    store,
    other: store,
    advance: (ms) => {
      clock += ms;
    },
    cleanup: async () => {},
  };
});

describe('InMemoryJobStore bounds', () => {
  it('evicts the oldest finished job when full, and refuses a new job when all are running', async () => {
    const store = new InMemoryJobStore({ maxJobs: 2 });
    const first = await store.create({ kind: 'k', principal: 'p' });
    await store.complete(first.job_id, 'done');
    const second = await store.create({ kind: 'k', principal: 'p' });
    const third = await store.create({ kind: 'k', principal: 'p' });
    expect(await store.read(first.job_id, 'p')).toBeUndefined();
    expect(await store.read(second.job_id, 'p')).toMatchObject({ state: 'running' });
    expect(await store.read(third.job_id, 'p')).toMatchObject({ state: 'running' });
    const refused = await store.create({ kind: 'k', principal: 'p' }).catch((error: unknown) => error);
    expect(isToolError(refused) && refused.code).toBe('OVERLOADED');
  });
});
