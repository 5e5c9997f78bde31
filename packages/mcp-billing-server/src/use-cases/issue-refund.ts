/** Refunds: bounded by captured minus refunded under a row lock (and a CHECK constraint behind it). */
import { BILLING_ERROR_CODES, businessFailure, currencyMismatch, precondition } from '../domain/billing-errors.js';
import type { CurrencyCode } from '../domain/currency.js';
import { money } from '../domain/money.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS, type Entry, post, transfer } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { load, newId, type PaymentRow, type PaymentView, paymentView, refundable } from './records.js';
import type { RefundGuard } from './refund-budget.js';

/** Why money goes back; a closed set so reports can group by it. */
export const REFUND_REASONS = ['customer_request', 'duplicate', 'fraud', 'service_issue', 'cancellation'] as const;
/** One refund reason. */
export type RefundReason = (typeof REFUND_REASONS)[number];

/** What a refund needs; the amount defaults to everything still refundable. */
export interface RefundInput {
  readonly paymentId: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint | undefined;
  readonly reason: RefundReason;
}

/** What a refund shows. */
export interface RefundResult extends Record<string, unknown> {
  refund: { id: string; payment_id: string; amount: ReturnType<typeof money>; reason: RefundReason };
  payment: PaymentView;
}

/**
 * Records a refund of `amount` against a payment already locked FOR UPDATE by the caller, through the
 * processor; returns the refund id and the ledger entries. The caller posts them.
 */
export async function refundLockedPayment(
  tx: SqlExecutor,
  processor: PaymentProcessor,
  payment: PaymentRow,
  amount: bigint,
  reason: RefundReason,
  processorKey: string,
  at: Date,
  signal: AbortSignal,
): Promise<{ refundId: string; entries: Entry[] }> {
  signal.throwIfAborted();
  const { processorRef } = await processor.refund({
    idempotencyKey: processorKey,
    chargeRef: payment.processor_ref,
    amountMinor: amount,
    currency: payment.currency,
    signal,
  });
  const refundId = newId('re');
  await tx.query(
    'INSERT INTO refunds (id, payment_id, currency, amount_minor, reason, processor_ref, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [refundId, payment.id, payment.currency, amount.toString(), reason, processorRef, at],
  );
  await tx.query('UPDATE payments SET refunded_minor = refunded_minor + $2 WHERE id = $1', [
    payment.id,
    amount.toString(),
  ]);
  return {
    refundId,
    entries: transfer(ACCOUNTS.refunds(payment.currency), ACCOUNTS.cash(payment.currency), payment.currency, amount),
  };
}

/**
 * Refunds part or all of a payment once per request_id; `guard` (the caller's daily refund budget) is asked
 * after every check and right before the processor is.
 */
export async function issueRefund(
  tx: SqlExecutor,
  processor: PaymentProcessor,
  input: RefundInput,
  identity: OperationIdentity,
  at: Date,
  signal: AbortSignal,
  guard?: RefundGuard,
): Promise<WorkOutcome<RefundResult>> {
  const payment = await load.payment(tx, input.paymentId, true);
  if (payment.currency !== input.currency) throw currencyMismatch(input.currency, payment.currency, 'payment');
  if (payment.status !== 'succeeded') {
    throw precondition(
      BILLING_ERROR_CODES.PAYMENT_NOT_REFUNDABLE,
      `Payment ${payment.id} failed, so nothing was captured and nothing can be refunded.`,
      { status: payment.status },
    );
  }
  const remaining = refundable(payment);
  const amount = input.amountMinor ?? remaining;
  if (amount <= 0n || amount > remaining) {
    throw businessFailure(
      BILLING_ERROR_CODES.REFUND_EXCEEDS_REMAINING,
      `Only ${money(remaining, payment.currency).display} of payment ${payment.id} is still refundable; refund at most that.`,
      { refundable: money(remaining, payment.currency) },
    );
  }
  await guard?.reserve(payment.currency, amount);
  const { refundId, entries } = await refundLockedPayment(
    tx,
    processor,
    payment,
    amount,
    input.reason,
    identity.processorKey,
    at,
    signal,
  );
  await post(tx, { kind: 'refund', ...identity, description: `refund ${refundId}`, entries, at });
  const view = paymentView(await load.payment(tx, payment.id));
  return {
    kind: 'ok',
    answer: {
      structured: {
        refund: { id: refundId, payment_id: payment.id, amount: money(amount, payment.currency), reason: input.reason },
        payment: view,
      },
      text: `Refunded ${money(amount, payment.currency).display} of payment ${payment.id} (refund ${refundId}, ${input.reason}); ${view.refundable.display} still refundable.`,
    },
  };
}
