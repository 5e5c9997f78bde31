/** Test support for suites that need a real Redis: reachability (a failure under CI), key prefixes and cleanup. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisClient, waitForRedisReady } from './redis-client.js';

/** The Redis the integration tests use: `REDIS_URL`, or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answered, and why not. */
export interface RedisAvailability {
  readonly available: boolean;
  readonly url: string;
}

/**
 * Pings the test Redis with a 1 s timeout. Unreachable under `CI=true` throws (the suite fails); otherwise it
 * says so on stderr and returns `available: false`, for `describe.skipIf(!redis.available)`.
 */
export async function requireRedis(url = TEST_REDIS_URL): Promise<RedisAvailability> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let socketError: Error | undefined;
  probe.on('error', (error: Error) => {
    socketError = error; // the rejection below only says "Connection is closed"; this says why
  });
  try {
    await probe.connect();
    await probe.ping();
    return { available: true, url };
  } catch (error) {
    const reason = socketError?.message ?? (error instanceof Error ? error.message : String(error));
    if (process.env.CI === 'true')
      throw new Error(`Redis at ${safeUrl(url)} is unreachable (${reason}); CI requires it`);
    process.stderr.write(
      `\n[redis] Redis at ${safeUrl(url)} is unreachable (${reason}); SKIPPING Redis integration tests. ` +
        'Start redis-server or set REDIS_URL to run them (under CI=true this is a failure).\n',
    );
    return { available: false, url };
  } finally {
    probe.disconnect();
  }
}

/** A key prefix unique to one test run, so parallel runs never see each other's keys. */
export function uniqueTestPrefix(): string {
  return `bulkhead-test:${randomBytes(6).toString('hex')}:`;
}

/** A fail-fast client on the test Redis, ready for its first command. */
export async function connectTestRedis(url = TEST_REDIS_URL): Promise<Redis> {
  const client = createRedisClient(url, { connectionName: 'bulkhead-test' });
  await waitForRedisReady(client);
  return client;
}

/**
 * Two connections to the test Redis standing in for two replicas, under a key prefix of this run: connected before
 * the enclosing describe's tests, their keys deleted and both closed after. Read `first`/`second` inside tests.
 */
export function twoReplicaConnections(): { readonly prefix: string; readonly first: Redis; readonly second: Redis } {
  const prefix = uniqueTestPrefix();
  let clients: [Redis, Redis] | undefined;
  beforeAll(async () => {
    clients = await Promise.all([connectTestRedis(), connectTestRedis()]);
  });
  afterAll(async () => {
    if (!clients) return;
    await deleteKeysWithPrefix(clients[0], prefix);
    await Promise.all(clients.map((c) => c.quit()));
  });
  const opened = () => {
    if (!clients) throw new Error('twoReplicaConnections: read the connections inside tests or hooks');
    return clients;
  };
  return {
    prefix,
    get first() {
      return opened()[0];
    },
    get second() {
      return opened()[1];
    },
  };
}

/** Deletes every key under `prefix` (SCAN + DEL, never KEYS). */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
