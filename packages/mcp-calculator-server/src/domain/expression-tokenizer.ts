/** Splits an arithmetic expression into tokens with 1-based character positions, enforcing length and token limits. */
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Most tokens an expression may have (numbers, names, operators, parentheses, commas). */
export const MAX_TOKENS = 500;

/** The kinds of token the tokenizer produces. */
export const TOKEN_KINDS = {
  NUMBER: 'number',
  NAME: 'name',
  OPERATOR: 'operator',
  LEFT_PAREN: 'left-paren',
  RIGHT_PAREN: 'right-paren',
  COMMA: 'comma',
  END: 'end',
} as const;

/** One of the token kinds. */
export type TokenKind = (typeof TOKEN_KINDS)[keyof typeof TOKEN_KINDS];

/** A token: its kind, its source text and the 1-based position of its first character. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
}

const SINGLE_CHARACTER_TOKENS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['+', TOKEN_KINDS.OPERATOR],
  ['-', TOKEN_KINDS.OPERATOR],
  ['*', TOKEN_KINDS.OPERATOR],
  ['/', TOKEN_KINDS.OPERATOR],
  ['%', TOKEN_KINDS.OPERATOR],
  ['^', TOKEN_KINDS.OPERATOR],
  ['(', TOKEN_KINDS.LEFT_PAREN],
  [')', TOKEN_KINDS.RIGHT_PAREN],
  [',', TOKEN_KINDS.COMMA],
]);
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const DIGIT = /[0-9]/;
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/**
 * Tokenizes `expression`; the last token is always END, positioned just after the last character.
 * Throws EXPRESSION_TOO_COMPLEX when it is too long or has too many tokens, INVALID_EXPRESSION on a stray character.
 */
export function tokenize(expression: string): Token[] {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw calculatorError(
      CALCULATOR_ERROR_CODES.EXPRESSION_TOO_COMPLEX,
      `expression is ${expression.length} characters long but at most ${MAX_EXPRESSION_LENGTH} are allowed; ` +
        'split it into smaller calculations.',
      { length: expression.length, maxLength: MAX_EXPRESSION_LENGTH },
    );
  }
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression.charAt(index);
    if (WHITESPACE.has(char)) {
      index += 1;
      continue;
    }
    const single = SINGLE_CHARACTER_TOKENS.get(char);
    const end = single === undefined ? tokenEnd(expression, index) : index + 1;
    if (end === index) {
      const shown = String.fromCodePoint(expression.codePointAt(index) ?? 0);
      throw calculatorError(
        CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
        `unexpected character "${shown}" at ${index + 1}; use only numbers, + - * / % ^, parentheses, commas ` +
          'and the allowed function and constant names.',
        { position: index + 1 },
      );
    }
    if (tokens.length === MAX_TOKENS) {
      throw calculatorError(
        CALCULATOR_ERROR_CODES.EXPRESSION_TOO_COMPLEX,
        `expression has more than ${MAX_TOKENS} tokens (limit reached at ${index + 1}); ` +
          'split it into smaller calculations.',
        { position: index + 1, maxTokens: MAX_TOKENS },
      );
    }
    const kind = single ?? (NAME_START.test(char) ? TOKEN_KINDS.NAME : TOKEN_KINDS.NUMBER);
    tokens.push({ kind, text: expression.slice(index, end), position: index + 1 });
    index = end;
  }
  tokens.push({ kind: TOKEN_KINDS.END, text: '', position: expression.length + 1 });
  return tokens;
}

/** The index after the number or name starting at `start`, or `start` when neither starts there. */
function tokenEnd(text: string, start: number): number {
  const first = text.charAt(start);
  if (NAME_START.test(first)) {
    return skip(text, start + 1, NAME_PART);
  }
  let index = skip(text, start, DIGIT);
  const integerDigits = index - start;
  if (text.charAt(index) === '.') {
    const fractionEnd = skip(text, index + 1, DIGIT);
    if (integerDigits === 0 && fractionEnd === index + 1) {
      return start;
    }
    index = fractionEnd;
  } else if (integerDigits === 0) {
    return start;
  }
  const marker = text.charAt(index);
  if (marker === 'e' || marker === 'E') {
    const sign = text.charAt(index + 1);
    const digitsStart = sign === '+' || sign === '-' ? index + 2 : index + 1;
    if (DIGIT.test(text.charAt(digitsStart))) {
      index = skip(text, digitsStart, DIGIT);
    }
  }
  return index;
}

function skip(text: string, start: number, pattern: RegExp): number {
  let index = start;
  while (index < text.length && pattern.test(text.charAt(index))) {
    index += 1;
  }
  return index;
}
