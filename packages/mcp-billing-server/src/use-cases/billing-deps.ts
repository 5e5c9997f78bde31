/** What the billing tools and use cases need: the database, the payment processor and a clock. */
import type { RefundLimits } from '../domain/refund-limits.js';
import type { PaymentProcessor } from '../ports/payment-processor.js';
import type { SqlClient } from '../ports/sql-client.js';

/** The billing server's dependencies; built by the bin (or a test) from real adapters. */
export interface BillingDeps {
  readonly db: SqlClient;
  readonly processor: PaymentProcessor;
  /** The current time; injectable so proration is testable. */
  readonly now: () => Date;
  /** `read-only` lists only the read tools. */
  readonly profile?: 'full' | 'read-only';
  /** The daily refund limit per principal and currency; DEFAULT_REFUND_LIMITS when omitted. */
  readonly refundLimits?: RefundLimits;
}
