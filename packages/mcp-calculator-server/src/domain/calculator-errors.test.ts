/** Tests of calculatorError: codes, deterministic failure outcome and optional details. */
import { ToolError } from '@bulkhead/core';
import { describe, expect, it } from 'vitest';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';

describe('calculatorError', () => {
  it('defines the six domain codes as their own names', () => {
    expect(Object.entries(CALCULATOR_ERROR_CODES).every(([key, value]) => key === value)).toBe(true);
    expect(Object.keys(CALCULATOR_ERROR_CODES).sort()).toEqual([
      'DIVISION_BY_ZERO',
      'DOMAIN_ERROR',
      'EXPRESSION_TOO_COMPLEX',
      'INVALID_EXPRESSION',
      'NUMBER_OUT_OF_RANGE',
      'UNKNOWN_FUNCTION',
    ]);
  });

  it('builds a failed, non-retryable ToolError', () => {
    const error = calculatorError('DOMAIN_ERROR', 'sqrt at 1 is undefined for -1; pass a number >= 0.', {
      position: 1,
    });
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({
      code: 'DOMAIN_ERROR',
      message: 'sqrt at 1 is undefined for -1; pass a number >= 0.',
      outcome: 'failed',
      retryable: false,
      details: { position: 1 },
    });
    expect(calculatorError('DIVISION_BY_ZERO', 'x.').details).toBeUndefined();
  });
});
