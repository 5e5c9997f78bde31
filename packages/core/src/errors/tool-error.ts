/** The one error class tools throw: a code, one actionable sentence for the model, and retry facts. */
import { type ErrorCode, OUTCOMES, type Outcome, RETRYABLE_BY_DEFAULT } from './error-codes.js';

/** Options of a {@link ToolError} beyond its code and message. */
export interface ToolErrorOptions {
  /** Whether the same call may succeed later; defaults by code. */
  retryable?: boolean;
  /** How long to wait before retrying, when known. */
  retryAfterMs?: number;
  /** What is known about the side effect; defaults to `not_executed`. */
  outcome?: Outcome;
  /** Safe, structured facts for the model (e.g. `{ field: 'x' }`); never secrets or internals. */
  details?: Record<string, unknown>;
  /** The underlying error, logged but never shown to the model. */
  cause?: unknown;
}

/**
 * A failure the model can act on. `message` is one sentence that says what to do next;
 * it reaches the model verbatim, so it must not hold host names, SQL, stack traces or secrets.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly outcome: Outcome;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.outcome = options.outcome ?? OUTCOMES.NOT_EXECUTED;
    this.details = options.details;
  }
}

/** Whether a value is a {@link ToolError} (also across duplicated module copies). */
export function isToolError(value: unknown): value is ToolError {
  return value instanceof ToolError || (value instanceof Error && value.name === 'ToolError' && 'code' in value);
}
