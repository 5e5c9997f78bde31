/** Decimal contexts, number bounds and result formatting shared by calculate and the expression evaluator. */
import { Decimal } from 'decimal.js';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';

/** Significant digits every rounded (inexact) intermediate result is computed to. */
export const WORKING_PRECISION = 50;
/** Most significant digits a result may be shown with. */
export const MAX_PRECISION = 30;
/** Significant digits a result is shown with unless the caller asks otherwise. */
export const DEFAULT_PRECISION = 20;
/** Largest |decimal exponent| of any operand, intermediate or result (non-zero magnitudes 1e-1000 to <1e1001). */
export const MAX_DECIMAL_EXPONENT = 1000;
/** Most significant digits a number literal or operand may have. */
export const MAX_INPUT_DIGITS = 50;
/** Most digits an exact intermediate may carry; beyond that it is rounded to the working precision and inexact. */
export const MAX_EXACT_DIGITS = 2500;

/** The calculator's own context (never the global Decimal): 50 digits, half-up, truncated modulo (sign of dividend). */
export const WorkingDecimal = Decimal.clone({
  precision: WORKING_PRECISION,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
  modulo: Decimal.ROUND_DOWN,
});
/** The same context, wide enough to hold the exact result of operations on exact bounded values. */
export const ExactDecimal = WorkingDecimal.clone({ precision: MAX_EXACT_DIGITS });
/** Twice as wide again, to verify exactness by multiplying back (e.g. quotient × divisor) without rounding. */
export const WideDecimal = WorkingDecimal.clone({ precision: 2 * MAX_EXACT_DIGITS + 10 });

/** A decimal value and whether it is mathematically exact (nothing was rounded on its way). */
export interface TrackedDecimal {
  readonly value: Decimal;
  readonly exact: boolean;
}

/** What calculate and evaluateExpression return: the result text, whether it is exact, and the digits used. */
export interface CalculationResult {
  result: string;
  exact: boolean;
  precision: number;
}

/** Where a value came from, for error messages (e.g. `x`, `the number at 5`, `"/" at 3`) and details. */
export interface ValueSource {
  readonly label: string;
  readonly details: Record<string, unknown>;
}

/** Throws NUMBER_OUT_OF_RANGE unless `precision` is an integer from 1 to MAX_PRECISION. */
export function assertPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `precision must be an integer from 1 to ${MAX_PRECISION}, got ${String(precision)}; pass a precision in that range.`,
      { field: 'precision', min: 1, max: MAX_PRECISION },
    );
  }
}

/** Throws NUMBER_OUT_OF_RANGE when a non-zero result's decimal exponent lies beyond ±MAX_DECIMAL_EXPONENT. */
export function assertResultInRange(value: Decimal, source: ValueSource): void {
  if (!value.isFinite() || (!value.isZero() && Math.abs(value.e) > MAX_DECIMAL_EXPONENT)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `Result out of range: ${source.label} gives a number whose magnitude is outside 1e-${MAX_DECIMAL_EXPONENT} to ` +
        `1e${MAX_DECIMAL_EXPONENT}; use operands of less extreme magnitude.`,
      { ...source.details, maxExponent: MAX_DECIMAL_EXPONENT },
    );
  }
}

/**
 * Converts syntactically valid decimal text into an exact Decimal, enforcing the digit and exponent bounds;
 * throws NUMBER_OUT_OF_RANGE naming `source` otherwise.
 */
export function boundedDecimal(text: string, source: ValueSource): Decimal {
  const exponentText = /[eE]([+-]?\d+)$/.exec(text)?.[1];
  const writtenExponent = exponentText === undefined ? 0 : Number(exponentText);
  const value = Math.abs(writtenExponent) > 1_000_000 ? undefined : new ExactDecimal(text);
  if (value === undefined || !value.isFinite() || (!value.isZero() && Math.abs(value.e) > MAX_DECIMAL_EXPONENT)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `${source.label} is out of range: non-zero numbers must lie between 1e-${MAX_DECIMAL_EXPONENT} and ` +
        `1e${MAX_DECIMAL_EXPONENT} in magnitude; use a number in that range.`,
      { ...source.details, maxExponent: MAX_DECIMAL_EXPONENT },
    );
  }
  if (value.sd() > MAX_INPUT_DIGITS) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.NUMBER_OUT_OF_RANGE,
      `${source.label} has ${value.sd()} significant digits but at most ${MAX_INPUT_DIGITS} are supported; ` +
        'round it to fewer digits.',
      { ...source.details, maxDigits: MAX_INPUT_DIGITS },
    );
  }
  return value;
}

/**
 * Rounds `value` half-up to `precision` significant digits and renders it without trailing zeros, in plain notation
 * for decimal exponents from -29 to 39 and in exponential notation (`1e-30`, `1.5e+45`) beyond; `-0` becomes `0`.
 */
export function formatDecimal(value: Decimal, precision: number): string {
  const rounded = roundToPrecision(value, precision);
  return rounded.isZero() ? '0' : rounded.toString();
}

/** Formats a tracked value; `exact` holds only if the value was exact and survived rounding to `precision` unchanged. */
export function toCalculationResult(tracked: TrackedDecimal, precision: number): CalculationResult {
  const rounded = roundToPrecision(tracked.value, precision);
  return {
    result: rounded.isZero() ? '0' : rounded.toString(),
    exact: tracked.exact && rounded.eq(tracked.value),
    precision,
  };
}

function roundToPrecision(value: Decimal, precision: number): Decimal {
  return new WorkingDecimal(value).toSignificantDigits(precision, WorkingDecimal.ROUND_HALF_UP);
}
