/** The SQL client port over a `pg` Pool with explicit timeouts (DESIGN §7). */
import pg from 'pg';
import type { SqlClient, SqlExecutor } from '../ports/sql-client.js';
import { classifySqlError } from './sql-errors.js';

/** Options of {@link createPgSqlClient}. */
export interface PgSqlClientOptions {
  readonly connectionString: string;
  /** Every statement is cancelled after this long (default 5 s). */
  readonly statementTimeoutMs?: number;
  /** Runs every session with this schema first on its search_path (isolated test schemas). */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Where idle-client errors go instead of crashing the process. */
  readonly onIdleError?: (error: Error) => void;
}

/** Opens a pool; nothing connects until the first query. */
export function createPgSqlClient(options: PgSqlClientOptions): SqlClient {
  const statementTimeout = options.statementTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    connectionTimeoutMillis: 2_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
    idle_in_transaction_session_timeout: 30_000,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] = []) => {
    try {
      return (await client.query(sql, [...params])).rows as Row[];
    } catch (error) {
      throw classifySqlError(error);
    }
  };
  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw classifySqlError(error);
      }
      let broken: unknown;
      try {
        await run(client, 'BEGIN');
        const tx: SqlExecutor = {
          query: (sql, params) => run(client, sql, params),
          exec: async (script) => {
            await run(client, script);
          },
        };
        const result = await work(tx);
        try {
          await client.query('COMMIT');
        } catch (error) {
          throw classifySqlError(error, true);
        }
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async exec(script) {
      await run(pool, script);
    },
    async close() {
      await pool.end();
    },
  };
}

/** Quotes an identifier for the search_path option; schema names come from config or tests, never from calls. */
function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
}
