/** The payment processor port: charges and refunds keyed by the derived idempotency key. */
import type { CurrencyCode } from '../domain/currency.js';

/** A charge request; the processor must treat a repeated `idempotencyKey` as the same charge. */
export interface ChargeRequest {
  readonly idempotencyKey: string;
  readonly customerId: string;
  readonly invoiceId: string;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly signal: AbortSignal;
}

/** What a charge came to. */
export type ChargeResult =
  | { readonly status: 'succeeded'; readonly processorRef: string }
  | { readonly status: 'declined'; readonly declineCode: string; readonly processorRef: string };

/** A refund request against an earlier charge. */
export interface RefundRequest {
  readonly idempotencyKey: string;
  readonly chargeRef: string;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly signal: AbortSignal;
}

/** The processor did not answer in time: the charge or refund may or may not have happened. */
export class ProcessorTimeoutError extends Error {
  override readonly name = 'ProcessorTimeoutError';
}

/** Moves money outside this server; implementations: the sandbox adapter, later a real processor. */
export interface PaymentProcessor {
  /** Charges the customer once per idempotency key; throws {@link ProcessorTimeoutError} when unsure. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Refunds part of a charge once per idempotency key; returns the refund's reference. */
  refund(request: RefundRequest): Promise<{ readonly processorRef: string }>;
}
