/** Tests of evaluateExpression: precedence, functions, constants, exactness and evaluation errors. */
import { toolErrorOf } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './expression-evaluator.js';

describe('evaluateExpression', () => {
  it.each([
    ['2+3*4', '14'],
    ['(2+3)*4', '20'],
    ['2^3^2', '512'],
    ['-2^2', '-4'],
    ['(-2)^2', '4'],
    ['2^-2', '0.25'],
    ['-2^-2', '-0.25'],
    ['10%4', '2'],
    ['-7 % 3', '-1'],
    ['7 % -3', '1'],
    ['1 - 2 - 3', '-4'],
    ['100 / 10 / 5', '2'],
    ['2^3*2', '16'],
    ['2*-3', '-6'],
    ['--3', '3'],
    ['+5', '5'],
    [`${'-'.repeat(400)}1`, '1'],
    ['0.1 + 0.2', '0.3'],
    ['.5 + 1e3 + 2.5E-3', '1000.5025'],
    ['1e20 * 1e19', `1${'0'.repeat(39)}`],
    ['1e20 * 1e20', '1e+40'],
    ['((((1 + 2))))', '3'],
    ['(1/4)*4', '1'],
    ['2^100 - 2^100 + 1', '1'],
    ['floor(7/2)', '3'],
    ['-0', '0'],
    ['0 * -1', '0'],
  ])('%s = %s exactly', (expression, expected) => {
    expect(evaluateExpression(expression)).toEqual({ result: expected, exact: true, precision: 20 });
  });

  it.each([
    ['sqrt(16)', '4'],
    ['sqrt(0.25)', '0.5'],
    ['sqrt(-0)', '0'],
    ['abs(-3.5)', '3.5'],
    ['round(2.5)', '3'],
    ['round(-2.5)', '-3'],
    ['round(3.14159, 2)', '3.14'],
    ['round(1.005, 2)', '1.01'],
    ['round(123.456, 0)', '123'],
    ['floor(-2.5)', '-3'],
    ['ceil(-2.5)', '-2'],
    ['floor(2.7)', '2'],
    ['ceil(2.1)', '3'],
    ['min(3, 1, 2)', '1'],
    ['max(3, 1, 2)', '3'],
    ['max(5)', '5'],
    ['min(-1, -1.5)', '-1.5'],
    ['pow(2, 10)', '1024'],
    ['pow(10, -3)', '0.001'],
    ['ln(1)', '0'],
    ['log10(1000)', '3'],
    ['log10(0.001)', '-3'],
  ])('%s = %s exactly', (expression, expected) => {
    expect(evaluateExpression(expression)).toEqual({ result: expected, exact: true, precision: 20 });
  });

  it.each([
    ['pi', '3.1415926535897932385'],
    ['e', '2.7182818284590452354'],
    ['sqrt(2)', '1.4142135623730950488'],
    ['2^0.5', '1.4142135623730950488'],
    ['pow(4, 0.5)', '2'],
    ['ln(10)', '2.302585092994045684'],
    ['ln(e)', '1'],
    ['log10(2)', '0.30102999566398119521'],
    ['1/3', '0.33333333333333333333'],
    ['1/3*3', '1'],
    ['round(10/3, 2)', '3.33'],
    ['round(pi, 4)', '3.1416'],
    ['max(1, pi)', '3.1415926535897932385'],
    ['2^100', '1267650600228229401500000000000'],
  ])('%s ≈ %s (inexact)', (expression, expected) => {
    expect(evaluateExpression(expression)).toEqual({ result: expected, exact: false, precision: 20 });
  });

  it('honours the requested precision', () => {
    expect(evaluateExpression('pi', 30).result).toBe('3.14159265358979323846264338328');
    expect(evaluateExpression('2/3', 5)).toEqual({ result: '0.66667', exact: false, precision: 5 });
    expect(evaluateExpression('2^100', 30).result).toBe('1267650600228229401496703205380');
    expect(evaluateExpression('2^99', 30)).toEqual({
      result: '633825300114114700748351602688',
      exact: true,
      precision: 30,
    });
    expect(toolErrorOf(() => evaluateExpression('1', 31)).code).toBe('NUMBER_OUT_OF_RANGE');
    expect(toolErrorOf(() => evaluateExpression('1', 0)).code).toBe('NUMBER_OUT_OF_RANGE');
  });

  it('accepts min and max with up to 20 arguments', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => String(index + 1)).join(', ');
    expect(evaluateExpression(`max(${twenty})`).result).toBe('20');
    expect(evaluateExpression(`min(${twenty})`).result).toBe('1');
    expect(toolErrorOf(() => evaluateExpression(`max(${twenty}, 21)`)).message).toBe(
      'wrong number of arguments for max at 1: expected 1 to 20, got 21; call it as max(a, b, ...) with up to 20 arguments.',
    );
  });

  it('reports division and modulo by zero at the operator', () => {
    const division = toolErrorOf(() => evaluateExpression('1/0'));
    expect(division.code).toBe('DIVISION_BY_ZERO');
    expect(division.message).toBe(
      'Division by zero: the right operand must not be 0 for "/" at 2; use a non-zero divisor.',
    );
    expect(division.details).toEqual({ position: 2 });
    const modulo = toolErrorOf(() => evaluateExpression('5 % (2 - 2)'));
    expect(modulo.code).toBe('DIVISION_BY_ZERO');
    expect(modulo.details).toEqual({ position: 3 });
    expect(toolErrorOf(() => evaluateExpression('0^-1')).code).toBe('DIVISION_BY_ZERO');
    expect(toolErrorOf(() => evaluateExpression('pow(0, -2)')).message).toContain('for pow at 1');
  });

  it('rejects arguments outside a function domain with DOMAIN_ERROR', () => {
    const root = toolErrorOf(() => evaluateExpression('1 + sqrt(-4)'));
    expect(root.code).toBe('DOMAIN_ERROR');
    expect(root.message).toBe('sqrt at 5 is undefined for -4; pass a number >= 0 (use abs(x) for the magnitude).');
    expect(root.details).toEqual({ position: 5, function: 'sqrt' });
    expect(toolErrorOf(() => evaluateExpression('ln(0)')).message).toBe(
      'ln at 1 is undefined for 0; pass a number greater than 0.',
    );
    expect(toolErrorOf(() => evaluateExpression('log10(-1)')).code).toBe('DOMAIN_ERROR');
    expect(toolErrorOf(() => evaluateExpression('(-8)^(1/3)')).code).toBe('DOMAIN_ERROR');
    for (const digits of ['31', '1.5', '-1']) {
      const error = toolErrorOf(() => evaluateExpression(`round(2, ${digits})`));
      expect(error.code).toBe('DOMAIN_ERROR');
      expect(error.message).toMatch(/^round at 1 needs digits to be a whole number from 0 to 30/);
    }
    expect(toolErrorOf(() => evaluateExpression('2^1001')).code).toBe('DOMAIN_ERROR');
  });

  it('bounds numbers and results with NUMBER_OUT_OF_RANGE', () => {
    expect(evaluateExpression('10^1000').result).toBe('1e+1000');
    const overflow = toolErrorOf(() => evaluateExpression('10^1000 * 10'));
    expect(overflow.code).toBe('NUMBER_OUT_OF_RANGE');
    expect(overflow.details).toMatchObject({ position: 9 });
    expect(toolErrorOf(() => evaluateExpression('0.1^1000 / 10')).code).toBe('NUMBER_OUT_OF_RANGE');
    const literal = toolErrorOf(() => evaluateExpression('2 + 1e1001'));
    expect(literal.code).toBe('NUMBER_OUT_OF_RANGE');
    expect(literal.message).toMatch(/^the number 1e1001 at 5 is out of range/);
    expect(toolErrorOf(() => evaluateExpression(`1.${'2'.repeat(50)}`)).message).toMatch(/has 51 significant digits/);
  });

  it('keeps long chains fast and exact while they fit', () => {
    expect(evaluateExpression(`${'1.0000001*'.repeat(99)}1`, 30).exact).toBe(false);
    expect(evaluateExpression('(1 + 1e-1000) - 1')).toEqual({ result: '1e-1000', exact: true, precision: 20 });
    expect(evaluateExpression('1.0000001^1000^1', 10).result).toBe('1.000100005');
  });
});
