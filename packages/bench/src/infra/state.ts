/** The shared state the bench uses: a throwaway PostgreSQL schema and one Redis database, cleaned up after. */
import { Redis } from 'ioredis';
import pg from 'pg';

/** Where the bench's state lives; the URLs can be overridden with BENCH_DATABASE_URL and BENCH_REDIS_URL. */
export interface BenchState {
  readonly databaseUrl: string;
  /** A schema of our own, so the ledger tables never land in someone else's `public`. */
  readonly schema: string;
  readonly redisUrl: string;
  /** Drops the schema and the keys the run wrote (only when the Redis database was empty at start). */
  cleanup(): Promise<void>;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
// A Redis database of its own (index 11): idempotency records of the run can be removed afterwards.
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/11';

/** Checks Redis and creates the schema; the reason instead when either is unreachable. */
export async function prepareState(): Promise<BenchState | { unavailable: string }> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL;
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  try {
    await redis.connect();
    const emptyAtStart = (await redis.dbsize()) === 0;
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    return {
      databaseUrl,
      schema,
      redisUrl,
      async cleanup() {
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
        await db.end();
        if (emptyAtStart) await redis.flushdb();
        redis.disconnect();
      },
    };
  } catch (error) {
    await db.end().catch(() => undefined);
    redis.disconnect();
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}
