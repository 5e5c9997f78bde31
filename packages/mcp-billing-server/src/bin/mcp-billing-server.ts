#!/usr/bin/env node
/** The billing bin: stdio by default, `--transport http` for Streamable HTTP; PGlite unless DATABASE_URL is set. */
import { runServerCli } from '@bulkhead/core/node';
import { DataDirLockedError } from '../adapters/data-dir-lock.js';
import { MigrationChecksumError } from '../adapters/migrations.js';
import { openBillingDatabase } from '../adapters/open-billing-database.js';
import { SandboxPaymentProcessor } from '../adapters/sandbox-payment-processor.js';
import { BILLING_DEFAULT_PORT, billingConfig } from '../config.js';
import type { SqlClient } from '../ports/sql-client.js';
import { createBillingServer } from '../server.js';
import { seedDemoData } from '../use-cases/seed-demo-data.js';
import { VERSION } from '../version.js';

const BIN = 'mcp-billing-server';

// Core's flags always take a value; a bare `--demo-data` means `--demo-data=true`.
const argv = process.argv;
for (let i = 2; i < argv.length; i += 1) {
  const next = argv[i + 1];
  if (argv[i] === '--demo-data' && (next === undefined || next.startsWith('--'))) argv[i] = '--demo-data=true';
}

let db: SqlClient | undefined;

await runServerCli({
  bin: BIN,
  name: 'billing',
  version: VERSION,
  description: 'billing outcomes for agents over MCP on a double-entry ledger',
  defaultPort: BILLING_DEFAULT_PORT,
  config: billingConfig,
  create: async ({ config, runtime, logger }) => {
    try {
      db = await openBillingDatabase({ ...config, logger });
    } catch (error) {
      if (error instanceof DataDirLockedError || error instanceof MigrationChecksumError) {
        process.stderr.write(`${BIN}: cannot start: ${error.message}\n`);
      } else {
        logger.error({ err: error }, 'billing database could not be opened');
        process.stderr.write(
          `${BIN}: cannot start: the billing database could not be opened (details in the log above)\n`,
        );
      }
      process.exitCode = 1; // holds even if the event loop empties before the log flush calls back
      logger.flush(() => process.exit(1));
      return await new Promise<never>(() => {});
    }
    if (config.demoData) {
      const demo = await seedDemoData(db).catch((error: unknown) => {
        logger.error({ err: error }, 'demo data could not be seeded');
        return { seeded: false, customerIds: [] };
      });
      logger.info({ seeded: demo.seeded, customers: demo.customerIds }, 'demo data');
    }
    return createBillingServer(
      {
        db,
        processor: new SandboxPaymentProcessor(),
        now: () => new Date(),
        profile: config.profile,
        refundLimits: config.dailyRefundLimit,
      },
      runtime,
    );
  },
  close: async () => {
    await db?.close();
  },
});
