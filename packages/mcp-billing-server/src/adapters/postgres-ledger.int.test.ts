/** The shared ledger scenarios on the machine's real PostgreSQL (isolated schema per run), and outage behaviour. */
import { createLogger } from '@bulkhead/core';
import { callToolForTest, connectInProcess } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { createBillingServer } from '../server.js';
import { describeLedgerScenarios } from '../testing/billing-scenarios.js';
import { postgresDatabase, requirePostgres } from '../testing/billing-test-kit.js';
import { assertInvariantsHold } from '../testing/invariant-property.js';
import { ACCOUNTS, post, transfer } from '../use-cases/ledger.js';
import { createPgSqlClient } from './pg-sql-client.js';
import { SandboxPaymentProcessor } from './sandbox-payment-processor.js';

const url = await requirePostgres();

describeLedgerScenarios('PostgreSQL', async () => (url ? postgresDatabase(url) : undefined));

describe('PostgreSQL unavailable', () => {
  for (const [label, connectionString] of [
    ['connection refused', 'postgres://postgres@127.0.0.1:1/test'],
    ['unroutable host (connect timeout)', 'postgres://postgres@10.255.255.1:5432/test'],
  ] as const) {
    it(`answers DEPENDENCY_UNAVAILABLE, never hangs: ${label}`, async () => {
      const db = createPgSqlClient({ connectionString });
      const server = createBillingServer(
        { db, processor: new SandboxPaymentProcessor(), now: () => new Date() },
        { logger: createLogger({ name: 'billing-test', level: 'silent' }) },
      );
      const connection = await connectInProcess(server);
      try {
        const read = await callToolForTest(connection.client, 'get_billing_summary', { customer_id: 'cus_x' });
        expect(read.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true });
        const write = await callToolForTest(connection.client, 'collect_payment', {
          invoice_id: 'inv_x',
          currency: 'USD',
          request_id: 'outage-0001',
        });
        expect(write.error).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', outcome: 'not_executed' });
        for (const text of [read.text, write.text]) expect(text).not.toMatch(/10\.255|127\.0\.0\.1|:5432|ECONN|SELECT/);
      } finally {
        await connection.close();
        await db.close();
      }
    });
  }
});

describe('ledger invariants (PostgreSQL, fast-check)', () => {
  it('hold after 15 random sequences with duplicates and bursts', async ({ skip }) => {
    if (!url) return skip();
    const database = await postgresDatabase(url);
    try {
      await assertInvariantsHold(database.db, 15);
    } finally {
      await database.drop();
    }
  }, 120_000);
});

describe('house accounts (PostgreSQL)', () => {
  it('two postings in one currency do not wait for each other (no shared balance row lock)', async ({ skip }) => {
    if (!url) return skip();
    const database = await postgresDatabase(url);
    const credit = (customer: string) => ({
      kind: 'credit',
      scope: 'test:apply_credit',
      requestId: `lock-${customer}`,
      description: 'credit: lock test',
      entries: transfer(ACCOUNTS.goodwill('USD'), ACCOUNTS.customerCredit(customer), 'USD', 100n),
      at: new Date(),
    });
    let releaseFirst = () => {};
    const firstHolds = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    try {
      // The house account exists once anything was posted in the currency.
      await database.db.transaction((tx) => post(tx, credit('cus_zero')));
      let firstPosted = () => {};
      const posted = new Promise<void>((resolve) => {
        firstPosted = resolve;
      });
      // The first transaction posts to goodwill:USD and stays open; the second must not queue behind it.
      const first = database.db.transaction(async (tx) => {
        await post(tx, credit('cus_first'));
        firstPosted();
        await firstHolds;
      });
      await Promise.race([posted, first]);
      await database.db.transaction(async (tx) => {
        await tx.query("SET LOCAL lock_timeout = '500ms'");
        await post(tx, credit('cus_second'));
      });
      releaseFirst();
      await first;
      const balances = await database.db.query<{ id: string; balance_minor: string | null }>(
        'SELECT id, balance_minor::text FROM ledger_accounts ORDER BY id',
      );
      expect(balances).toEqual([
        { id: 'credit:cus_first', balance_minor: '-100' },
        { id: 'credit:cus_second', balance_minor: '-100' },
        { id: 'credit:cus_zero', balance_minor: '-100' },
        { id: 'goodwill:USD', balance_minor: null },
      ]);
    } finally {
      releaseFirst();
      await database.drop();
    }
  });
});
