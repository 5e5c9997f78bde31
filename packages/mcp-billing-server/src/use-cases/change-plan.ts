/** Changing a subscription's plan mid-period, with proration lines; previewed unless applied. */
import { BILLING_ERROR_CODES, currencyMismatch, precondition } from '../domain/billing-errors.js';
import { daysLeft, unusedAmount } from '../domain/billing-period.js';
import { type MoneyView, money } from '../domain/money.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { type InvoiceLine, issueInvoice } from './invoices.js';
import { ACCOUNTS, type Entry, post, transfer } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { type InvoiceView, invoiceView, load, type SubscriptionRow } from './records.js';

/** What a plan change shows, previewed or applied. */
export interface ChangePlanResult extends Record<string, unknown> {
  applied: boolean;
  change: {
    subscription_id: string;
    from_plan: string;
    to_plan: string;
    lines: { description: string; amount: MoneyView }[];
  };
  net: MoneyView;
  invoice: InvoiceView | null;
  credit_granted: MoneyView;
}

/** Refuses a subscription that is canceled or scheduled to cancel. */
export function assertActive(sub: SubscriptionRow): void {
  if (sub.status !== 'active' || sub.cancel_at !== null) {
    throw precondition(
      BILLING_ERROR_CODES.SUBSCRIPTION_NOT_ACTIVE,
      `Subscription ${sub.id} is ${sub.status === 'active' ? 'scheduled to cancel' : 'canceled'}; only an active subscription can change plan.`,
      { status: sub.status },
    );
  }
}

/** Computes the change, and with `apply` writes it: a proration invoice, or credit when the net is negative. */
export async function changePlan(
  tx: SqlExecutor,
  input: { subscriptionId: string; newPlanId: string; apply: boolean },
  identity: OperationIdentity | undefined,
  at: Date,
): Promise<WorkOutcome<ChangePlanResult>> {
  const found = await load.subscription(tx, input.subscriptionId);
  const customer = await load.customer(tx, found.customer_id, true);
  const sub = await load.subscription(tx, input.subscriptionId, true);
  assertActive(sub);
  if (sub.plan_id === input.newPlanId) {
    throw precondition(
      BILLING_ERROR_CODES.ALREADY_ON_PLAN,
      `Subscription ${sub.id} is already on ${sub.plan_id}; pick a different plan.`,
    );
  }
  const [from, to] = [await load.plan(tx, sub.plan_id), await load.plan(tx, input.newPlanId)];
  if (to.currency !== customer.currency) throw currencyMismatch(to.currency, customer.currency, 'customer');
  const days = daysLeft(sub.current_period_end, at);
  const lines: InvoiceLine[] = [
    {
      description: `Unused time on ${from.name} (${days} days left)`,
      amountMinor: -unusedAmount(from.amount_minor, sub.current_period_start, sub.current_period_end, at),
    },
    {
      description: `Remaining time on ${to.name} (${days} days left)`,
      amountMinor: unusedAmount(to.amount_minor, sub.current_period_start, sub.current_period_end, at),
    },
  ];
  const net = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  let invoice: InvoiceView | null = null;
  const credit = net < 0n ? -net : 0n;
  if (input.apply && identity) {
    await tx.query('UPDATE subscriptions SET plan_id = $2 WHERE id = $1', [sub.id, to.id]);
    let entries: Entry[] = transfer(
      ACCOUNTS.revenue(to.currency),
      ACCOUNTS.customerCredit(customer.id),
      to.currency,
      credit,
    );
    if (net > 0n) {
      const issued = await issueInvoice(tx, {
        customerId: customer.id,
        subscriptionId: sub.id,
        currency: to.currency,
        lines,
        at,
      });
      invoice = invoiceView(issued.invoice);
      entries = issued.entries;
    }
    await post(tx, { kind: 'plan_change', ...identity, description: `plan change ${sub.id}`, entries, at });
  }
  const shown = lines.map((l) => ({ description: l.description, amount: money(l.amountMinor, to.currency) }));
  const structured: ChangePlanResult = {
    applied: input.apply,
    change: { subscription_id: sub.id, from_plan: from.id, to_plan: to.id, lines: shown },
    net: money(net, to.currency),
    invoice,
    credit_granted: money(credit, to.currency),
  };
  const outcome =
    net > 0n
      ? `${money(net, to.currency).display} to invoice${invoice ? ` (invoice ${invoice.id}, ${invoice.amount_due.display} due)` : ''}`
      : `${money(credit, to.currency).display} credited to the customer`;
  const text = [
    `${input.apply ? 'Changed' : 'Preview: change'} ${sub.id} from ${from.id} to ${to.id}:`,
    ...shown.map((l) => `- ${l.description}: ${l.amount.display}`),
    `Net: ${outcome}.`,
    ...(input.apply ? [] : ['Nothing changed. To apply, call again with dry_run: false and the same request_id.']),
  ].join('\n');
  return { kind: 'ok', answer: { structured, text } };
}
