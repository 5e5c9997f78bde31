/** @bulkhead/mcp-billing-server: the importable factory, its configuration, the SQL port and the database. */
export { DataDirLockedError } from './adapters/data-dir-lock.js';
export { MIGRATIONS, MigrationChecksumError, migrate } from './adapters/migrations.js';
export { type BillingDatabaseOptions, openBillingDatabase } from './adapters/open-billing-database.js';
export { createPgSqlClient, type PgSqlClientOptions } from './adapters/pg-sql-client.js';
export { createPgliteSqlClient } from './adapters/pglite-sql-client.js';
export {
  SANDBOX_DECLINE_SUFFIX,
  SANDBOX_TIMEOUT_AMOUNT,
  SandboxPaymentProcessor,
} from './adapters/sandbox-payment-processor.js';
export {
  BILLING_DEFAULT_PORT,
  BILLING_PROFILES,
  type BillingConfig,
  billingConfig,
  DEFAULT_DATA_DIR,
  IN_MEMORY_DATA_DIR,
} from './config.js';
export { BILLING_ERROR_CODES } from './domain/billing-errors.js';
export { CURRENCY_CODES, CURRENCY_EXPONENTS, type CurrencyCode, formatMoney } from './domain/currency.js';
export { MAX_AMOUNT_MINOR, type MoneyView } from './domain/money.js';
export {
  DEFAULT_DAILY_REFUND_LIMIT,
  DEFAULT_REFUND_LIMITS,
  parseRefundLimits,
  REFUND_QUOTA_WINDOW_MS,
  type RefundLimits,
  refundLimitMinor,
} from './domain/refund-limits.js';
export {
  type ChargeRequest,
  type ChargeResult,
  type PaymentProcessor,
  ProcessorTimeoutError,
  type RefundRequest,
} from './ports/payment-processor.js';
export { DatabaseUnavailableError, type SqlClient, type SqlExecutor, SqlStatementError } from './ports/sql-client.js';
export { createBillingServer } from './server.js';
export { billingReadTools, billingTools } from './tools/index.js';
export type { BillingDeps } from './use-cases/billing-deps.js';
export { type DemoData, seedDemoData } from './use-cases/seed-demo-data.js';
export { VERSION } from './version.js';
