/** Canceling a subscription now or at period end, with unused time returned as nothing, credit or a refund. */
import { BILLING_ERROR_CODES, precondition } from '../domain/billing-errors.js';
import { unusedAmount } from '../domain/billing-period.js';
import { type MoneyView, minBig, money } from '../domain/money.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { refundLockedPayment } from './issue-refund.js';
import { ACCOUNTS, type Entry, post, transfer } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { load, map, type PaymentRow, refundable } from './records.js';
import type { RefundGuard } from './refund-budget.js';

/** When the cancellation takes effect. */
export const CANCEL_WHEN = ['now', 'period_end'] as const;
/** What happens to the unused part of the period when canceling now. */
export const UNUSED_TIME = ['none', 'credit', 'refund'] as const;

/** What a cancellation needs. */
export interface CancelInput {
  readonly subscriptionId: string;
  readonly when: (typeof CANCEL_WHEN)[number];
  readonly unusedTime: (typeof UNUSED_TIME)[number];
  readonly apply: boolean;
}

/** What a cancellation shows, previewed or applied. */
export interface CancelResult extends Record<string, unknown> {
  applied: boolean;
  subscription: { id: string; status: 'active' | 'canceled'; ends_at: string };
  amounts: { unused: MoneyView; credited: MoneyView; refunded: MoneyView };
  refunds: { id: string; payment_id: string; amount: MoneyView }[];
}

/**
 * Cancels once: a second cancel is ALREADY_CANCELED; refunds never exceed what the subscription's payments allow
 * nor the caller's daily refund budget (`guard`).
 */
export async function cancelSubscription(
  tx: SqlExecutor,
  processor: PaymentProcessor,
  input: CancelInput,
  identity: OperationIdentity | undefined,
  at: Date,
  signal: AbortSignal,
  guard?: RefundGuard,
): Promise<WorkOutcome<CancelResult>> {
  const found = await load.subscription(tx, input.subscriptionId);
  const customer = await load.customer(tx, found.customer_id, true);
  const sub = await load.subscription(tx, input.subscriptionId, true);
  if (sub.status === 'canceled' || sub.cancel_at !== null) {
    throw precondition(
      BILLING_ERROR_CODES.ALREADY_CANCELED,
      `Subscription ${sub.id} is already ${sub.status === 'canceled' ? 'canceled' : 'scheduled to cancel at period end'}; nothing to do.`,
    );
  }
  if (input.when === 'period_end' && input.unusedTime !== 'none') {
    throw precondition(
      'INVALID_ARGUMENT',
      'Canceling at period end leaves no unused time; use unused_time "none", or when "now" to credit or refund it.',
      { field: 'unused_time' },
    );
  }
  const plan = await load.plan(tx, sub.plan_id);
  const currency = customer.currency;
  const unused =
    input.when === 'now' ? unusedAmount(plan.amount_minor, sub.current_period_start, sub.current_period_end, at) : 0n;
  const endsAt = input.when === 'now' ? at : sub.current_period_end;
  let entries: Entry[] = [];
  let credited = 0n;
  const refunds: CancelResult['refunds'] = [];
  if (input.unusedTime === 'credit') {
    credited = unused;
    entries = transfer(ACCOUNTS.revenue(currency), ACCOUNTS.customerCredit(customer.id), currency, unused);
  }
  if (input.unusedTime === 'refund' && unused > 0n) {
    const rows = await tx.query(
      `SELECT p.* FROM payments p JOIN invoices i ON i.id = p.invoice_id
       WHERE i.subscription_id = $1 AND p.status = 'succeeded' AND p.refunded_minor < p.amount_minor
       ORDER BY p.seq DESC LIMIT 20 FOR UPDATE OF p`,
      [sub.id],
    );
    let left = unused;
    const planned: { payment: PaymentRow; amount: bigint }[] = [];
    for (const payment of rows.map(map.payment)) {
      if (left === 0n) break;
      const amount = minBig(left, refundable(payment));
      if (amount <= 0n) continue;
      left -= amount;
      planned.push({ payment, amount });
    }
    // The daily refund budget: counted once for the whole cancellation before any money moves (checked in a preview).
    const total = planned.reduce((sum, p) => sum + p.amount, 0n);
    if (input.apply && identity) await guard?.reserve(currency, total);
    else await guard?.check(currency, total);
    for (const { payment, amount } of planned) {
      if (input.apply && identity) {
        const done = await refundLockedPayment(
          tx,
          processor,
          payment,
          amount,
          'cancellation',
          `${identity.processorKey}:${payment.id}`,
          at,
          signal,
        );
        entries.push(...done.entries);
        refunds.push({ id: done.refundId, payment_id: payment.id, amount: money(amount, currency) });
      } else {
        refunds.push({ id: '(preview)', payment_id: payment.id, amount: money(amount, currency) });
      }
    }
  }
  if (input.apply && identity) {
    if (input.when === 'now') {
      await tx.query("UPDATE subscriptions SET status = 'canceled', canceled_at = $2 WHERE id = $1", [sub.id, at]);
    } else {
      await tx.query('UPDATE subscriptions SET cancel_at = current_period_end WHERE id = $1', [sub.id]);
    }
    await post(tx, { kind: 'cancellation', ...identity, description: `cancel ${sub.id}`, entries, at });
  }
  const refunded = refunds.reduce((sum, r) => sum + BigInt(r.amount.amount_minor), 0n);
  const structured: CancelResult = {
    applied: input.apply,
    subscription: {
      id: sub.id,
      status: input.apply && input.when === 'now' ? 'canceled' : 'active',
      ends_at: endsAt.toISOString(),
    },
    amounts: {
      unused: money(unused, currency),
      credited: money(credited, currency),
      refunded: money(refunded, currency),
    },
    refunds,
  };
  const short = input.unusedTime === 'refund' && refunded < unused;
  const text = [
    `${input.apply ? 'Canceled' : 'Preview: cancel'} ${sub.id} (${plan.id}) ${input.when === 'now' ? 'now' : `at period end, ${endsAt.toISOString().slice(0, 10)}`}.`,
    `- unused time: ${structured.amounts.unused.display}; credited ${structured.amounts.credited.display}; refunded ${structured.amounts.refunded.display}`,
    ...(short ? ["- only what the subscription's payments still allow was refunded"] : []),
    ...(input.apply ? [] : ['Nothing changed. To apply, call again with dry_run: false and the same request_id.']),
  ].join('\n');
  return { kind: 'ok', answer: { structured, text } };
}
