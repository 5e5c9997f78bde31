/** Collecting an open invoice through the payment processor, recording the payment and its ledger posting. */
import { BILLING_ERROR_CODES, businessFailure, currencyMismatch, precondition } from '../domain/billing-errors.js';
import type { CurrencyCode } from '../domain/currency.js';
import { money } from '../domain/money.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlExecutor } from '../ports/sql-client.js';
import { ACCOUNTS, post, transfer } from './ledger.js';
import type { OperationIdentity, WorkOutcome } from './money-operation.js';
import { amountDue, type InvoiceView, invoiceView, load, newId, type PaymentView, paymentView } from './records.js';

/** What a collection needs; the amount defaults to what is due. */
export interface CollectInput {
  readonly invoiceId: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint | undefined;
}

/** What a collection shows. */
export interface CollectResult extends Record<string, unknown> {
  payment: PaymentView;
  invoice: InvoiceView;
}

/** Charges the invoice (row-locked) once per idempotency key; a decline is recorded and answered as CARD_DECLINED. */
export async function collectPayment(
  tx: SqlExecutor,
  processor: PaymentProcessor,
  input: CollectInput,
  identity: OperationIdentity,
  at: Date,
  signal: AbortSignal,
): Promise<WorkOutcome<CollectResult>> {
  const invoice = await load.invoice(tx, input.invoiceId, true);
  if (invoice.currency !== input.currency) throw currencyMismatch(input.currency, invoice.currency, 'invoice');
  if (invoice.status !== 'open') {
    throw precondition(
      BILLING_ERROR_CODES.INVOICE_NOT_OPEN,
      `Invoice ${invoice.id} is ${invoice.status}, so there is nothing to collect; check list_invoices for open ones.`,
      { status: invoice.status },
    );
  }
  const due = amountDue(invoice);
  const amount = input.amountMinor ?? due;
  if (amount > due) {
    throw precondition(
      BILLING_ERROR_CODES.AMOUNT_EXCEEDS_DUE,
      `Only ${money(due, invoice.currency).display} is due on this invoice; collect at most that amount or omit amount_minor.`,
      { amount_due: money(due, invoice.currency) },
    );
  }
  signal.throwIfAborted();
  const charge = await processor.charge({
    idempotencyKey: identity.processorKey,
    customerId: invoice.customer_id,
    invoiceId: invoice.id,
    amountMinor: amount,
    currency: invoice.currency,
    signal,
  });
  const paymentId = newId('pay');
  const succeeded = charge.status === 'succeeded';
  await tx.query(
    `INSERT INTO payments (id, customer_id, invoice_id, currency, amount_minor, status, failure_code, processor_ref, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      paymentId,
      invoice.customer_id,
      invoice.id,
      invoice.currency,
      amount.toString(),
      charge.status === 'succeeded' ? 'succeeded' : 'failed',
      charge.status === 'declined' ? charge.declineCode : null,
      charge.processorRef,
      at,
    ],
  );
  if (!succeeded) {
    return {
      kind: 'failed',
      error: businessFailure(
        BILLING_ERROR_CODES.CARD_DECLINED,
        `The card was declined (payment ${paymentId} recorded as failed); ask the customer for another payment method, then collect with a new request_id.`,
        { payment_id: paymentId, decline_code: charge.status === 'declined' ? charge.declineCode : 'unknown' },
      ),
    };
  }
  await tx.query(
    `UPDATE invoices SET paid_minor = paid_minor + $2,
       status = CASE WHEN credit_applied_minor + paid_minor + $2 = total_minor THEN 'paid' ELSE 'open' END
     WHERE id = $1`,
    [invoice.id, amount.toString()],
  );
  const entries = transfer(
    ACCOUNTS.cash(invoice.currency),
    ACCOUNTS.receivable(invoice.customer_id),
    invoice.currency,
    amount,
  );
  await post(tx, { kind: 'payment', ...identity, description: `payment ${paymentId}`, entries, at });
  const payment = paymentView(await load.payment(tx, paymentId));
  const updated = invoiceView(await load.invoice(tx, invoice.id));
  return {
    kind: 'ok',
    answer: {
      structured: { payment, invoice: updated },
      text: `Collected ${payment.amount.display} on invoice ${invoice.id} (payment ${paymentId}); invoice is ${updated.status}, ${updated.amount_due.display} still due.`,
    },
  };
}
