/** Exact decimal arithmetic on two operands: the pure core of the calculate tool. */
import type { Decimal } from 'decimal.js';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';
import {
  assertPrecision,
  boundedDecimal,
  type CalculationResult,
  DEFAULT_PRECISION,
  ExactDecimal,
  toCalculationResult,
} from './decimal-context.js';
import { applyOperation, OPERATIONS, type Operation } from './decimal-operations.js';

/** Precision limits and the shared result formatter, re-exported as part of the arithmetic API. */
export {
  type CalculationResult,
  DEFAULT_PRECISION,
  formatDecimal,
  MAX_DECIMAL_EXPONENT,
  MAX_INPUT_DIGITS,
  MAX_PRECISION,
} from './decimal-context.js';
/** The operation list, its type and the power exponent bound, re-exported as part of the arithmetic API. */
export { MAX_ABS_EXPONENT, OPERATIONS, type Operation } from './decimal-operations.js';

/** Largest |operand| calculate accepts, as a decimal string: |x| ≤ 1e15. */
export const MAX_ABS_OPERAND = '1e15';
/** Longest operand text calculate accepts. */
export const MAX_OPERAND_LENGTH = 1100;

const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_PATTERN = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Computes `x <operation> y` exactly in decimal. Numbers are read via their shortest text (`String(n)`), so
 * `0.1 + 0.2` is `0.3`. The result is rounded half-up to `precision` significant digits; `exact` is false when that
 * (or a non-terminating division) changed the value. Modulo truncates like JS `%`: the result takes the sign of the
 * dividend x (`-7 mod 3 = -1`). Power needs an integer exponent from -1000 to 1000.
 */
export function calculate(
  operation: Operation,
  x: string | number,
  y: string | number,
  precision: number = DEFAULT_PRECISION,
): CalculationResult {
  if (!OPERATIONS.includes(operation)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
      `Unknown operation "${String(operation)}"; use one of ${OPERATIONS.join(', ')}.`,
      { field: 'operation', allowed: [...OPERATIONS] },
    );
  }
  assertPrecision(precision);
  const a = parseOperand('x', x);
  const b = parseOperand('y', y);
  const result = applyOperation(
    operation,
    { value: a, exact: true },
    { value: b, exact: true },
    { label: operation, left: 'x', right: 'y', details: { operation } },
    { fractionalPower: false },
  );
  return toCalculationResult(result, precision);
}

/** Reads an operand given as a JS number or decimal text, enforcing |value| ≤ MAX_ABS_OPERAND and digit bounds. */
export function parseOperand(name: string, raw: string | number): Decimal {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  if ((typeof raw === 'number' && !Number.isFinite(raw)) || NON_FINITE_PATTERN.test(text)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `${name} must be a finite number, got ${shown}; pass a decimal number such as 12.5.`,
      { field: name },
    );
  }
  if (text.length > MAX_OPERAND_LENGTH || !DECIMAL_PATTERN.test(text)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
      `${name} is not a decimal number ("${shown}"); write it with digits, an optional "." and exponent, e.g. -2.5e3.`,
      { field: name },
    );
  }
  const value = boundedDecimal(text, { label: name, details: { field: name } });
  if (value.abs().gt(new ExactDecimal(MAX_ABS_OPERAND))) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `${name} must be between -${MAX_ABS_OPERAND} and ${MAX_ABS_OPERAND}, got ${shown}; ` +
        'scale the numbers down, e.g. work in thousands or millions.',
      { field: name, maxAbs: MAX_ABS_OPERAND },
    );
  }
  return value;
}
