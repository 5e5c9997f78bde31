/** Binary decimal operations that keep results exact while they fit and say when they had to round. */
import type { Decimal } from 'decimal.js';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';
import {
  assertResultInRange,
  ExactDecimal,
  MAX_EXACT_DIGITS,
  type TrackedDecimal,
  WideDecimal,
  WorkingDecimal,
} from './decimal-context.js';

/** The binary operations of the calculator, in the order tools list them. */
export const OPERATIONS = ['add', 'subtract', 'multiply', 'divide', 'power', 'modulo'] as const;

/** One of the calculator's binary operations. */
export type Operation = (typeof OPERATIONS)[number];

/** Largest |exponent| accepted by power. */
export const MAX_ABS_EXPONENT = 1000;

/** Where an operation happens, for error messages (`label`: `divide`, `"/" at 5`) and its operand names. */
export interface OperationSite {
  readonly label: string;
  readonly left: string;
  readonly right: string;
  readonly details: Record<string, unknown>;
}

/** Options of {@link applyOperation}. */
export interface OperationOptions {
  /** Whether power accepts non-integer exponents (for positive bases); calculate keeps exponents integral. */
  readonly fractionalPower: boolean;
}

/**
 * Applies `operation` to `a` and `b`. Modulo truncates like JS `%` (the result takes the sign of the dividend);
 * `0^0` is 1. Throws DIVISION_BY_ZERO, DOMAIN_ERROR or NUMBER_OUT_OF_RANGE with `site` in the message.
 */
export function applyOperation(
  operation: Operation,
  a: TrackedDecimal,
  b: TrackedDecimal,
  site: OperationSite,
  options: OperationOptions,
): TrackedDecimal {
  const result = compute(operation, a, b, site, options);
  assertResultInRange(result.value, site);
  return result;
}

function compute(
  operation: Operation,
  a: TrackedDecimal,
  b: TrackedDecimal,
  site: OperationSite,
  options: OperationOptions,
): TrackedDecimal {
  const bothExact = a.exact && b.exact;
  switch (operation) {
    case 'add':
    case 'subtract': {
      const right = operation === 'add' ? b.value : b.value.neg();
      return bothExact && sumDigits(a.value, right) <= MAX_EXACT_DIGITS
        ? { value: ExactDecimal.add(a.value, right), exact: true }
        : { value: WorkingDecimal.add(a.value, right), exact: false };
    }
    case 'multiply':
      return bothExact && a.value.sd() + b.value.sd() <= MAX_EXACT_DIGITS
        ? { value: ExactDecimal.mul(a.value, b.value), exact: true }
        : { value: WorkingDecimal.mul(a.value, b.value), exact: false };
    case 'divide':
      assertNonZeroDivisor(b.value, site);
      return divide(a, b);
    case 'modulo': {
      assertNonZeroDivisor(b.value, site);
      const digits = b.value.e - Math.min(lowestPlace(a.value), lowestPlace(b.value)) + 2;
      return bothExact && digits <= MAX_EXACT_DIGITS
        ? { value: ExactDecimal.mod(a.value, b.value), exact: true }
        : { value: WorkingDecimal.mod(a.value, b.value), exact: false };
    }
    case 'power':
      return power(a, b, site, options);
  }
}

/** A quotient; exact when it terminates within MAX_EXACT_DIGITS (checked by multiplying back). */
function divide(a: TrackedDecimal, b: TrackedDecimal): TrackedDecimal {
  if (a.exact && b.exact) {
    const quotient = ExactDecimal.div(a.value, b.value);
    if (WideDecimal.mul(quotient, b.value).eq(a.value)) {
      return { value: quotient, exact: true };
    }
  }
  return { value: WorkingDecimal.div(a.value, b.value), exact: false };
}

function power(
  base: TrackedDecimal,
  exponent: TrackedDecimal,
  site: OperationSite,
  options: OperationOptions,
): TrackedDecimal {
  const y = exponent.value;
  const shown = new WorkingDecimal(y).toSignificantDigits(20).toString();
  if (y.abs().gt(MAX_ABS_EXPONENT)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DOMAIN_ERROR,
      `Exponent out of range: ${site.right} must be between -${MAX_ABS_EXPONENT} and ${MAX_ABS_EXPONENT} for ` +
        `${site.label}, got ${shown}; use a smaller exponent.`,
      { ...site.details, minExponent: -MAX_ABS_EXPONENT, maxExponent: MAX_ABS_EXPONENT },
    );
  }
  if (base.value.isZero() && y.lt(0)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DIVISION_BY_ZERO,
      `Division by zero: 0 cannot be raised to the negative exponent ${shown} for ${site.label}; ` +
        'use a non-zero base or a non-negative exponent.',
      site.details,
    );
  }
  if (!y.isInteger()) {
    return fractionalPower(base.value, y, shown, site, options);
  }
  const n = y.toNumber();
  const approximate = WorkingDecimal.pow(base.value, n);
  assertResultInRange(approximate, site);
  if (!base.exact || !exponent.exact || base.value.sd() * Math.abs(n) > MAX_EXACT_DIGITS) {
    return { value: approximate, exact: false };
  }
  const magnitude: TrackedDecimal = { value: ExactDecimal.pow(base.value, Math.abs(n)), exact: true };
  return n >= 0 ? magnitude : divide({ value: new ExactDecimal(1), exact: true }, magnitude);
}

function fractionalPower(
  base: Decimal,
  y: Decimal,
  shown: string,
  site: OperationSite,
  options: OperationOptions,
): TrackedDecimal {
  if (!options.fractionalPower) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DOMAIN_ERROR,
      `Invalid exponent: ${site.right} must be an integer for ${site.label}, got ${shown}; use a whole-number exponent.`,
      { ...site.details, minExponent: -MAX_ABS_EXPONENT, maxExponent: MAX_ABS_EXPONENT },
    );
  }
  if (base.lt(0)) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DOMAIN_ERROR,
      `Domain error: a negative base cannot be raised to the fractional exponent ${shown} for ${site.label}; ` +
        'use an integer exponent or a non-negative base.',
      site.details,
    );
  }
  return { value: WorkingDecimal.pow(base, y), exact: false };
}

function assertNonZeroDivisor(divisor: Decimal, site: OperationSite): void {
  if (divisor.isZero()) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.DIVISION_BY_ZERO,
      `Division by zero: ${site.right} must not be 0 for ${site.label}; use a non-zero divisor.`,
      site.details,
    );
  }
}

/** The decimal exponent of the least significant digit of a non-zero value (0 for zero). */
function lowestPlace(value: Decimal): number {
  return value.isZero() ? 0 : value.e - value.sd() + 1;
}

/** An upper bound on the significant digits of `a + b`. */
function sumDigits(a: Decimal, b: Decimal): number {
  if (a.isZero() || b.isZero()) {
    return Math.max(a.sd(), b.sd());
  }
  return Math.max(a.e, b.e) + 2 - Math.min(lowestPlace(a), lowestPlace(b));
}
