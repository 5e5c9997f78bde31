/**
 * "Flushing Redis between a call and its retry must still replay, not pay twice" (issue 4), on the machine's
 * real Redis: core's idempotency records (and the refund quota) in Redis, the ledger on PGlite and, when
 * reachable, PostgreSQL. Core's keys are deleted between a call and its retry; the ledger's row answers.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, createRuntime } from '@bulkhead/core';
import { createRedisClient, RedisIdempotencyStore, RedisQuotaCounter, waitForRedisReady } from '@bulkhead/core/redis';
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { REFUND_QUOTA_WINDOW_MS } from '../domain/refund-limits.js';
import type { ChargeRequest, RefundRequest } from '../ports/payment-processor.js';
import type { SqlClient } from '../ports/sql-client.js';
import { createBillingServer } from '../server.js';
import {
  type Loose,
  ledgerViolations,
  pgliteDatabase,
  postgresDatabase,
  requirePostgres,
  rid,
  type TestDatabase,
} from '../testing/billing-test-kit.js';
import { SandboxPaymentProcessor } from './sandbox-payment-processor.js';

type RedisClient = ReturnType<typeof createRedisClient>;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Connects to the test Redis, or says why not: skipped with a message, a failure under CI=true. */
async function probeRedis(): Promise<RedisClient | undefined> {
  const client = createRedisClient(REDIS_URL, { connectionName: 'billing-test' });
  try {
    await waitForRedisReady(client, 1_500);
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    const message = `Redis at ${new URL(REDIS_URL).host} is unreachable (${(error as Error).message}): the billing Redis replay tests are SKIPPED`;
    if (process.env.CI === 'true') throw new Error(`${message}, and CI=true makes that a failure`);
    process.stderr.write(`\n${message}\n`);
    return undefined;
  }
}

/** Deletes every key matching `pattern` (SCAN + DEL, never FLUSHALL: other suites share this Redis). */
async function deleteKeys(client: RedisClient, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** The sandbox processor, counting every call that reaches it (its own dedup would hide a second charge). */
class CountingProcessor extends SandboxPaymentProcessor {
  readonly reached = { charges: 0, refunds: 0 };
  override charge(request: ChargeRequest) {
    this.reached.charges += 1;
    return super.charge(request);
  }
  override refund(request: RefundRequest) {
    this.reached.refunds += 1;
    return super.refund(request);
  }
}

const redis = await probeRedis();
const postgresUrl = redis ? await requirePostgres() : undefined;
// One prefix per run: this run's keys only, so parallel suites on the same Redis never see each other.
const prefix = `bulkhead-test:billing:${randomBytes(6).toString('hex')}:`;

afterAll(async () => {
  if (!redis) return;
  await deleteKeys(redis, `${prefix}*`);
  redis.disconnect();
});

const engines: [string, () => Promise<TestDatabase>][] = [['PGlite', pgliteDatabase]];
if (postgresUrl) engines.push(['PostgreSQL', () => postgresDatabase(postgresUrl)]);

describe.skipIf(!redis).each(engines)('core idempotency in real Redis, ledger on %s', (engine, open) => {
  // Each engine's run has its own keys (idempotency records and the refund quota).
  const runPrefix = `${prefix}${engine.toLowerCase()}:`;
  const idemPattern = `${runPrefix}bulkhead:idem:billing:*`;
  const quotaPrefix = `${runPrefix}quota:`;

  /** A replica: its own runtime on the shared Redis, the shared database and processor. */
  async function replica(db: SqlClient, processor: CountingProcessor): Promise<InProcessConnection> {
    const client = redis as RedisClient;
    const runtime = createRuntime('billing', {
      logger: createLogger({ name: 'billing-test', level: 'silent' }),
      idempotencyStore: new RedisIdempotencyStore(client, { keyPrefix: runPrefix }),
      quotaCounter: new RedisQuotaCounter(client, { keyPrefix: quotaPrefix }),
    });
    return connectInProcess(createBillingServer({ db, processor, now: () => new Date() }, runtime));
  }

  it('a retry after core’s keys were deleted replays from the ledger: one charge, one refund, quota counted once', async () => {
    const client = redis as RedisClient;
    const database = await open();
    const processor = new CountingProcessor();
    const a = await replica(database.db, processor);
    const b = await replica(database.db, processor);
    const call = (c: InProcessConnection, tool: string, args: Record<string, unknown>) =>
      callToolForTest<Loose>(c.client, tool, args);
    try {
      const onboarded = await call(a, 'onboard_customer', {
        name: 'Redis Flush Ltd',
        email: `${randomBytes(5).toString('hex')}@example.com`,
        currency: 'USD',
        plan_id: 'pro_usd',
        request_id: rid('onboard'),
      });
      expect(onboarded.isError, onboarded.text).toBe(false);
      const collectArgs = {
        invoice_id: onboarded.structured?.invoice.id,
        currency: 'USD',
        request_id: rid('collect'),
      };
      const paid = await call(a, 'collect_payment', collectArgs);
      expect(paid.isError, paid.text).toBe(false);
      expect(processor.reached.charges).toBe(1);

      // Core wrote its records to Redis; delete them (what a FLUSHALL or an eviction would do to this call).
      expect(await deleteKeys(client, idemPattern)).toBeGreaterThanOrEqual(2);

      // Five concurrent retries on two replicas: one takes core's new lease and replays from the ledger.
      const retries = await Promise.all([a, b, a, b, a].map((c) => call(c, 'collect_payment', collectArgs)));
      for (const r of retries) {
        if (r.isError) expect(r.error?.code, r.text).toBe('IDEMPOTENCY_IN_PROGRESS');
        else expect(r.structured).toEqual(paid.structured);
      }
      const replayed = (r: { meta?: Record<string, unknown> | undefined }) =>
        (r.meta?.['io.bulkhead/idempotency'] as { replayed?: boolean } | undefined)?.replayed;
      const ledgerReplay = retries.find((r) => !r.isError && replayed(r) === false);
      expect(ledgerReplay?.text).toContain('Already done earlier');
      expect(processor.reached.charges).toBe(1);

      // And the same for a refund: the daily refund quota (in Redis) is counted once.
      const refundArgs = {
        payment_id: paid.structured?.payment.id,
        currency: 'USD',
        amount_minor: 1_200,
        reason: 'service_issue',
        request_id: rid('refund'),
      };
      const refunded = await call(b, 'issue_refund', refundArgs);
      expect(refunded.isError, refunded.text).toBe(false);
      expect(await deleteKeys(client, idemPattern)).toBeGreaterThanOrEqual(1);
      const refundReplay = await call(a, 'issue_refund', refundArgs);
      expect(refundReplay.isError, refundReplay.text).toBe(false);
      expect(refundReplay.text).toContain('Already done earlier');
      expect(refundReplay.structured).toEqual(refunded.structured);
      // Core stored the ledger's answer again: the next retry is a plain replay from Redis.
      const coreReplay = await call(b, 'issue_refund', refundArgs);
      expect(coreReplay.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
      expect(processor.reached.refunds).toBe(1);
      const quota = await new RedisQuotaCounter(client, { keyPrefix: quotaPrefix }).consume(
        'refund:local:USD',
        0,
        Number.MAX_SAFE_INTEGER,
        REFUND_QUOTA_WINDOW_MS,
      );
      expect(quota.used).toBe(1_200);

      const count = async (sql: string, params: unknown[]) =>
        Number((await database.db.query<{ n: unknown }>(sql, params))[0]?.n);
      expect(
        await count('SELECT count(*) AS n FROM ledger_transactions WHERE request_id = $1', [collectArgs.request_id]),
      ).toBe(1);
      expect(
        await count('SELECT count(*) AS n FROM ledger_transactions WHERE request_id = $1', [refundArgs.request_id]),
      ).toBe(1);
      expect(await count('SELECT count(*) AS n FROM payments WHERE invoice_id = $1', [collectArgs.invoice_id])).toBe(1);
      expect(await count('SELECT count(*) AS n FROM refunds WHERE payment_id = $1', [refundArgs.payment_id])).toBe(1);
      expect(await ledgerViolations(database.db)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
