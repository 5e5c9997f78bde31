/** Onboarding: customer, subscription and first invoice in one transaction with one ledger posting. */
import { BILLING_ERROR_CODES, currencyMismatch, precondition } from '../domain/billing-errors.js';
import { addInterval } from '../domain/billing-period.js';
import type { CurrencyCode } from '../domain/currency.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { issueInvoice } from './invoices.js';
import { post } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { type InvoiceView, invoiceView, load, newId } from './records.js';

/** What onboarding needs. */
export interface OnboardInput {
  readonly name: string;
  readonly email: string;
  readonly currency: CurrencyCode;
  readonly planId: string;
}

/** What onboarding shows. */
export interface OnboardResult extends Record<string, unknown> {
  customer: { id: string; name: string; email: string; currency: CurrencyCode };
  subscription: { id: string; plan_id: string; status: 'active'; current_period_end: string };
  invoice: InvoiceView;
}

/** Creates the customer, the subscription and its first invoice; refuses a wrong currency or a taken email. */
export async function onboardCustomer(
  tx: SqlExecutor,
  input: OnboardInput,
  identity: OperationIdentity,
  at: Date,
): Promise<WorkOutcome<OnboardResult>> {
  const plan = await load.plan(tx, input.planId);
  if (plan.currency !== input.currency) throw currencyMismatch(input.currency, plan.currency, `plan ${plan.id}`);
  const taken = await tx.query('SELECT id FROM customers WHERE lower(email) = lower($1)', [input.email]);
  if (taken.length > 0) {
    throw precondition(
      BILLING_ERROR_CODES.EMAIL_TAKEN,
      'A customer with this email already exists; use get_billing_summary with its customer_id instead.',
      { email: input.email },
    );
  }
  const customerId = newId('cus');
  const subscriptionId = newId('sub');
  const end = addInterval(at, plan.billing_interval);
  await tx.query('INSERT INTO customers (id, name, email, currency, created_at) VALUES ($1, $2, $3, $4, $5)', [
    customerId,
    input.name,
    input.email,
    input.currency,
    at,
  ]);
  await tx.query(
    `INSERT INTO subscriptions (id, customer_id, plan_id, status, current_period_start, current_period_end, created_at)
     VALUES ($1, $2, $3, 'active', $4, $5, $4)`,
    [subscriptionId, customerId, plan.id, at, end],
  );
  const { invoice, entries } = await issueInvoice(tx, {
    customerId,
    subscriptionId,
    currency: plan.currency,
    lines: [{ description: `${plan.name} plan, ${day(at)} to ${day(end)}`, amountMinor: plan.amount_minor }],
    at,
  });
  await post(tx, { kind: 'onboard', ...identity, description: `onboard ${customerId}`, entries, at });
  const view = invoiceView(invoice);
  return {
    kind: 'ok',
    answer: {
      structured: {
        customer: { id: customerId, name: input.name, email: input.email, currency: input.currency },
        subscription: { id: subscriptionId, plan_id: plan.id, status: 'active', current_period_end: end.toISOString() },
        invoice: view,
      },
      text: [
        `Onboarded **${input.name}** (${customerId}) on plan ${plan.id}.`,
        `- subscription ${subscriptionId}, period ends ${day(end)}`,
        `- invoice ${invoice.id}: ${view.total.display}, ${view.amount_due.display} due (${invoice.status})`,
        `Next: collect_payment with invoice_id "${invoice.id}".`,
      ].join('\n'),
    },
  };
}

/** A timestamp as its UTC date. */
export function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}
