/** The SQL client port over PGlite's native API (its pg-compatible bridges misbehave after a failed query). */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor, TransactionExecutor } from '../ports/sql-client.js';
import { classifySqlError } from './sql-errors.js';

function executor(target: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      try {
        return (await target.query<Row>(sql, [...params])).rows;
      } catch (error) {
        throw classifySqlError(error);
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await target.exec(script);
      } catch (error) {
        throw classifySqlError(error);
      }
    },
  };
}

/** Wraps an open PGlite; `onClose` runs after it closed (the data-directory lock is released there). */
export function createPgliteSqlClient(db: PGlite, onClose: () => void = () => {}): SqlClient {
  const direct = executor(db);
  return {
    engine: 'pglite',
    query: direct.query,
    // PGlite is one connection: its transaction mutex already serialises every transaction and query.
    async transaction(work) {
      try {
        return await db.transaction(async (tx) => {
          const finalStatements: { sql: string; params: readonly unknown[] }[] = [];
          const direct = executor(tx);
          const txExecutor: TransactionExecutor = {
            ...direct,
            beforeCommit: (sql, params = []) => {
              finalStatements.push({ sql, params });
            },
          };
          const result = await work(txExecutor);
          for (const s of finalStatements) await direct.query(s.sql, s.params);
          return result;
        });
      } catch (error) {
        // Errors raised by the database itself (at COMMIT: deferred constraints) carry a severity.
        throw error !== null && typeof error === 'object' && 'severity' in error ? classifySqlError(error) : error;
      }
    },
    exec: direct.exec,
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        onClose();
      }
    },
  };
}
