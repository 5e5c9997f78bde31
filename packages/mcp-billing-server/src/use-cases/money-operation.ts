/**
 * Runs a money-moving call in one database transaction together with its idempotency record
 * (unique scope + request_id): a retry whose record exists gets the stored answer, never a second effect.
 */
import { createHash } from 'node:crypto';
import { argumentsFingerprint, ERROR_CODES, isToolError, OUTCOMES, type ToolContext, ToolError } from '@bulkhead/core';
import { BILLING_ERROR_CODES } from '../domain/billing-errors.js';
import { ProcessorTimeoutError } from '../ports/payment-processor.js';
import { DatabaseUnavailableError, type SqlClient, type SqlExecutor, SqlStatementError } from '../ports/sql-client.js';

/** A tool answer as stored and replayed: markdown plus structured data. */
export interface StoredAnswer<S> {
  readonly structured: S;
  readonly text: string;
}

/** What the work inside the transaction came to: an answer, or a refusal that is recorded with the effect. */
export type WorkOutcome<S> =
  | { readonly kind: 'ok'; readonly answer: StoredAnswer<S> }
  | { readonly kind: 'failed'; readonly error: ToolError };

/** Appended to the text of an answer replayed from the ledger's idempotency record. */
export const LEDGER_REPLAY_NOTE =
  '(Already done earlier with this request_id: stored result returned, nothing changed now.)';

/** Identity of one money operation. */
export interface OperationIdentity {
  /** principal + tool. */
  readonly scope: string;
  readonly requestId: string;
  readonly fingerprint: string;
  /** The key passed to the payment processor. */
  readonly processorKey: string;
}

/** Derives the operation identity from a tool call (core's derived key goes to the processor). */
export function operationIdentity(
  tool: string,
  args: Record<string, unknown>,
  ctx: Pick<ToolContext<unknown>, 'principal' | 'idempotency'>,
): OperationIdentity {
  const requestId = String(args.request_id);
  const fallback = createHash('sha256')
    .update(JSON.stringify([ctx.principal, tool, requestId]))
    .digest('hex');
  return {
    scope: `${ctx.principal}:${tool}`,
    requestId,
    fingerprint: argumentsFingerprint(args),
    processorKey: ctx.idempotency?.key ?? `billing:${tool}:${fallback}`,
  };
}

interface RecordRow {
  fingerprint: string;
  outcome: string;
  result: string | null;
}

interface StoredFailure {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Runs `work` once per (scope, request_id); returns the answer and whether it was replayed from the ledger. */
export async function runMoneyOperation<S extends Record<string, unknown>>(
  db: SqlClient,
  identity: OperationIdentity,
  now: Date,
  work: (tx: SqlExecutor) => Promise<WorkOutcome<S>>,
  options: { afterRollback?: (error: unknown) => Promise<void> } = {},
): Promise<StoredAnswer<S>> {
  const outcome = await guardDatabase(() =>
    rollbackAware(options.afterRollback, () =>
      db.transaction(async (tx): Promise<WorkOutcome<S> & { replayed: boolean }> => {
        const claimed = await tx.query(
          `INSERT INTO idempotency_records (scope, request_id, fingerprint, outcome, created_at)
         VALUES ($1, $2, $3, 'pending', $4) ON CONFLICT (scope, request_id) DO NOTHING RETURNING scope`,
          [identity.scope, identity.requestId, identity.fingerprint, now],
        );
        if (claimed.length === 0) return { ...(await storedOutcome<S>(tx, identity)), replayed: true };
        const result = await work(tx);
        const stored =
          result.kind === 'ok'
            ? JSON.stringify(result.answer)
            : JSON.stringify({ code: result.error.code, message: result.error.message, details: result.error.details });
        // Recorded with the COMMIT (one round trip): if recording fails, the effect does not commit either.
        tx.beforeCommit(
          'UPDATE idempotency_records SET outcome = $3, result = $4 WHERE scope = $1 AND request_id = $2',
          [identity.scope, identity.requestId, result.kind === 'ok' ? 'succeeded' : 'failed', stored],
        );
        return { ...result, replayed: false };
      }),
    ),
  );
  if (outcome.kind === 'failed') throw outcome.error;
  // A replay from the ledger returns the stored structured result unchanged; the text says it was a replay.
  return {
    structured: outcome.answer.structured,
    text: outcome.replayed ? `${outcome.answer.text}\n${LEDGER_REPLAY_NOTE}` : outcome.answer.text,
  };
}

/** Runs `transaction`; when it throws, lets `afterRollback` undo what lives outside the database (quotas). */
async function rollbackAware<T>(
  afterRollback: ((error: unknown) => Promise<void>) | undefined,
  transaction: () => Promise<T>,
): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    await afterRollback?.(error);
    throw error;
  }
}

async function storedOutcome<S>(tx: SqlExecutor, identity: OperationIdentity): Promise<WorkOutcome<S>> {
  const [record] = await tx.query<RecordRow>(
    'SELECT fingerprint, outcome, result FROM idempotency_records WHERE scope = $1 AND request_id = $2',
    [identity.scope, identity.requestId],
  );
  if (!record || record.fingerprint !== identity.fingerprint) {
    throw new ToolError(
      ERROR_CODES.IDEMPOTENCY_KEY_REUSED,
      'This request_id was already used with different arguments; use a new request_id for a different change.',
      { retryable: false },
    );
  }
  if (record.outcome === 'succeeded' && record.result) {
    return { kind: 'ok', answer: JSON.parse(record.result) as StoredAnswer<S> };
  }
  if (record.outcome === 'failed' && record.result) {
    const failure = JSON.parse(record.result) as StoredFailure;
    return {
      kind: 'failed',
      error: new ToolError(failure.code, failure.message, {
        retryable: false,
        outcome: OUTCOMES.FAILED,
        ...(failure.details ? { details: failure.details } : {}),
      }),
    };
  }
  throw new ToolError(
    ERROR_CODES.IDEMPOTENCY_IN_PROGRESS,
    'A call with this request_id is still running; retry with the same request_id shortly.',
    { retryable: true, retryAfterMs: 1000 },
  );
}

/** Runs a preview of `work` in a transaction that is always rolled back: exactly what applying would do. */
export async function previewInRollback<T>(db: SqlClient, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const marker = Symbol('preview');
  let value: { v: T } | undefined;
  try {
    await guardDatabase(() =>
      db.transaction(async (tx) => {
        value = { v: await work(tx) };
        throw marker;
      }),
    );
  } catch (error) {
    if (error !== marker) throw error;
  }
  if (!value) throw new Error('preview produced no value');
  return value.v;
}

/** Turns database and processor failures into the error contract; SQL and hosts never reach the model. */
export async function guardDatabase<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isToolError(error) || typeof error === 'symbol') throw error;
    if (error instanceof DatabaseUnavailableError) {
      throw new ToolError(
        ERROR_CODES.DEPENDENCY_UNAVAILABLE,
        error.mayHaveCommitted
          ? 'The billing database stopped answering while saving; retry with the same request_id to get the result.'
          : 'The billing database is unavailable, so nothing was changed; retry with the same request_id shortly.',
        {
          retryable: true,
          retryAfterMs: 1000,
          outcome: error.mayHaveCommitted ? OUTCOMES.UNKNOWN : OUTCOMES.NOT_EXECUTED,
          cause: error,
        },
      );
    }
    if (error instanceof ProcessorTimeoutError) {
      throw new ToolError(
        BILLING_ERROR_CODES.PAYMENT_OUTCOME_UNKNOWN,
        'The payment processor did not answer in time; retry with the same request_id (never a new one) to learn the outcome.',
        { retryable: true, retryAfterMs: 2000, outcome: OUTCOMES.UNKNOWN, cause: error },
      );
    }
    if (error instanceof SqlStatementError && error.constraint === 'customers_email_unique') {
      // A concurrent onboarding with the same email committed first.
      throw new ToolError(
        BILLING_ERROR_CODES.EMAIL_TAKEN,
        'A customer with this email already exists; use get_billing_summary with its customer_id instead.',
        { retryable: false, cause: error },
      );
    }
    if (error instanceof SqlStatementError && error.constraint === 'payments_refund_bound') {
      throw new ToolError(
        BILLING_ERROR_CODES.REFUND_EXCEEDS_REMAINING,
        'The refund exceeds what is still refundable on this payment; check find_payments and refund less.',
        { retryable: false, outcome: OUTCOMES.FAILED, cause: error },
      );
    }
    throw error;
  }
}

/** Runs `work` as a preview (rolled back, nothing written, no idempotency record). */
export async function previewOperation<S extends Record<string, unknown>>(
  db: SqlClient,
  work: (tx: SqlExecutor) => Promise<WorkOutcome<S>>,
): Promise<StoredAnswer<S>> {
  const outcome = await previewInRollback(db, work);
  if (outcome.kind === 'failed') throw outcome.error;
  return outcome.answer;
}
