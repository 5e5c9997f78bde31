/** Posting balanced double-entry transactions, and the accounts they use. */
import type { CurrencyCode } from '../domain/currency.js';
import type { SqlExecutor } from '../ports/sql-client.js';

/** One leg of a posting: debits positive, credits negative. */
export interface Entry {
  readonly account: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint;
}

/** The ledger accounts billing uses. */
export const ACCOUNTS = {
  /** What the customer owes (debit-normal). */
  receivable: (customerId: string) => `receivable:${customerId}`,
  /** Credit the customer can spend on invoices (credit-normal: a negative balance is credit held). */
  customerCredit: (customerId: string) => `credit:${customerId}`,
  /** Money held at the payment processor. */
  cash: (currency: CurrencyCode) => `cash:${currency}`,
  revenue: (currency: CurrencyCode) => `revenue:${currency}`,
  /** Contra-revenue: money returned to customers. */
  refunds: (currency: CurrencyCode) => `refunds:${currency}`,
  /** Credit granted as a goodwill gesture. */
  goodwill: (currency: CurrencyCode) => `goodwill:${currency}`,
} as const;

/**
 * Whether an account keeps a cached balance: customer accounts do (tools read them); house accounts do not, since
 * every posting in a currency touches them and a cached balance would serialize those postings on one row lock.
 */
export function cachesBalance(accountId: string): boolean {
  return accountId.startsWith('receivable:') || accountId.startsWith('credit:');
}

/** A debit of `amount` on `debit` and a matching credit on `credit`. */
export function transfer(debit: string, credit: string, currency: CurrencyCode, amount: bigint): Entry[] {
  if (amount === 0n) return [];
  return [
    { account: debit, currency, amountMinor: amount },
    { account: credit, currency, amountMinor: -amount },
  ];
}

/** What one ledger transaction records. */
export interface Posting {
  readonly kind: string;
  readonly scope: string;
  readonly requestId: string;
  readonly description: string;
  readonly entries: readonly Entry[];
  readonly at: Date;
  readonly reversesId?: string;
}

/** Posts one balanced transaction (the database checks the balance again at commit); returns its id. */
export async function post(tx: SqlExecutor, posting: Posting): Promise<string | undefined> {
  const entries = posting.entries.filter((e) => e.amountMinor !== 0n);
  if (entries.length === 0) return undefined;
  const sums = new Map<string, bigint>();
  for (const e of entries) sums.set(e.currency, (sums.get(e.currency) ?? 0n) + e.amountMinor);
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new Error(`unbalanced posting ${posting.kind} in ${currency}`);
  }
  // One statement whatever the number of legs (each statement is a round trip while row locks are held):
  // the accounts, the transaction and its entries (in order). The entries' foreign keys and the balance
  // trigger run at the end of the statement, so they see the accounts and the transaction inserted here.
  const accounts = new Map<string, CurrencyCode>();
  for (const e of entries) if (!accounts.has(e.account)) accounts.set(e.account, e.currency);
  const [row] = await tx.query<{ id: unknown }>(
    `WITH a AS (
       INSERT INTO ledger_accounts (id, currency, balance_minor)
       SELECT a.id, a.currency, CASE WHEN a.cached THEN 0 END
       FROM unnest($7::text[], $8::text[], $12::boolean[]) WITH ORDINALITY AS a(id, currency, cached, n) ORDER BY a.n
       ON CONFLICT (id) DO NOTHING
     ), t AS (
       INSERT INTO ledger_transactions (kind, scope, request_id, description, reverses_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
     ), e AS (
       INSERT INTO ledger_entries (transaction_id, account_id, currency, amount_minor)
       SELECT t.id, l.account_id, l.currency, l.amount_minor
       FROM t, unnest($9::text[], $10::text[], $11::bigint[]) WITH ORDINALITY AS l(account_id, currency, amount_minor, n)
       ORDER BY l.n
     )
     SELECT id FROM t`,
    [
      posting.kind,
      posting.scope,
      posting.requestId,
      posting.description,
      posting.reversesId ?? null,
      posting.at,
      [...accounts.keys()],
      [...accounts.values()],
      entries.map((e) => e.account),
      entries.map((e) => e.currency),
      entries.map((e) => e.amountMinor.toString()),
      [...accounts.keys()].map(cachesBalance),
    ],
  );
  const id = String(row?.id);
  return id;
}
