/** Sorts a driver error into "the statement was refused" or "the database is unavailable". */
import { DatabaseUnavailableError, SqlStatementError } from '../ports/sql-client.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
/** SQLSTATE classes and codes that mean the server is unreachable, shutting down or too slow. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-4])/;
const STATEMENT_TIMEOUT = '57014';

/** Wraps whatever a driver threw; `duringCommit` marks errors whose effect is unknown. */
export function classifySqlError(error: unknown, duringCommit = false): Error {
  if (error instanceof SqlStatementError || error instanceof DatabaseUnavailableError) return error;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const network =
    (code !== undefined && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) ||
    code === STATEMENT_TIMEOUT ||
    /timeout|terminated|Connection|connect/i.test(code === undefined ? message : '');
  if (network) return new DatabaseUnavailableError('database unavailable', duringCommit, error);
  return new SqlStatementError(message, code, typeof e.constraint === 'string' ? e.constraint : undefined, error);
}
