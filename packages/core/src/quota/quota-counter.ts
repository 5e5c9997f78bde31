/** The port behind per-principal budgets for dangerous outcomes (refund totals, replica counts): QUOTA_EXCEEDED. */
import { ERROR_CODES } from '../errors/error-codes.js';
import { ToolError } from '../errors/tool-error.js';

/** The answer to one `consume`. */
export interface QuotaDecision {
  /** Whether `amount` fitted under the limit (and was counted). */
  readonly allowed: boolean;
  /** What the window has used, after this call when allowed. */
  readonly used: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** Counts amounts per key in fixed windows; atomic across every replica sharing the store. */
export interface QuotaCounter {
  /**
   * Adds `amount` to `key`'s window unless that would pass `limit`; never partially. A negative amount gives
   * back what an effect that did not happen had counted (always allowed).
   */
  consume(key: string, amount: number, limit: number, windowMs: number): Promise<QuotaDecision>;
}

/** The QUOTA_EXCEEDED error: not retryable until the window resets. */
export function quotaExceededError(what: string, decision: QuotaDecision, limit: number): ToolError {
  return new ToolError(
    ERROR_CODES.QUOTA_EXCEEDED,
    `This would exceed your ${what} quota (${decision.used} of ${limit} used); ask an operator, or wait ${Math.ceil(decision.resetMs / 1000)} s for the window to reset.`,
    { retryable: false, retryAfterMs: decision.resetMs, details: { used: decision.used, limit } },
  );
}

/** Milliseconds since the epoch at which the fixed window containing `now` started. */
export function windowStart(now: number, windowMs: number): number {
  return now - (now % windowMs);
}
