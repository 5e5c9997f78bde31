/** The calculator's domain error codes and the one way domain code builds its (deterministic) ToolErrors. */
import { ToolError } from '@bulkhead/core';

/** Domain error codes of the calculator; they sit alongside core's codes in the error envelope. */
export const CALCULATOR_ERROR_CODES = {
  DIVISION_BY_ZERO: 'DIVISION_BY_ZERO',
  INVALID_EXPRESSION: 'INVALID_EXPRESSION',
  NUMBER_OUT_OF_RANGE: 'NUMBER_OUT_OF_RANGE',
  UNKNOWN_FUNCTION: 'UNKNOWN_FUNCTION',
  DOMAIN_ERROR: 'DOMAIN_ERROR',
  EXPRESSION_TOO_COMPLEX: 'EXPRESSION_TOO_COMPLEX',
} as const;

/** One of the calculator's domain error codes. */
export type CalculatorErrorCode = (typeof CALCULATOR_ERROR_CODES)[keyof typeof CALCULATOR_ERROR_CODES];

/** A failed, non-retryable ToolError: the same input always fails the same way, so retrying is pointless. */
export function calculatorError(
  code: CalculatorErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ToolError {
  return new ToolError(
    code,
    message,
    details === undefined ? { outcome: 'failed', retryable: false } : { outcome: 'failed', retryable: false, details },
  );
}
