/** Runs the JobStore contract against Redis, with two connections standing in for two replicas. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe } from 'vitest';
import { describeJobStoreContract } from '../jobs/job-store-contract.js';
import { RedisJobStore } from './redis-job-store.js';
import { requireRedis, twoReplicaConnections } from './redis-test-support.js';

const redis = await requireRedis();

describe.skipIf(!redis.available)('RedisJobStore on a real Redis', () => {
  const redisPair = twoReplicaConnections();

  describeJobStoreContract('RedisJobStore', async () => ({
    store: new RedisJobStore(redisPair.first, { keyPrefix: redisPair.prefix }),
    other: new RedisJobStore(redisPair.second, { keyPrefix: redisPair.prefix }),
    advance: (ms) => sleep(ms),
    cleanup: async () => {},
  }));
});
