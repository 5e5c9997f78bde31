/** Tests of parseExpression: AST shape and precedence, and every syntax error with its position and hint. */
import { toolErrorOf } from '@bulkhead/core/testing';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, parseExpression } from './expression-parser.js';

const ALLOWED = 'allowed functions: sqrt, abs, round, floor, ceil, min, max, pow, ln, log10; constants: pi, e.';

describe('parseExpression', () => {
  it('binds ^ tighter than unary minus and associates it to the right', () => {
    expect(parseExpression('-2^2')).toEqual({
      type: 'unary',
      operator: '-',
      position: 1,
      operand: {
        type: 'binary',
        operator: '^',
        position: 3,
        left: { type: 'number', text: '2', position: 2 },
        right: { type: 'number', text: '2', position: 4 },
      },
    });
    expect(parseExpression('2^3^2')).toMatchObject({
      operator: '^',
      left: { text: '2' },
      right: { operator: '^', left: { text: '3' }, right: { text: '2' } },
    });
  });

  it('gives * / % precedence over + - and associates them to the left', () => {
    expect(parseExpression('1 + 2 * 3')).toMatchObject({ operator: '+', right: { operator: '*' } });
    expect(parseExpression('8 - 4 - 2')).toMatchObject({
      operator: '-',
      left: { operator: '-' },
      right: { text: '2' },
    });
    expect(parseExpression('8 / 4 % 3')).toMatchObject({ operator: '%', left: { operator: '/' } });
    expect(parseExpression('(1 + 2) * 3')).toMatchObject({ operator: '*', left: { operator: '+' } });
  });

  it('parses calls, constants and unary plus', () => {
    expect(parseExpression('max(pi, +e)')).toEqual({
      type: 'call',
      name: 'max',
      position: 1,
      args: [
        { type: 'constant', name: 'pi', position: 5 },
        { type: 'unary', operator: '+', position: 9, operand: { type: 'constant', name: 'e', position: 10 } },
      ],
    });
  });

  it.each([
    ['1+)', 'unexpected ")" at 3; write a number, a name or "(" there.'],
    ['1+', 'unexpected end of expression at 3; finish it with a number or name.'],
    ['', 'unexpected end of expression at 1; write an expression such as 2 * (3 + 4).'],
    ['   ', 'unexpected end of expression at 4; write an expression such as 2 * (3 + 4).'],
    ['(1+2', 'unexpected end of expression at 5; add the missing ")".'],
    ['(1 2)', 'unexpected "2" at 4; put an operator between the values or close the group with ")".'],
    ['1+2)', 'unexpected ")" at 4; remove it or add the matching "(" before it.'],
    ['2 3', 'unexpected "3" at 3; put an operator such as + or * between the values.'],
    ['2e', 'unexpected "e" at 2; put an operator such as + or * between the values.'],
    ['pi(2)', 'unexpected "(" at 3; put an operator such as + or * between the values.'],
    ['1,5', 'unexpected "," at 2; commas only separate function arguments, so write numbers without separators.'],
    ['2**3', 'unexpected "*" at 3; write a number, a name or "(" there (use ^ for powers).'],
    ['max(1,)', 'unexpected ")" at 7; write a number, a name or "(" there.'],
    ['max(1 2)', 'unexpected "2" at 7; separate arguments with "," or close the call with ")".'],
    ['max(1,2', 'unexpected end of expression at 8; add the missing ")".'],
    ['sqrt 4', 'function "sqrt" at 1 must be called with parentheses; write it like sqrt(x).'],
    ['sqrt(1, 2)', 'wrong number of arguments for sqrt at 1: expected 1, got 2; call it as sqrt(x).'],
    [
      'round(1,2,3)',
      'wrong number of arguments for round at 1: expected 1 or 2, got 3; call it as round(x) or round(x, digits).',
    ],
    ['1 + pow(2)', 'wrong number of arguments for pow at 5: expected 2, got 1; call it as pow(x, y).'],
    [
      'min()',
      'wrong number of arguments for min at 1: expected 1 to 20, got 0; call it as min(a, b, ...) with up to 20 arguments.',
    ],
  ])('rejects %j with INVALID_EXPRESSION: %s', (expression, message) => {
    const error = toolErrorOf(() => parseExpression(expression));
    expect(error.code).toBe('INVALID_EXPRESSION');
    expect(error.message).toBe(message);
    expect(error.details?.position).toEqual(Number(/ at (\d+)/.exec(message)?.[1]));
  });

  it('names unknown functions and constants with the allow-list', () => {
    const unknown = toolErrorOf(() => parseExpression('1+foo(2)'));
    expect(unknown.code).toBe('UNKNOWN_FUNCTION');
    expect(unknown.message).toBe(`unknown name "foo" at 3; ${ALLOWED}`);
    expect(unknown.details).toEqual({ position: 3, name: 'foo' });
    expect(toolErrorOf(() => parseExpression('2 * PI')).message).toBe(
      `unknown name "PI" at 5; names are case-sensitive, so write "pi"; ${ALLOWED}`,
    );
    expect(toolErrorOf(() => parseExpression('Sqrt(4)')).message).toContain('so write "sqrt"');
    for (const name of ['constructor', '__proto__', 'toString', 'x', 'E', 'eval']) {
      expect(toolErrorOf(() => parseExpression(`${name}(1)`)).code).toBe('UNKNOWN_FUNCTION');
    }
  });

  it('limits nesting of parentheses and calls to 64 levels', () => {
    expect(MAX_NESTING_DEPTH).toBe(64);
    expect(() => parseExpression(`${'('.repeat(64)}1${')'.repeat(64)}`)).not.toThrow();
    const tooDeep = toolErrorOf(() => parseExpression(`${'('.repeat(65)}1${')'.repeat(65)}`));
    expect(tooDeep.code).toBe('EXPRESSION_TOO_COMPLEX');
    expect(tooDeep.message).toBe(
      'nesting deeper than 64 levels at 65; remove redundant parentheses or split the calculation into steps.',
    );
    expect(tooDeep.details).toEqual({ position: 65, maxDepth: 64 });
    expect(() => parseExpression(`${'abs('.repeat(32)}${'('.repeat(32)}1${')'.repeat(64)}`)).not.toThrow();
    const calls = toolErrorOf(() => parseExpression(`${'sqrt('.repeat(65)}1${')'.repeat(65)}`));
    expect(calls.code).toBe('EXPRESSION_TOO_COMPLEX');
    expect(calls.details).toEqual({ position: 325, maxDepth: 64 });
    expect(() => parseExpression(`${'(1)+'.repeat(100)}1`)).not.toThrow();
  });
});
