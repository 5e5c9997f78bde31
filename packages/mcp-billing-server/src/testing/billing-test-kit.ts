/** Test kit: databases on both engines (isolated PostgreSQL schemas), a connected billing server, ledger invariants. */
import { randomBytes } from 'node:crypto';
import { createLogger, type RuntimeOptions } from '@bulkhead/core';
import { callToolForTest, connectInProcess, type InProcessConnection, type ToolOutcome } from '@bulkhead/core/testing';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openBillingDatabase } from '../adapters/open-billing-database.js';
import { SandboxPaymentProcessor } from '../adapters/sandbox-payment-processor.js';
import { IN_MEMORY_DATA_DIR } from '../config.js';
import type { RefundLimits } from '../domain/refund-limits.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlClient } from '../ports/sql-client.js';
import { createBillingServer } from '../server.js';
import type { BillingDeps } from '../use-cases/billing-deps.js';

/** The PostgreSQL the integration suite uses (override with TEST_DATABASE_URL). */
const PG_CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** The first reachable PostgreSQL URL, or undefined (checked once per test file). */
export async function reachablePostgres(): Promise<string | undefined> {
  for (const url of PG_CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return url;
    } catch {
      // try the next candidate
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

/** Skips a PostgreSQL suite with a plain message, or fails it under CI=true. */
export async function requirePostgres(): Promise<string | undefined> {
  const url = await reachablePostgres();
  if (url) return url;
  const message = `PostgreSQL is not reachable at ${PG_CANDIDATES.join(' or ')}: the PostgreSQL integration tests are SKIPPED`;
  if (process.env.CI === 'true') throw new Error(`${message}, and CI=true makes that a failure`);
  process.stderr.write(`\n${message}\n`);
  return undefined;
}

/** A test database and how to drop it. */
export interface TestDatabase {
  readonly db: SqlClient;
  readonly engine: 'pglite' | 'postgres';
  drop(): Promise<void>;
}

/** A fresh in-memory PGlite ledger, migrated. */
export async function pgliteDatabase(): Promise<TestDatabase> {
  const db = await openBillingDatabase({ dataDir: IN_MEMORY_DATA_DIR });
  return { db, engine: 'pglite', drop: () => db.close() };
}

/** A fresh schema in the real PostgreSQL, migrated; dropped afterwards. */
export async function postgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `billing_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await openBillingDatabase({ databaseUrl: url, databaseSchema: schema });
  return {
    db,
    engine: 'postgres',
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/** A billing server on `db` with an in-process client. */
export interface BillingHarness {
  readonly deps: BillingDeps;
  readonly processor: SandboxPaymentProcessor;
  readonly connection: InProcessConnection;
  call<T = Record<string, unknown>>(tool: string, args: Record<string, unknown>): Promise<ToolOutcome<T>>;
  close(): Promise<void>;
}

/** Starts a billing server on `db`; each harness has its own in-process idempotency store unless one is given. */
export async function startBilling(
  db: SqlClient,
  options: {
    now?: () => Date;
    processor?: PaymentProcessor;
    profile?: 'full' | 'read-only';
    refundLimits?: RefundLimits;
    runtime?: RuntimeOptions;
  } = {},
): Promise<BillingHarness> {
  const processor = (options.processor as SandboxPaymentProcessor | undefined) ?? new SandboxPaymentProcessor();
  const deps: BillingDeps = {
    db,
    processor,
    now: options.now ?? (() => new Date()),
    profile: options.profile ?? 'full',
    ...(options.refundLimits ? { refundLimits: options.refundLimits } : {}),
  };
  const server = createBillingServer(deps, {
    logger: createLogger({ name: 'billing-test', level: 'silent' }),
    ...options.runtime,
  });
  const connection = await connectInProcess(server);
  return {
    deps,
    processor,
    connection,
    call: (tool, args) => callToolForTest(connection.client, tool, args),
    close: () => connection.close(),
  };
}

let counter = 0;
/** A fresh valid request_id. */
export function rid(label = 'req'): string {
  counter += 1;
  return `${label}-${randomBytes(6).toString('hex')}-${counter}`;
}

/** Onboards a customer and returns its ids. */
export async function onboard(
  h: BillingHarness,
  overrides: Partial<{ name: string; email: string; currency: string; plan_id: string }> = {},
) {
  const result = await h.call<{
    customer: { id: string };
    subscription: { id: string };
    invoice: { id: string; amount_due: { amount_minor: number } };
  }>('onboard_customer', {
    name: 'Test Customer',
    email: `${randomBytes(5).toString('hex')}@example.com`,
    currency: 'USD',
    plan_id: 'pro_usd',
    request_id: rid('onboard'),
    ...overrides,
  });
  if (result.isError || !result.structured) throw new Error(`onboard failed: ${result.text}`);
  return {
    customerId: result.structured.customer.id,
    subscriptionId: result.structured.subscription.id,
    invoiceId: result.structured.invoice.id,
  };
}

/** Onboards a customer on a plan of `amountMinor` (a custom plan) and pays the invoice; returns the payment id. */
export async function paidCustomer(h: BillingHarness, amountMinor: number, currency = 'USD') {
  const planId = `test_plan_${amountMinor}_${currency.toLowerCase()}`;
  await h.deps.db.query(
    `INSERT INTO plans (id, name, currency, amount_minor, billing_interval) VALUES ($1, 'Test', $2, $3, 'month')
     ON CONFLICT (id) DO NOTHING`,
    [planId, currency, amountMinor],
  );
  const ids = await onboard(h, { plan_id: planId, currency });
  const paid = await h.call<{ payment: { id: string } }>('collect_payment', {
    invoice_id: ids.invoiceId,
    currency,
    request_id: rid('collect'),
  });
  if (paid.isError || !paid.structured) throw new Error(`collect failed: ${paid.text}`);
  return { ...ids, paymentId: paid.structured.payment.id };
}

/** Every ledger invariant of the issue, as a list of violations (empty when all hold). */
export async function ledgerViolations(db: SqlClient): Promise<string[]> {
  const violations: string[] = [];
  const check = async (label: string, sql: string) => {
    const rows = await db.query(sql);
    if (rows.length > 0)
      violations.push(
        `${label}: ${JSON.stringify(rows.slice(0, 3), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
  };
  await check(
    'ledger does not sum to zero per currency',
    'SELECT currency, sum(amount_minor)::text AS s FROM ledger_entries GROUP BY currency HAVING sum(amount_minor) <> 0',
  );
  await check(
    'unbalanced transaction',
    'SELECT transaction_id, currency FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0',
  );
  await check(
    'transaction without entries',
    'SELECT t.id FROM ledger_transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)',
  );
  await check(
    'cached balance differs from its entries',
    `SELECT a.id FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount_minor) AS s FROM ledger_entries GROUP BY account_id) e
     ON e.account_id = a.id WHERE a.balance_minor <> coalesce(e.s, 0)`,
  );
  await check(
    'customer account without a cached balance, or house account with one',
    `SELECT id FROM ledger_accounts
     WHERE (balance_minor IS NULL) = (id LIKE 'receivable:%' OR id LIKE 'credit:%')`,
  );
  await check(
    'refunded exceeds captured or differs from refund rows',
    `SELECT p.id FROM payments p LEFT JOIN (SELECT payment_id, sum(amount_minor) AS s FROM refunds GROUP BY payment_id) r
     ON r.payment_id = p.id
     WHERE p.refunded_minor <> coalesce(r.s, 0) OR p.refunded_minor > CASE WHEN p.status = 'succeeded' THEN p.amount_minor ELSE 0 END`,
  );
  await check(
    'more than one ledger transaction per (scope, request_id)',
    'SELECT scope, request_id FROM ledger_transactions GROUP BY scope, request_id HAVING count(*) > 1',
  );
  await check(
    'ledger transaction without a completed idempotency record',
    `SELECT t.id FROM ledger_transactions t LEFT JOIN idempotency_records r ON r.scope = t.scope AND r.request_id = t.request_id
     WHERE r.outcome IS DISTINCT FROM 'succeeded'`,
  );
  await check(
    'invoice paid amounts differ from its payments',
    `SELECT i.id FROM invoices i LEFT JOIN (SELECT invoice_id, sum(amount_minor) AS s FROM payments WHERE status = 'succeeded' GROUP BY invoice_id) p
     ON p.invoice_id = i.id WHERE i.paid_minor <> coalesce(p.s, 0)`,
  );
  return violations;
}

/** Counts rows of the tables a refused call must not touch. */
export async function rowCounts(db: SqlClient): Promise<Record<string, number>> {
  const tables = [
    'customers',
    'subscriptions',
    'invoices',
    'payments',
    'refunds',
    'ledger_transactions',
    'ledger_entries',
    'idempotency_records',
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(row?.n ?? 0);
  }
  return out;
}

/** Structured results as tests read them: asserted with matchers, so any field path may be read. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions navigate arbitrary result shapes and check them with matchers.
export type Loose = Record<string, any>;

/**
 * A billing server on a fresh PGlite for the tests of one file: opened before them, closed after. Read `h` and
 * `db` inside tests and hooks (they exist only once the file's tests start).
 */
export function billingOnPglite(options: Parameters<typeof startBilling>[1] = {}): {
  readonly h: BillingHarness;
  readonly db: SqlClient;
} {
  let database: TestDatabase | undefined;
  let harness: BillingHarness | undefined;
  beforeAll(async () => {
    database = await pgliteDatabase();
    harness = await startBilling(database.db, options);
  });
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('billingOnPglite: read h and db inside tests or hooks');
    return value;
  };
  return {
    get h() {
      return opened(harness);
    },
    get db() {
      return opened(database).db;
    },
  };
}
