/**
 * The daily refund budget of one call's principal: counted in core's quota counter (Redis when REDIS_URL is
 * set, so it holds across replicas) right before money moves, and given back when the transaction rolls back.
 * It runs inside the ledger transaction after the idempotency row was claimed, so a replay (from core's
 * store or from the ledger) never counts twice.
 */
import {
  ERROR_CODES,
  OUTCOMES,
  type QuotaDecision,
  quotaExceededError,
  type ToolContext,
  ToolError,
} from '@bulkhead/core';
import type { CurrencyCode } from '../domain/currency.js';
import { money } from '../domain/money.js';
import { DEFAULT_REFUND_LIMITS, REFUND_QUOTA_WINDOW_MS, refundLimitMinor } from '../domain/refund-limits.js';
import { DatabaseUnavailableError } from '../ports/sql-client.js';
import type { BillingDeps } from './billing-deps.js';

/** What the refund use cases ask before refunding. */
export interface RefundGuard {
  /** Counts `amount` against today's budget, or throws QUOTA_EXCEEDED (nothing counted). */
  reserve(currency: CurrencyCode, amount: bigint): Promise<void>;
  /** The same answer as `reserve` without counting anything (previews). */
  check(currency: CurrencyCode, amount: bigint): Promise<void>;
}

interface Reservation {
  readonly key: string;
  readonly amount: number;
  readonly limit: number;
  /** Epoch ms when the window the amount was counted in ends; never given back into a later window. */
  readonly windowEnds: number;
}

/** The budget of one tool call. */
export class RefundBudget implements RefundGuard {
  readonly #reserved: Reservation[] = [];

  constructor(
    private readonly ctx: Pick<ToolContext<BillingDeps>, 'quotas' | 'principal' | 'deps' | 'logger'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The quota key: one budget per principal and currency. */
  static key(principal: string, currency: CurrencyCode): string {
    return `refund:${principal}:${currency}`;
  }

  async reserve(currency: CurrencyCode, amount: bigint): Promise<void> {
    const limit = this.#limit(currency);
    if (limit === null || amount <= 0n) return;
    const key = RefundBudget.key(this.ctx.principal, currency);
    const decision = await this.#consume(key, Number(amount), limit);
    if (!decision.allowed) throw refundQuotaExceeded(currency, amount, decision, limit);
    this.#reserved.push({ key, amount: Number(amount), limit, windowEnds: this.now() + decision.resetMs });
  }

  async check(currency: CurrencyCode, amount: bigint): Promise<void> {
    const limit = this.#limit(currency);
    if (limit === null || amount <= 0n) return;
    const decision = await this.#consume(RefundBudget.key(this.ctx.principal, currency), 0, limit);
    if (decision.used + Number(amount) > limit) {
      throw refundQuotaExceeded(currency, amount, { ...decision, allowed: false }, limit);
    }
  }

  /**
   * After the ledger transaction failed: gives the reserved amounts back, unless the commit may have
   * happened (then the refund may stand, and counting it is the safe side).
   */
  async afterRollback(error: unknown): Promise<void> {
    if (error instanceof DatabaseUnavailableError && error.mayHaveCommitted) return;
    const reserved = this.#reserved.splice(0);
    for (const r of reserved) {
      if (this.now() >= r.windowEnds) continue;
      await this.ctx.quotas
        .consume(r.key, -r.amount, r.limit, REFUND_QUOTA_WINDOW_MS)
        .catch((e: unknown) => this.ctx.logger.warn({ err: e }, 'refund quota could not be given back'));
    }
  }

  #limit(currency: CurrencyCode): number | null {
    const limit = refundLimitMinor(this.ctx.deps.refundLimits ?? DEFAULT_REFUND_LIMITS, currency);
    return limit === null ? null : Number(limit);
  }

  async #consume(key: string, amount: number, limit: number): Promise<QuotaDecision> {
    try {
      return await this.ctx.quotas.consume(key, amount, limit, REFUND_QUOTA_WINDOW_MS);
    } catch (error) {
      // Fail closed: without the counter no refund goes out.
      throw new ToolError(
        ERROR_CODES.DEPENDENCY_UNAVAILABLE,
        'The refund limit cannot be checked right now, so nothing was refunded; retry with the same request_id shortly.',
        { retryable: true, retryAfterMs: 1000, outcome: OUTCOMES.NOT_EXECUTED, cause: error },
      );
    }
  }
}

/** QUOTA_EXCEEDED with amounts the model can act on: what is left today and when the window resets. */
function refundQuotaExceeded(
  currency: CurrencyCode,
  amount: bigint,
  decision: QuotaDecision,
  limit: number,
): ToolError {
  const left = BigInt(Math.max(0, limit - decision.used));
  const hours = Math.max(1, Math.ceil(decision.resetMs / 3_600_000));
  // Core's QUOTA_EXCEEDED (counted in bulkhead_quota_refusals_total), with amounts instead of raw counts.
  return new ToolError(
    quotaExceededError('daily refund', decision, limit).code,
    `This refund of ${money(amount, currency).display} would pass your daily refund limit of ${money(limit, currency).display} (${money(left, currency).display} left today); nothing was refunded. Refund at most what is left, ask an operator, or retry after the window resets in about ${hours} h (UTC day).`,
    {
      retryable: false,
      retryAfterMs: decision.resetMs,
      outcome: OUTCOMES.NOT_EXECUTED,
      details: {
        limit: money(limit, currency),
        used: money(decision.used, currency),
        left: money(left, currency),
      },
    },
  );
}
