/** The machine-readable error codes of the error contract (DESIGN §6); servers add their own domain codes. */
export const ERROR_CODES = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_CURSOR: 'INVALID_CURSOR',
  NOT_FOUND: 'NOT_FOUND',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  RATE_LIMITED: 'RATE_LIMITED',
  OVERLOADED: 'OVERLOADED',
  TIMEOUT: 'TIMEOUT',
  CANCELLED: 'CANCELLED',
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  INTERNAL: 'INTERNAL',
} as const;

/** One of core's error codes. */
export type CoreErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** A core code or a domain code (UPPER_SNAKE, e.g. `DIVISION_BY_ZERO`). */
export type ErrorCode = CoreErrorCode | (string & {});

/** What is known about the side effect when a call failed. */
export const OUTCOMES = {
  /** Nothing was done; the call can be retried as is. */
  NOT_EXECUTED: 'not_executed',
  /** The operation ran and failed deterministically; retrying the same call gives the same answer. */
  FAILED: 'failed',
  /** The effect may or may not have happened; retry with the same request_id. */
  UNKNOWN: 'unknown',
} as const;

/** One of the outcome values of the error envelope. */
export type Outcome = (typeof OUTCOMES)[keyof typeof OUTCOMES];

/** Codes that are retryable unless a thrower says otherwise. */
export const RETRYABLE_BY_DEFAULT: ReadonlySet<string> = new Set<string>([
  ERROR_CODES.RATE_LIMITED,
  ERROR_CODES.OVERLOADED,
  ERROR_CODES.TIMEOUT,
  ERROR_CODES.DEPENDENCY_UNAVAILABLE,
  ERROR_CODES.UPSTREAM_ERROR,
  ERROR_CODES.IDEMPOTENCY_IN_PROGRESS,
]);
