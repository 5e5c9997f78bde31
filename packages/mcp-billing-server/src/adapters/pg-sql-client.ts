/** The SQL client port over a `pg` Pool with explicit timeouts (DESIGN §7). */
import type { Duplex } from 'node:stream';
import pg from 'pg';
import type { SqlClient, TransactionExecutor } from '../ports/sql-client.js';
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
    // A statement is sent without waiting for the one before; Postgres still runs them in order (see transaction).
    pipeline: true,
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
      // Every network write is expensive next to a statement, so statements issued in the same tick share one:
      // BEGIN goes out with the work's first statement, and the beforeCommit statements with COMMIT. BEGIN is
      // checked before anything commits; it can only fail with the connection, which fails the rest too.
      const stream = socketOf(client);
      const finalStatements: { sql: string; params: readonly unknown[] }[] = [];
      const tx: TransactionExecutor = {
        query: (sql, params) => {
          shareWriteThisTick(stream);
          return run(client, sql, params);
        },
        exec: async (script) => {
          await run(client, script);
        },
        beforeCommit: (sql, params = []) => {
          finalStatements.push({ sql, params });
        },
      };
      let broken: unknown;
      try {
        shareWriteThisTick(stream);
        const begun = run(client, 'BEGIN');
        const result = await work(tx).finally(() => begun);
        await commit(client, stream, finalStatements, run);
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

/** Sends the final statements and COMMIT in one write; a failed final statement turns COMMIT into ROLLBACK. */
async function commit(
  client: pg.PoolClient,
  stream: Duplex | undefined,
  finalStatements: readonly { sql: string; params: readonly unknown[] }[],
  run: (client: pg.PoolClient, sql: string, params: readonly unknown[]) => Promise<unknown>,
): Promise<void> {
  shareWriteThisTick(stream);
  const finals = finalStatements.map((s) => run(client, s.sql, s.params));
  const committed = client.query('COMMIT');
  const [finalResults, commitResult] = await Promise.all([
    Promise.allSettled(finals),
    committed.then(
      (r) => ({ ok: true as const, command: r.command }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  ]);
  const failed = finalResults.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (!commitResult.ok) throw classifySqlError(commitResult.error, true);
  // Postgres answers COMMIT of a failed transaction with ROLLBACK rather than an error.
  if (commitResult.command !== 'COMMIT') throw classifySqlError(new Error('the transaction was rolled back'));
}

const sharing = new WeakSet<Duplex>();

/** Holds the socket's writes until the end of this tick, so statements issued together leave in one write. */
function shareWriteThisTick(stream: Duplex | undefined): void {
  if (!stream || sharing.has(stream)) return;
  sharing.add(stream);
  stream.cork();
  process.nextTick(() => {
    sharing.delete(stream);
    stream.uncork();
  });
}

/** The client's socket (pg exposes it as `connection.stream`); undefined if a future pg hides it. */
function socketOf(client: pg.PoolClient): Duplex | undefined {
  const stream = (client as unknown as { connection?: { stream?: Duplex } }).connection?.stream;
  return stream && typeof stream.cork === 'function' ? stream : undefined;
}

/** Quotes an identifier for the search_path option; schema names come from config or tests, never from calls. */
function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
}
