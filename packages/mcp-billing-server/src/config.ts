/** The billing server's own settings, parsed once at start together with the shared serving settings. */
import { type ConfigOf, defineConfig, integerSetting } from '@bulkhead/core';
import { z } from 'zod';
import { DEFAULT_DAILY_REFUND_LIMIT, parseRefundLimits } from './domain/refund-limits.js';

/** Where the embedded database lives when nothing else is said. */
export const DEFAULT_DATA_DIR = '.bulkhead/billing-data';
/** The data directory value that keeps the embedded database in memory (tests, throwaway demos). */
export const IN_MEMORY_DATA_DIR = 'memory://';
/** The billing server's default HTTP port (DESIGN §11). */
export const BILLING_DEFAULT_PORT = 8702;

/** The tool profiles: every tool, or only the read tools. */
export const BILLING_PROFILES = ['full', 'read-only'] as const;

/** Billing settings: the ledger database, the tool profile and demo data. */
export const billingConfig = defineConfig({
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: z
      .string()
      .max(2048)
      .regex(/^postgres(ql)?:\/\//)
      .optional(),
    help: 'a postgres:// URL of the ledger database (default: embedded PGlite under BILLING_DATA_DIR)',
  },
  dataDir: {
    env: 'BILLING_DATA_DIR',
    flag: '--data-dir',
    schema: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .transform((v) => v ?? DEFAULT_DATA_DIR),
    help: `a directory for the embedded PGlite ledger when DATABASE_URL is unset, or ${IN_MEMORY_DATA_DIR} (default ${DEFAULT_DATA_DIR} under the working directory)`,
  },
  databaseSchema: {
    env: 'BILLING_DB_SCHEMA',
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    help: 'a lower-case PostgreSQL schema name to keep the ledger in (default: the search_path of DATABASE_URL)',
  },
  statementTimeoutMs: {
    env: 'BILLING_STATEMENT_TIMEOUT_MS',
    schema: integerSetting(100, 60_000, 5_000),
    help: 'an integer from 100 to 60000: PostgreSQL statement timeout in ms (default 5000)',
  },
  profile: {
    env: 'BILLING_PROFILE',
    flag: '--profile',
    schema: z
      .enum(BILLING_PROFILES)
      .optional()
      .transform((v) => v ?? 'full'),
    help: 'full or read-only: read-only lists only the read tools (default full)',
  },
  demoData: {
    env: 'BILLING_DEMO_DATA',
    flag: '--demo-data',
    schema: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => v === 'true' || v === '1'),
    help: 'true or false: seed demo customers, invoices and payments at start when the ledger is empty (default false)',
  },
  dailyRefundLimit: {
    env: 'BILLING_DAILY_REFUND_LIMIT',
    flag: '--daily-refund-limit',
    schema: z
      .string()
      .max(1024)
      .optional()
      .transform((v, ctx) => {
        try {
          return parseRefundLimits(v ?? DEFAULT_DAILY_REFUND_LIMIT);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    help: `the refund total one principal may issue per UTC day and currency, in major units: <whole amount>|off, then optional ,CUR=<amount>|off overrides, e.g. 5000,JPY=750000,KWD=1500.500 (default ${DEFAULT_DAILY_REFUND_LIMIT} in every currency; 0 refuses all refunds)`,
  },
});

/** The parsed billing settings. */
export type BillingConfig = ConfigOf<typeof billingConfig>;
