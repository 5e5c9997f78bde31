/** Issuing an invoice: lines, total, credit consumed first, and the ledger entries that go with it. */
import type { CurrencyCode } from '../domain/currency.js';
import { minBig } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS, type Entry, transfer } from './ledger.js';
import { creditBalance, type InvoiceRow, load, newId } from './records.js';

/** One invoice line: a description and a signed amount (credits negative). */
export interface InvoiceLine {
  readonly description: string;
  readonly amountMinor: bigint;
}

/** Inserts an invoice for a positive total, consuming the customer's credit; returns it and its entries. */
export async function issueInvoice(
  tx: SqlExecutor,
  input: {
    customerId: string;
    subscriptionId: string | null;
    currency: CurrencyCode;
    lines: readonly InvoiceLine[];
    at: Date;
  },
): Promise<{ invoice: InvoiceRow; entries: Entry[] }> {
  const total = input.lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  if (total <= 0n) throw new Error('an invoice needs a positive total');
  const credit = minBig(await creditBalance(tx, input.customerId), total);
  const applied = credit > 0n ? credit : 0n;
  const id = newId('inv');
  await tx.query(
    `INSERT INTO invoices (id, customer_id, subscription_id, currency, status, total_minor, credit_applied_minor, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      input.customerId,
      input.subscriptionId,
      input.currency,
      applied === total ? 'paid' : 'open',
      total.toString(),
      applied.toString(),
      input.at,
    ],
  );
  for (const [position, line] of input.lines.entries()) {
    await tx.query(
      'INSERT INTO invoice_lines (invoice_id, position, description, amount_minor) VALUES ($1, $2, $3, $4)',
      [id, position + 1, line.description, line.amountMinor.toString()],
    );
  }
  const entries = [
    ...transfer(ACCOUNTS.receivable(input.customerId), ACCOUNTS.revenue(input.currency), input.currency, total),
    ...transfer(
      ACCOUNTS.customerCredit(input.customerId),
      ACCOUNTS.receivable(input.customerId),
      input.currency,
      applied,
    ),
  ];
  return { invoice: await load.invoice(tx, id), entries };
}
