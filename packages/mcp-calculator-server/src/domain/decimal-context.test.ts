/** Tests of the shared decimal helpers: formatting, exactness of results, precision and number bounds. */
import { toolErrorOf } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import {
  assertPrecision,
  boundedDecimal,
  ExactDecimal,
  formatDecimal,
  toCalculationResult,
  WorkingDecimal,
} from './decimal-context.js';

const source = { label: 'the number at 3', details: { position: 3 } };

describe('formatDecimal', () => {
  it.each([
    ['-0', 5, '0'],
    ['123.4500', 20, '123.45'],
    ['2.5', 1, '3'],
    ['-2.5', 1, '-3'],
    ['0.125', 2, '0.13'],
    ['123456', 2, '120000'],
    ['1e39', 20, '1000000000000000000000000000000000000000'],
    ['1e40', 20, '1e+40'],
    ['1.5e-29', 20, '0.000000000000000000000000000015'],
    ['1e-30', 20, '1e-30'],
    ['-0.00001', 20, '-0.00001'],
  ])('formats %s at %i digits as %s', (text, precision, expected) => {
    expect(formatDecimal(new ExactDecimal(text), precision)).toBe(expected);
  });

  it('uses its own context, not the global Decimal settings', () => {
    expect(WorkingDecimal.precision).toBe(50);
    expect(WorkingDecimal.rounding).toBe(WorkingDecimal.ROUND_HALF_UP);
    expect(WorkingDecimal.div(1, 3).sd()).toBe(50);
    expect(ExactDecimal.toExpPos).toBe(40);
  });
});

describe('toCalculationResult', () => {
  it('is exact only for an exact value that survives rounding', () => {
    const third = new ExactDecimal('0.25');
    expect(toCalculationResult({ value: third, exact: true }, 2)).toEqual({
      result: '0.25',
      exact: true,
      precision: 2,
    });
    expect(toCalculationResult({ value: third, exact: true }, 1)).toEqual({
      result: '0.3',
      exact: false,
      precision: 1,
    });
    expect(toCalculationResult({ value: third, exact: false }, 5)).toEqual({
      result: '0.25',
      exact: false,
      precision: 5,
    });
  });
});

describe('assertPrecision', () => {
  it('accepts integers from 1 to 30 only', () => {
    expect(() => assertPrecision(1)).not.toThrow();
    expect(() => assertPrecision(30)).not.toThrow();
    for (const precision of [0, 31, 1.5, Number.NaN]) {
      const error = toolErrorOf(() => assertPrecision(precision));
      expect(error.code).toBe('NUMBER_OUT_OF_RANGE');
      expect(error.message).toBe(
        `precision must be an integer from 1 to 30, got ${String(precision)}; pass a precision in that range.`,
      );
    }
  });
});

describe('boundedDecimal', () => {
  it('keeps up to 50 significant digits exactly', () => {
    const digits = `0.${'7'.repeat(50)}`;
    expect(boundedDecimal(digits, source).toString()).toBe(digits);
    expect(boundedDecimal('1e1000', source).e).toBe(1000);
    expect(boundedDecimal('-1e-1000', source).e).toBe(-1000);
    expect(boundedDecimal('0e99999', source).isZero()).toBe(true);
  });

  it('rejects more digits or a larger exponent with NUMBER_OUT_OF_RANGE and the source', () => {
    const digits = toolErrorOf(() => boundedDecimal('1'.repeat(51), source));
    expect(digits.code).toBe('NUMBER_OUT_OF_RANGE');
    expect(digits.details).toEqual({ position: 3, maxDigits: 50 });
    for (const text of ['1e1001', '-5e1234', '1e-1001', '1e99999999999999999999']) {
      const error = toolErrorOf(() => boundedDecimal(text, source));
      expect(error.message).toMatch(/^the number at 3 is out of range: non-zero numbers must lie between 1e-1000/);
    }
  });
});
