/** Scenarios every ledger engine must pass (PGlite in the unit suite, PostgreSQL in the integration suite). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../adapters/migrations.js';
import type { SqlClient } from '../ports/sql-client.js';
import {
  type BillingHarness,
  ledgerViolations,
  onboard,
  paidCustomer,
  rid,
  startBilling,
  type TestDatabase,
} from './billing-test-kit.js';

/** Registers the shared scenarios for one engine; `open` returns undefined to skip (PostgreSQL unreachable). */
export function describeLedgerScenarios(name: string, open: () => Promise<TestDatabase | undefined>): void {
  describe(`${name}: ledger guarantees and concurrency`, () => {
    let database: TestDatabase | undefined;
    let h: BillingHarness;
    const db = (): SqlClient => {
      if (!database) throw new Error('database not open');
      return database.db;
    };
    beforeAll(async () => {
      database = await open();
      if (database) h = await startBilling(database.db);
    });
    afterAll(async () => {
      await h?.close();
      await database?.drop();
    });

    it('25 concurrent refunds of 5.00 against a 100.00 payment: exactly 20 applied, 5 refused', async ({ skip }) => {
      if (!database) return skip();
      const { paymentId } = await paidCustomer(h, 10_000);
      const results = await Promise.all(
        Array.from({ length: 25 }, () =>
          h.call('issue_refund', {
            payment_id: paymentId,
            currency: 'USD',
            amount_minor: 500,
            reason: 'duplicate',
            request_id: rid('burst'),
          }),
        ),
      );
      expect(results.filter((r) => !r.isError)).toHaveLength(20);
      const refused = results.filter((r) => r.isError);
      expect(refused).toHaveLength(5);
      for (const r of refused) expect(r.error?.code).toBe('REFUND_EXCEEDS_REMAINING');
      const [row] = await db().query<{ refunded_minor: unknown; n: unknown }>(
        'SELECT p.refunded_minor, (SELECT count(*) FROM refunds WHERE payment_id = p.id) AS n FROM payments p WHERE id = $1',
        [paymentId],
      );
      expect(Number(row?.refunded_minor)).toBe(10_000);
      expect(Number(row?.n)).toBe(20);
      expect(await ledgerViolations(db())).toEqual([]);
    });

    it('5 concurrent calls with one request_id on 5 replicas with separate idempotency stores: 1 applied, 4 replayed', async ({
      skip,
    }) => {
      if (!database) return skip();
      const { paymentId } = await paidCustomer(h, 10_000);
      // Separate in-process stores model replicas whose shared store was flushed: only the database dedups.
      const replicas = await Promise.all(
        Array.from({ length: 5 }, () => startBilling(db(), { processor: h.processor })),
      );
      try {
        const args = {
          payment_id: paymentId,
          currency: 'USD',
          amount_minor: 700,
          reason: 'duplicate',
          request_id: rid('same'),
        };
        const results = await Promise.all(replicas.map((r) => r.call('issue_refund', args)));
        for (const r of results) expect(r.isError, r.text).toBe(false);
        const replayed = results.filter((r) => r.text.includes('Already done earlier'));
        expect(replayed).toHaveLength(4);
        for (const r of results) expect(r.structured).toEqual(results[0]?.structured);
        const [row] = await db().query<{ n: unknown }>('SELECT count(*) AS n FROM refunds WHERE payment_id = $1', [
          paymentId,
        ]);
        expect(Number(row?.n)).toBe(1);
        expect(await ledgerViolations(db())).toEqual([]);
      } finally {
        await Promise.all(replicas.map((r) => r.close()));
      }
    });

    it('5 concurrent calls with one request_id on one server: 1 applied, the rest in progress, then replayed', async ({
      skip,
    }) => {
      if (!database) return skip();
      const { invoiceId } = await onboard(h);
      const args = { invoice_id: invoiceId, currency: 'USD', request_id: rid('one') };
      const results = await Promise.all(Array.from({ length: 5 }, () => h.call('collect_payment', args)));
      const applied = results.filter((r) => !r.isError);
      expect(applied).toHaveLength(1);
      for (const r of results.filter((x) => x.isError)) expect(r.error?.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      const retry = await h.call('collect_payment', args);
      expect(retry.meta?.['io.bulkhead/idempotency']).toEqual({ replayed: true });
      expect(retry.structured).toEqual(applied[0]?.structured);
      const [row] = await db().query<{ n: unknown }>('SELECT count(*) AS n FROM payments WHERE invoice_id = $1', [
        invoiceId,
      ]);
      expect(Number(row?.n)).toBe(1);
    });

    it('replays from the ledger after the idempotency store forgot the key, without charging twice', async ({
      skip,
    }) => {
      if (!database) return skip();
      const { invoiceId } = await onboard(h);
      const args = { invoice_id: invoiceId, currency: 'USD', request_id: rid('flush') };
      const charges = h.processor.calls.charges;
      const first = await h.call('collect_payment', args);
      const flushed = await startBilling(db(), { processor: h.processor });
      try {
        const again = await flushed.call('collect_payment', args);
        expect(again.isError, again.text).toBe(false);
        expect(again.structured).toEqual(first.structured);
        expect(again.text).toContain('Already done earlier');
        expect(h.processor.calls.charges - charges).toBe(1);
        const reused = await flushed.call('collect_payment', { ...args, amount_minor: 100 });
        expect(reused.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
      } finally {
        await flushed.close();
      }
    });

    it('refuses UPDATE, DELETE and TRUNCATE on ledger tables', async ({ skip }) => {
      if (!database) return skip();
      await paidCustomer(h, 2_000);
      for (const sql of [
        'UPDATE ledger_entries SET amount_minor = amount_minor + 1',
        'DELETE FROM ledger_entries',
        'TRUNCATE ledger_entries CASCADE',
        'UPDATE ledger_transactions SET description = $$x$$',
        'DELETE FROM ledger_transactions',
        'TRUNCATE ledger_transactions CASCADE',
        'DELETE FROM refunds',
      ]) {
        await expect(db().query(sql), sql).rejects.toThrow(/append-only/);
      }
      // The client still works after a refused statement (PGlite's bridges did not).
      expect(await db().query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });

    it('refuses at commit a ledger transaction that does not balance, and a refund above the captured amount', async ({
      skip,
    }) => {
      if (!database) return skip();
      const { paymentId } = await paidCustomer(h, 3_000);
      await expect(
        db().transaction(async (tx) => {
          await tx.query("INSERT INTO ledger_accounts (id, currency) VALUES ('test:a', 'USD') ON CONFLICT DO NOTHING");
          const [t] = await tx.query<{ id: unknown }>(
            "INSERT INTO ledger_transactions (kind, scope, request_id, description, created_at) VALUES ('t', 'test', $1, 'x', now()) RETURNING id",
            [rid()],
          );
          await tx.query(
            "INSERT INTO ledger_entries (transaction_id, account_id, currency, amount_minor) VALUES ($1, 'test:a', 'USD', 5)",
            [t?.id],
          );
        }),
      ).rejects.toThrow(/does not balance/);
      await expect(db().query('UPDATE payments SET refunded_minor = 3001 WHERE id = $1', [paymentId])).rejects.toThrow(
        /payments_refund_bound/,
      );
      expect(await ledgerViolations(db())).toEqual([]);
    });

    it('runs pipelined statements in the order issued, and commits nothing when the beforeCommit statement fails', async ({
      skip,
    }) => {
      if (!database) return skip();
      const id = `test:${rid()}`;
      const [, seen] = await db().transaction((tx) =>
        Promise.all([
          tx.query("INSERT INTO ledger_accounts (id, currency) VALUES ($1, 'USD')", [id]),
          tx.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_accounts WHERE id = $1', [id]),
        ]),
      );
      expect(seen).toEqual([{ n: 1 }]);
      const other = `test:${rid()}`;
      await expect(
        db().transaction(async (tx) => {
          await tx.query("INSERT INTO ledger_accounts (id, currency) VALUES ($1, 'USD')", [other]);
          // A duplicate key: the statement fails, so the insert above must not commit.
          tx.beforeCommit("INSERT INTO ledger_accounts (id, currency) VALUES ($1, 'USD')", [id]);
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await db().query('SELECT id FROM ledger_accounts WHERE id = $1', [other])).toEqual([]);
      // The client still works afterwards.
      expect(await db().query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });

    it('applies migrations once, and refuses an applied migration whose text changed', async ({ skip }) => {
      if (!database) return skip();
      expect(await migrate(db())).toEqual([]);
      await db().query("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '002_plans'");
      await expect(migrate(db())).rejects.toThrow(/different contents/);
    });
  });
}
