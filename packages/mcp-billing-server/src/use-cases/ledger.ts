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
  for (const account of new Set(entries.map((e) => `${e.account}\u0000${e.currency}`))) {
    const [id, currency] = account.split('\u0000');
    await tx.query('INSERT INTO ledger_accounts (id, currency) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
      id,
      currency,
    ]);
  }
  const [row] = await tx.query<{ id: unknown }>(
    `INSERT INTO ledger_transactions (kind, scope, request_id, description, reverses_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [posting.kind, posting.scope, posting.requestId, posting.description, posting.reversesId ?? null, posting.at],
  );
  const id = String(row?.id);
  for (const e of entries) {
    await tx.query(
      'INSERT INTO ledger_entries (transaction_id, account_id, currency, amount_minor) VALUES ($1, $2, $3, $4)',
      [id, e.account, e.currency, e.amountMinor.toString()],
    );
  }
  return id;
}
