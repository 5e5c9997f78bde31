/** Opens the ledger database the configuration names (PostgreSQL or embedded PGlite) and migrates it. */
import { mkdirSync } from 'node:fs';
import type { Logger } from '@bulkhead/core';
import { IN_MEMORY_DATA_DIR } from '../config.js';
import type { SqlClient } from '../ports/sql-client.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrate } from './migrations.js';
import { createPgSqlClient } from './pg-sql-client.js';
import { createPgliteSqlClient } from './pglite-sql-client.js';

/** What {@link openBillingDatabase} needs from the configuration. */
export interface BillingDatabaseOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly databaseSchema?: string | undefined;
  readonly statementTimeoutMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

/** `DATABASE_URL` selects PostgreSQL; otherwise PGlite in the data directory (locked) or in memory. Migrated. */
export async function openBillingDatabase(options: BillingDatabaseOptions = {}): Promise<SqlClient> {
  const db = options.databaseUrl ? openPostgres(options) : await openPglite(options.dataDir ?? IN_MEMORY_DATA_DIR);
  try {
    const applied = await migrate(db);
    options.logger?.info({ engine: db.engine, migrations_applied: applied }, 'billing database ready');
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

function openPostgres(options: BillingDatabaseOptions): SqlClient {
  return createPgSqlClient({
    connectionString: options.databaseUrl ?? '',
    ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
    onIdleError: (error) => options.logger?.warn({ err: error }, 'idle PostgreSQL connection failed'),
  });
}

async function openPglite(dataDir: string): Promise<SqlClient> {
  // Loaded only here: a PostgreSQL deployment never loads PGlite (its code and memory stay out of the process).
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir === IN_MEMORY_DATA_DIR) return createPgliteSqlClient(await PGlite.create());
  const release = lockDataDir(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    return createPgliteSqlClient(await PGlite.create({ dataDir }), release);
  } catch (error) {
    release();
    throw error;
  }
}
