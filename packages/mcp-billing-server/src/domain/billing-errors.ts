/** The billing domain's error codes and the errors tools throw, each with one sentence the model can act on. */
import { ERROR_CODES, OUTCOMES, ToolError } from '@bulkhead/core';

/** Billing's own codes on top of core's. */
export const BILLING_ERROR_CODES = {
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  CARD_DECLINED: 'CARD_DECLINED',
  PAYMENT_OUTCOME_UNKNOWN: 'PAYMENT_OUTCOME_UNKNOWN',
  INVOICE_NOT_OPEN: 'INVOICE_NOT_OPEN',
  AMOUNT_EXCEEDS_DUE: 'AMOUNT_EXCEEDS_DUE',
  PAYMENT_NOT_REFUNDABLE: 'PAYMENT_NOT_REFUNDABLE',
  REFUND_EXCEEDS_REMAINING: 'REFUND_EXCEEDS_REMAINING',
  ALREADY_ON_PLAN: 'ALREADY_ON_PLAN',
  SUBSCRIPTION_NOT_ACTIVE: 'SUBSCRIPTION_NOT_ACTIVE',
  ALREADY_CANCELED: 'ALREADY_CANCELED',
  UNSUPPORTED_CURRENCY: 'UNSUPPORTED_CURRENCY',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
} as const;

/** Nothing by that id: the model should look it up first. */
export function notFound(what: string, id: string, hint: string): ToolError {
  return new ToolError(ERROR_CODES.NOT_FOUND, `No ${what} "${id}" exists; ${hint}`, {
    retryable: false,
    details: { [`${what.replace(/ /g, '_')}_id`]: id },
  });
}

/** The stated currency is not the one of the thing it applies to. */
export function currencyMismatch(given: string, expected: string, what: string): ToolError {
  return new ToolError(
    BILLING_ERROR_CODES.CURRENCY_MISMATCH,
    `The ${what} is in ${expected}, not ${given}; repeat the call with currency "${expected}".`,
    { retryable: false, details: { currency: given, expected_currency: expected } },
  );
}

/** A deterministic business refusal after the operation began; stored and replayed for the same request_id. */
export function businessFailure(code: string, message: string, details: Record<string, unknown> = {}): ToolError {
  return new ToolError(code, message, { retryable: false, outcome: OUTCOMES.FAILED, details });
}

/** A refusal before anything was done; the same request_id may be retried once the cause is fixed. */
export function precondition(code: string, message: string, details: Record<string, unknown> = {}): ToolError {
  return new ToolError(code, message, { retryable: false, outcome: OUTCOMES.NOT_EXECUTED, details });
}
