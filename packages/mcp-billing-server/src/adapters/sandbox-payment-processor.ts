/** A deterministic in-process payment processor for development and tests (rules in the README). */
import { createHash } from 'node:crypto';
import {
  type ChargeRequest,
  type ChargeResult,
  type PaymentProcessor,
  ProcessorTimeoutError,
  type RefundRequest,
} from '../ports/payment-processor.js';

/** Amounts whose last two minor digits are this are declined. */
export const SANDBOX_DECLINE_SUFFIX = 2n;
/** This exact amount never gets an answer: the processor times out and the outcome is unknown. */
export const SANDBOX_TIMEOUT_AMOUNT = 4_000_09n;

function reference(prefix: string, key: string): string {
  return `${prefix}_sandbox_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/**
 * Sandbox rules: amounts ending in 02 minor units (e.g. 10.02 USD) decline with `card_declined`;
 * 4,000.09 (400009 minor units) times out; everything else succeeds. A repeated idempotency key
 * returns the first answer, like a real processor.
 */
export class SandboxPaymentProcessor implements PaymentProcessor {
  readonly #charges = new Map<string, ChargeResult>();
  readonly #refunds = new Map<string, { processorRef: string }>();
  /** How many distinct charges and refunds were made (for tests: a replay must not add one). */
  readonly calls = { charges: 0, refunds: 0 };

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    request.signal.throwIfAborted();
    const known = this.#charges.get(request.idempotencyKey);
    if (known) return known;
    if (request.amountMinor === SANDBOX_TIMEOUT_AMOUNT) {
      throw new ProcessorTimeoutError('sandbox processor timed out');
    }
    const processorRef = reference('ch', request.idempotencyKey);
    const result: ChargeResult =
      request.amountMinor % 100n === SANDBOX_DECLINE_SUFFIX
        ? { status: 'declined', declineCode: 'card_declined', processorRef }
        : { status: 'succeeded', processorRef };
    this.#charges.set(request.idempotencyKey, result);
    if (result.status === 'succeeded') this.calls.charges += 1;
    return result;
  }

  async refund(request: RefundRequest): Promise<{ processorRef: string }> {
    request.signal.throwIfAborted();
    const known = this.#refunds.get(request.idempotencyKey);
    if (known) return known;
    const result = { processorRef: reference('re', request.idempotencyKey) };
    this.#refunds.set(request.idempotencyKey, result);
    this.calls.refunds += 1;
    return result;
  }
}
