/** Granting customer credit that the customer's next invoices consume first. */
import { currencyMismatch } from '../domain/billing-errors.js';
import type { CurrencyCode } from '../domain/currency.js';
import { type MoneyView, money } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS, post, transfer } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { creditBalance, load } from './records.js';

/** What a credit grant needs. */
export interface CreditInput {
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint;
  readonly note: string;
}

/** What a credit grant shows. */
export interface CreditResult extends Record<string, unknown> {
  customer_id: string;
  granted: MoneyView;
  credit_balance: MoneyView;
}

/** Adds credit to the customer's balance (goodwill), in the customer's currency only. */
export async function applyCredit(
  tx: SqlExecutor,
  input: CreditInput,
  identity: OperationIdentity,
  at: Date,
): Promise<WorkOutcome<CreditResult>> {
  const customer = await load.customer(tx, input.customerId, true);
  if (customer.currency !== input.currency) throw currencyMismatch(input.currency, customer.currency, 'customer');
  const entries = transfer(
    ACCOUNTS.goodwill(customer.currency),
    ACCOUNTS.customerCredit(customer.id),
    customer.currency,
    input.amountMinor,
  );
  // Pipelined (one round trip): the balance is read after the posting, which it includes.
  const [, balanceMinor] = await Promise.all([
    post(tx, { kind: 'credit', ...identity, description: `credit: ${input.note}`, entries, at }),
    creditBalance(tx, customer.id),
  ]);
  const balance = money(balanceMinor, customer.currency);
  const granted = money(input.amountMinor, customer.currency);
  return {
    kind: 'ok',
    answer: {
      structured: { customer_id: customer.id, granted, credit_balance: balance },
      text: `Granted ${granted.display} credit to ${customer.name} (${customer.id}); credit balance is now ${balance.display}, used by the next invoices first.`,
    },
  };
}
