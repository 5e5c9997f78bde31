/** Tests of calculate: exact decimal results, rounding, modulo sign, power bounds and operand validation. */
import { toolErrorOf } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { calculate, MAX_ABS_OPERAND, OPERATIONS, type Operation } from './decimal-arithmetic.js';

describe('calculate', () => {
  it('lists the six operations', () => {
    expect(OPERATIONS).toEqual(['add', 'subtract', 'multiply', 'divide', 'power', 'modulo']);
    expect(MAX_ABS_OPERAND).toBe('1e15');
  });

  it.each<[Operation, string | number, string | number, string]>([
    ['add', 0.1, 0.2, '0.3'],
    ['add', '0.1', '0.2', '0.3'],
    ['add', '-5', 5, '0'],
    ['add', '1.500', '0', '1.5'],
    ['subtract', 0.3, 0.1, '0.2'],
    ['subtract', '1e-1000', '0', '1e-1000'],
    ['multiply', 1.1, 3, '3.3'],
    ['multiply', '-0', 5, '0'],
    ['multiply', '1e-20', '1e-20', '1e-40'],
    ['divide', 1, 4, '0.25'],
    ['divide', 1, '1e15', '0.000000000000001'],
    ['divide', -9, 3, '-3'],
    ['power', 2, 10, '1024'],
    ['power', 2, -2, '0.25'],
    ['power', 1.1, 2, '1.21'],
    ['power', -2, 3, '-8'],
    ['power', 0, 0, '1'],
    ['power', 10, 30, '1000000000000000000000000000000'],
    ['power', 10, 1000, '1e+1000'],
    ['modulo', 10, 4, '2'],
    ['modulo', 5.5, 2, '1.5'],
    ['modulo', 0.3, 0.1, '0'],
    ['modulo', -4, 2, '0'],
  ])('%s(%s, %s) = %s exactly', (operation, x, y, expected) => {
    expect(calculate(operation, x, y)).toEqual({ result: expected, exact: true, precision: 20 });
  });

  it('gives modulo the sign of the dividend, like JS %', () => {
    expect(calculate('modulo', -7, 3).result).toBe('-1');
    expect(calculate('modulo', 7, -3).result).toBe('1');
    expect(calculate('modulo', -7, -3).result).toBe('-1');
  });

  it('rounds half-up to the requested significant digits and reports inexact results', () => {
    expect(calculate('divide', 1, 3, 5)).toEqual({ result: '0.33333', exact: false, precision: 5 });
    expect(calculate('divide', 2, 3, 5)).toEqual({ result: '0.66667', exact: false, precision: 5 });
    expect(calculate('divide', 1, 3)).toEqual({ result: '0.33333333333333333333', exact: false, precision: 20 });
    expect(calculate('power', 3, -1, 3)).toEqual({ result: '0.333', exact: false, precision: 3 });
    expect(calculate('add', '0.125', '0', 2)).toEqual({ result: '0.13', exact: false, precision: 2 });
  });

  it('keeps long exact results exact only when the precision can show them', () => {
    const product = '121932631137021071359549253925';
    expect(calculate('multiply', '123456789012345', '987654321098765', 30)).toEqual({
      result: product,
      exact: true,
      precision: 30,
    });
    expect(calculate('multiply', '123456789012345', '987654321098765')).toEqual({
      result: '121932631137021071360000000000',
      exact: false,
      precision: 20,
    });
    expect(calculate('add', '1e15', '1e-30', 30)).toEqual({ result: '1000000000000000', exact: false, precision: 30 });
  });

  it('switches to exponential notation for very large or small results', () => {
    expect(calculate('power', 2, 1000).result).toBe('1.0715086071862673209e+301');
    expect(calculate('power', 2, 1000).exact).toBe(false);
    expect(calculate('power', '0.1', 31)).toEqual({ result: '1e-31', exact: true, precision: 20 });
  });

  it('rejects division and modulo by zero with DIVISION_BY_ZERO', () => {
    const division = toolErrorOf(() => calculate('divide', 1, 0));
    expect(division.code).toBe('DIVISION_BY_ZERO');
    expect(division.message).toBe('Division by zero: y must not be 0 for divide; use a non-zero divisor.');
    expect(division.outcome).toBe('failed');
    expect(division.retryable).toBe(false);
    expect(division.details).toEqual({ operation: 'divide' });
    expect(toolErrorOf(() => calculate('modulo', 1, '0.000')).code).toBe('DIVISION_BY_ZERO');
    expect(toolErrorOf(() => calculate('modulo', 1, '-0')).message).toContain('for modulo');
    expect(toolErrorOf(() => calculate('power', 0, -1)).code).toBe('DIVISION_BY_ZERO');
  });

  it('bounds the power exponent and the result magnitude', () => {
    const fractional = toolErrorOf(() => calculate('power', 2, 0.5));
    expect(fractional.code).toBe('DOMAIN_ERROR');
    expect(fractional.message).toMatch(/must be an integer for power, got 0\.5; use a whole-number exponent\.$/);
    expect(toolErrorOf(() => calculate('power', 2, 1001)).code).toBe('DOMAIN_ERROR');
    expect(toolErrorOf(() => calculate('power', 2, -1001)).message).toContain('between -1000 and 1000');
    expect(calculate('power', 1, -1000).result).toBe('1');
    const huge = toolErrorOf(() => calculate('power', '1e15', 67));
    expect(huge.code).toBe('NUMBER_OUT_OF_RANGE');
    expect(huge.message).toMatch(/^Result out of range: power gives/);
    expect(toolErrorOf(() => calculate('power', '1e-15', 67)).code).toBe('NUMBER_OUT_OF_RANGE');
    expect(toolErrorOf(() => calculate('divide', '1e15', '1e-1000')).code).toBe('NUMBER_OUT_OF_RANGE');
  });

  it('bounds the operands', () => {
    expect(calculate('add', '1e15', '-1e15').result).toBe('0');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'Infinity', '-inf', 'NaN']) {
      const error = toolErrorOf(() => calculate('add', bad, 1));
      expect(error.code).toBe('NUMBER_OUT_OF_RANGE');
      expect(error.message).toMatch(/^x must be a finite number/);
    }
    for (const big of ['1000000000000001', '1e16', 1e21, '-2e15']) {
      expect(toolErrorOf(() => calculate('add', 1, big)).message).toMatch(/^y must be between -1e15 and 1e15/);
    }
    expect(toolErrorOf(() => calculate('add', '1e-1001', 1)).code).toBe('NUMBER_OUT_OF_RANGE');
    expect(toolErrorOf(() => calculate('add', '1e-99999999999999999999', 1)).code).toBe('NUMBER_OUT_OF_RANGE');
    const digits = toolErrorOf(() => calculate('add', `0.${'1'.repeat(51)}`, 1));
    expect(digits.message).toBe('x has 51 significant digits but at most 50 are supported; round it to fewer digits.');
  });

  it('rejects text that is not a plain decimal number', () => {
    for (const bad of ['abc', '1,000', '0x10', '', '1e', '--1', '1 2']) {
      const error = toolErrorOf(() => calculate('add', bad, 1));
      expect(error.code).toBe('INVALID_EXPRESSION');
      expect(error.details).toEqual({ field: 'x' });
    }
    expect(calculate('add', ' 2.5 ', '.5').result).toBe('3');
  });

  it('validates the precision and the operation', () => {
    for (const precision of [0, 31, 2.5]) {
      expect(toolErrorOf(() => calculate('add', 1, 2, precision)).code).toBe('NUMBER_OUT_OF_RANGE');
    }
    expect(calculate('divide', 2, 3, 30).result).toBe('0.666666666666666666666666666667');
    const unknown = toolErrorOf(() => calculate('sqrt' as Operation, 1, 2));
    expect(unknown.code).toBe('INVALID_EXPRESSION');
  });
});
