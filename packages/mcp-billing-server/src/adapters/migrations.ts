/** Applies the plain `.sql` migrations once each, under an advisory lock, refusing edited ones by checksum. */
import { createHash } from 'node:crypto';
import ledger from '../migrations/001_ledger.sql';
import plans from '../migrations/002_plans.sql';
import houseAccountBalances from '../migrations/003_house_account_balances.sql';
import type { SqlClient } from '../ports/sql-client.js';

/** The migrations in order; never edit an applied one, add the next number instead. */
export const MIGRATIONS: readonly { readonly version: string; readonly sql: string }[] = [
  { version: '001_ledger', sql: ledger },
  { version: '002_plans', sql: plans },
  { version: '003_house_account_balances', sql: houseAccountBalances },
];

/** Advisory lock key shared by every process migrating the same database ("bill" in ASCII). */
const MIGRATION_LOCK_KEY = 0x62696c6c;

/** A migration already applied with different text: the database and this build disagree. */
export class MigrationChecksumError extends Error {
  override readonly name = 'MigrationChecksumError';
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Applies what is missing, in one transaction; returns the versions applied now. */
export async function migrate(db: SqlClient): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows = await tx.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    const now: string[] = [];
    for (const migration of MIGRATIONS) {
      const sum = checksum(migration.sql);
      const known = applied.get(migration.version);
      if (known !== undefined) {
        if (known !== sum) {
          throw new MigrationChecksumError(
            `migration ${migration.version} was applied with different contents; restore it and add a new migration instead`,
          );
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [migration.version, sum]);
      now.push(migration.version);
    }
    return now;
  });
}
