/** evaluate_expression through a real SDK client: precedence, exactness, limits and positioned syntax errors. */
import { callToolForTest, connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalculatorServer } from '../server.js';

interface EvaluateOutput {
  result: string;
  exact: boolean;
}

let connection: InProcessConnection;
beforeAll(async () => {
  connection = await connectInProcess(createCalculatorServer());
});
afterAll(async () => {
  await connection.close();
});

const evaluate = (expression: string, precision?: number) =>
  callToolForTest<EvaluateOutput>(
    connection.client,
    'evaluate_expression',
    precision === undefined ? { expression } : { expression, precision },
  );

describe('evaluate_expression: results', () => {
  it.each([
    { expression: '2 + 3 * 4', result: '14' },
    { expression: '(2 + 3) * 4', result: '20' },
    { expression: '10 - 4 - 3', result: '3' },
    { expression: '2 ^ 3 ^ 2', result: '512' },
    { expression: '-2^2', result: '-4' },
    { expression: '(-2)^2', result: '4' },
    { expression: '7 % 3 * 2', result: '2' },
    { expression: '-7 % 3', result: '-1' },
    { expression: '(2 + 3) * sqrt(16) / 4', result: '5' },
    { expression: 'min(3, 1, 2) + max(4, 5)', result: '6' },
    { expression: 'round(2.345, 2) + abs(-1) + floor(1.9) + ceil(1.1)', result: '6.35' },
    { expression: '0.1 + 0.2', result: '0.3' },
    { expression: ' 1.5e3 / 3 ', result: '500' },
  ])('$expression = $result exactly', async ({ expression, result }) => {
    const outcome = await evaluate(expression);
    expect(outcome.isError).toBe(false);
    expect(outcome.structured).toEqual({ result, exact: true });
    expect(outcome.text).toBe(`${expression} = ${result}`);
  });

  it('rounds to the requested precision and marks irrational or non-terminating results inexact', async () => {
    expect((await evaluate('1/3', 5)).structured).toEqual({ result: '0.33333', exact: false });
    expect((await evaluate('pi', 5)).structured).toMatchObject({ result: '3.1416', exact: false });
    expect((await evaluate('sqrt(2)', 10)).structured).toMatchObject({ result: '1.414213562', exact: false });
    expect((await evaluate('1/3', 5)).text).toBe('1/3 ≈ 0.33333');
  });

  it('answers the same way to an old-era (initialize) client', async () => {
    const legacy = await connectInProcess(createCalculatorServer(), { era: 'legacy' });
    try {
      const outcome = await callToolForTest<EvaluateOutput>(legacy.client, 'evaluate_expression', {
        expression: '2 + 3 * 4',
      });
      expect(outcome.structured).toEqual({ result: '14', exact: true });
    } finally {
      await legacy.close();
    }
  });
});

describe('evaluate_expression: limits', () => {
  it('accepts 64 levels of nesting and refuses 65 with EXPRESSION_TOO_COMPLEX at the 65th "("', async () => {
    const ok = await evaluate(`${'('.repeat(64)}1${')'.repeat(64)}`);
    expect(ok.structured?.result).toBe('1');
    const tooDeep = await evaluate(`${'('.repeat(65)}1${')'.repeat(65)}`);
    expect(tooDeep.isError).toBe(true);
    expect(tooDeep.error).toMatchObject({ code: 'EXPRESSION_TOO_COMPLEX', retryable: false, outcome: 'failed' });
    expect(tooDeep.text).toContain('nesting deeper than 64 levels at 65');
  });

  it('counts nested function calls towards the depth limit', async () => {
    const outcome = await evaluate(`${'abs('.repeat(65)}1${')'.repeat(65)}`);
    expect(outcome.error?.code).toBe('EXPRESSION_TOO_COMPLEX');
  });

  it('refuses more than 500 tokens with EXPRESSION_TOO_COMPLEX', async () => {
    const outcome = await evaluate(`${'1+'.repeat(250)}1`);
    expect(outcome.error?.code).toBe('EXPRESSION_TOO_COMPLEX');
    expect(outcome.text).toContain('more than 500 tokens');
  });

  it('refuses an expression longer than 1000 characters in the schema, as INVALID_ARGUMENT', async () => {
    const outcome = await evaluate('1'.repeat(1001));
    expect(outcome.error).toMatchObject({ code: 'INVALID_ARGUMENT', outcome: 'not_executed' });
    expect(outcome.text).toContain('Invalid argument "expression": must be at most 1000 characters');
  });

  it('refuses an empty expression as INVALID_ARGUMENT', async () => {
    const outcome = await evaluate('');
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('"expression"');
  });

  it('refuses precision 31 as INVALID_ARGUMENT naming precision', async () => {
    const outcome = await evaluate('1 + 1', 31);
    expect(outcome.error?.code).toBe('INVALID_ARGUMENT');
    expect(outcome.text).toContain('Invalid argument "precision"');
  });
});

describe('evaluate_expression: syntax errors give the position', () => {
  it.each([
    { expression: '2 $ 3', at: 3, text: 'unexpected character "$" at 3' },
    { expression: '(1 + 2', at: 7, text: 'unexpected end of expression at 7' },
    { expression: '1 + 2)', at: 6, text: 'unexpected ")" at 6' },
    { expression: '2 3', at: 3, text: 'unexpected "3" at 3' },
    { expression: '1 ** 2', at: 4, text: 'use ^ for powers' },
    { expression: '1 +', at: 4, text: 'unexpected end of expression at 4' },
    { expression: 'sqrt 4', at: 1, text: 'function "sqrt" at 1 must be called with parentheses' },
    { expression: 'pow(2)', at: 1, text: 'wrong number of arguments for pow at 1' },
    { expression: '1, 2', at: 2, text: 'unexpected "," at 2' },
  ])('$expression → INVALID_EXPRESSION at $at', async ({ expression, at, text }) => {
    const outcome = await evaluate(expression);
    expect(outcome.isError).toBe(true);
    expect(outcome.error).toMatchObject({ code: 'INVALID_EXPRESSION', details: { position: at } });
    expect(outcome.text).toContain(text);
  });

  it.each([
    { expression: 'foo(2)', hint: 'allowed functions: sqrt' },
    { expression: 'SQRT(4)', hint: 'names are case-sensitive, so write "sqrt"' },
    { expression: '1 + constructor(1)', hint: 'unknown name "constructor" at 5' },
    { expression: '2 * __proto__', hint: 'unknown name "__proto__" at 5' },
  ])('$expression → UNKNOWN_FUNCTION', async ({ expression, hint }) => {
    const outcome = await evaluate(expression);
    expect(outcome.error?.code).toBe('UNKNOWN_FUNCTION');
    expect(outcome.text).toContain(hint);
  });
});

describe('evaluate_expression: arithmetic errors', () => {
  it.each([
    { expression: '1 / 0', code: 'DIVISION_BY_ZERO', text: '"/" at 3' },
    { expression: '5 % (2 - 2)', code: 'DIVISION_BY_ZERO', text: '"%" at 3' },
    { expression: 'sqrt(-1)', code: 'DOMAIN_ERROR', text: 'sqrt at 1 is undefined for -1' },
    { expression: 'ln(0)', code: 'DOMAIN_ERROR', text: 'ln at 1' },
    { expression: '1e2000', code: 'NUMBER_OUT_OF_RANGE', text: 'out of range' },
  ])('$expression → $code', async ({ expression, code, text }) => {
    const outcome = await evaluate(expression);
    expect(outcome.isError).toBe(true);
    expect(outcome.error).toMatchObject({ code, retryable: false, outcome: 'failed' });
    expect(outcome.text).toContain(text);
  });
});
