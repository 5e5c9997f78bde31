/** Runs the JobStore contract against Redis, with two connections standing in for two replicas. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeJobStoreContract } from '../jobs/job-store-contract.js';
import { RedisJobStore } from './redis-job-store.js';
import { connectTestRedis, deleteKeysWithPrefix, requireRedis, uniqueTestPrefix } from './redis-test-support.js';

const redis = await requireRedis();

describe.skipIf(!redis.available)('RedisJobStore on a real Redis', () => {
  const prefix = uniqueTestPrefix();
  let first: Redis;
  let second: Redis;

  beforeAll(async () => {
    [first, second] = await Promise.all([connectTestRedis(), connectTestRedis()]);
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(first, prefix);
    await Promise.all([first.quit(), second.quit()]);
  });

  describeJobStoreContract('RedisJobStore', async () => ({
    store: new RedisJobStore(first, { keyPrefix: prefix }),
    other: new RedisJobStore(second, { keyPrefix: prefix }),
    advance: (ms) => sleep(ms),
    cleanup: async () => {},
  }));
});
