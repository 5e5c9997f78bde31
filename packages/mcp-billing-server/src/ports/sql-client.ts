/** The small SQL client port the billing store is written against: PGlite (embedded) and pg (PostgreSQL). */

/** Something that runs one parameterised statement and returns its rows. */
export interface SqlExecutor {
  /** Runs one statement with `$1…` parameters; rows come back as plain objects. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** What a transaction's work runs its statements on. */
export interface TransactionExecutor extends SqlExecutor {
  /**
   * Runs `sql` last, right before COMMIT and in the same round trip (for the statement that records the outcome).
   * If it fails, nothing commits and the transaction rejects with its error.
   */
  beforeCommit(sql: string, params?: readonly unknown[]): void;
}

/** A database handle: statements, transactions, scripts, and closing. */
export interface SqlClient extends SqlExecutor {
  /** Which engine serves this client; only for logs and tests. */
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction (READ COMMITTED); commits when it resolves, rolls back when it throws.
   * Statements issued without awaiting in between (`Promise.all`) are pipelined: sent together in one round
   * trip and run in the order issued, so a later one sees what an earlier one wrote.
   */
  transaction<T>(work: (tx: TransactionExecutor) => Promise<T>): Promise<T>;
  /** Releases connections, the embedded database and its lock file. */
  close(): Promise<void>;
}

/** A statement the database refused; `code` is the SQLSTATE, never shown to the model. */
export class SqlStatementError extends Error {
  override readonly name = 'SqlStatementError';
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  constructor(message: string, code: string | undefined, constraint: string | undefined, cause: unknown) {
    super(message, { cause });
    this.code = code;
    this.constraint = constraint;
  }
}

/** The database cannot be reached or did not answer in time; `mayHaveCommitted` when it broke during COMMIT. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly mayHaveCommitted: boolean;
  constructor(message: string, mayHaveCommitted: boolean, cause: unknown) {
    super(message, { cause });
    this.mayHaveCommitted = mayHaveCommitted;
  }
}
