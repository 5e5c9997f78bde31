/** Tests of tokenize: number and name forms, 1-based positions, stray characters and size limits. */
import { toolErrorOf } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_LENGTH, MAX_TOKENS, tokenize } from './expression-tokenizer.js';

describe('tokenize', () => {
  it('produces kinds, texts and 1-based positions, ending with END after the last character', () => {
    expect(tokenize(' 12.5e-3*(x_1, .5)% ^')).toEqual([
      { kind: 'number', text: '12.5e-3', position: 2 },
      { kind: 'operator', text: '*', position: 9 },
      { kind: 'left-paren', text: '(', position: 10 },
      { kind: 'name', text: 'x_1', position: 11 },
      { kind: 'comma', text: ',', position: 14 },
      { kind: 'number', text: '.5', position: 16 },
      { kind: 'right-paren', text: ')', position: 18 },
      { kind: 'operator', text: '%', position: 19 },
      { kind: 'operator', text: '^', position: 21 },
      { kind: 'end', text: '', position: 22 },
    ]);
  });

  it.each([
    ['12', ['12']],
    ['3.5', ['3.5']],
    ['.5', ['.5']],
    ['5.', ['5.']],
    ['1e3', ['1e3']],
    ['2.5E-3', ['2.5E-3']],
    ['1e+5', ['1e+5']],
    ['1e', ['1', 'e']],
    ['2e-x', ['2', 'e', '-', 'x']],
    ['1..2', ['1.', '.2']],
    ['log10(2)', ['log10', '(', '2', ')']],
    ['\t1\n+\r2', ['1', '+', '2']],
  ])('splits %j into %j', (expression, texts) => {
    expect(
      tokenize(expression)
        .filter((token) => token.kind !== 'end')
        .map((token) => token.text),
    ).toEqual(texts);
  });

  it.each([
    ['1 + $', '$', 5],
    ['.', '.', 1],
    ['2 = 2', '=', 3],
    ['1;2', ';', 2],
    ['3 × 4', '×', 3],
    ['a[0]', '[', 2],
  ])('rejects a stray character in %j', (expression, char, position) => {
    const error = toolErrorOf(() => tokenize(expression));
    expect(error.code).toBe('INVALID_EXPRESSION');
    expect(error.message).toBe(
      `unexpected character "${char}" at ${position}; use only numbers, + - * / % ^, parentheses, commas and the ` +
        'allowed function and constant names.',
    );
    expect(error.details).toEqual({ position });
  });

  it('limits the length to 1000 characters', () => {
    expect(MAX_EXPRESSION_LENGTH).toBe(1000);
    expect(tokenize(`${' '.repeat(999)}1`)).toHaveLength(2);
    const error = toolErrorOf(() => tokenize(`${'1+'.repeat(500)}1`));
    expect(error.code).toBe('EXPRESSION_TOO_COMPLEX');
    expect(error.message).toBe(
      'expression is 1001 characters long but at most 1000 are allowed; split it into smaller calculations.',
    );
  });

  it('limits the expression to 500 tokens', () => {
    expect(MAX_TOKENS).toBe(500);
    expect(tokenize(`-${'1+'.repeat(249)}1`)).toHaveLength(501);
    const error = toolErrorOf(() => tokenize(`${'1+'.repeat(250)}1`));
    expect(error.code).toBe('EXPRESSION_TOO_COMPLEX');
    expect(error.message).toBe(
      'expression has more than 500 tokens (limit reached at 501); split it into smaller calculations.',
    );
    expect(error.details).toEqual({ position: 501, maxTokens: 500 });
  });
});
