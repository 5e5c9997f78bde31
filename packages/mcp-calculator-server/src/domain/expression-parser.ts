/** Recursive-descent parser turning an arithmetic expression into an AST; it never evaluates code. */
import type { BinaryOperator, ExpressionNode } from './expression-ast.js';
import { FUNCTION_SIGNATURES, isConstantName, isFunctionName } from './expression-names.js';
import {
  arityError,
  MAX_NESTING_DEPTH,
  nestingError,
  notCalledError,
  unexpectedToken,
  unknownNameError,
} from './expression-syntax-errors.js';
import { TOKEN_KINDS, type Token, tokenize } from './expression-tokenizer.js';

/** The AST types, re-exported for callers of the parser. */
export type { BinaryOperator, ExpressionNode } from './expression-ast.js';
/** The nesting limit, re-exported for callers of the parser. */
export { MAX_NESTING_DEPTH } from './expression-syntax-errors.js';

/**
 * Parses `expression` with the usual precedence: `^` (right-associative, binds tighter than unary minus, so
 * `-2^2 = -4`), then unary `+ -`, then `* / %`, then `+ -`. Throws INVALID_EXPRESSION, UNKNOWN_FUNCTION or
 * EXPRESSION_TOO_COMPLEX with a message like `unexpected ")" at 7; ...` and `{ position }` in the details.
 */
export function parseExpression(expression: string): ExpressionNode {
  return new Parser(tokenize(expression)).parse();
}

class Parser {
  readonly #tokens: readonly Token[];
  readonly #end: Token;
  #index = 0;
  #depth = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
    this.#end = tokens.at(-1) ?? { kind: TOKEN_KINDS.END, text: '', position: 1 };
  }

  parse(): ExpressionNode {
    if (this.#peek().kind === TOKEN_KINDS.END) {
      throw unexpectedToken(this.#peek(), '', 'write an expression such as 2 * (3 + 4)');
    }
    const node = this.#additive();
    const token = this.#peek();
    if (token.kind === TOKEN_KINDS.RIGHT_PAREN) {
      throw unexpectedToken(token, 'remove it or add the matching "(" before it', '');
    }
    if (token.kind === TOKEN_KINDS.COMMA) {
      throw unexpectedToken(token, 'commas only separate function arguments, so write numbers without separators', '');
    }
    if (token.kind !== TOKEN_KINDS.END) {
      throw unexpectedToken(token, 'put an operator such as + or * between the values', '');
    }
    return node;
  }

  #peek(): Token {
    return this.#tokens[this.#index] ?? this.#end;
  }

  #next(): Token {
    const token = this.#peek();
    this.#index = Math.min(this.#index + 1, this.#tokens.length - 1);
    return token;
  }

  #operator(allowed: readonly BinaryOperator[]): { operator: BinaryOperator; position: number } | undefined {
    const token = this.#peek();
    const operator = token.kind === TOKEN_KINDS.OPERATOR ? allowed.find((op) => op === token.text) : undefined;
    if (operator === undefined) {
      return undefined;
    }
    this.#next();
    return { operator, position: token.position };
  }

  #additive(): ExpressionNode {
    let left = this.#multiplicative();
    for (let op = this.#operator(['+', '-']); op !== undefined; op = this.#operator(['+', '-'])) {
      left = { type: 'binary', ...op, left, right: this.#multiplicative() };
    }
    return left;
  }

  #multiplicative(): ExpressionNode {
    let left = this.#unary();
    for (let op = this.#operator(['*', '/', '%']); op !== undefined; op = this.#operator(['*', '/', '%'])) {
      left = { type: 'binary', ...op, left, right: this.#unary() };
    }
    return left;
  }

  #unary(): ExpressionNode {
    const sign = this.#operator(['+', '-']);
    if (sign === undefined) {
      return this.#power();
    }
    const operator = sign.operator === '-' ? '-' : '+';
    return { type: 'unary', operator, operand: this.#unary(), position: sign.position };
  }

  #power(): ExpressionNode {
    const base = this.#primary();
    const op = this.#operator(['^']);
    return op === undefined ? base : { type: 'binary', ...op, left: base, right: this.#unary() };
  }

  #primary(): ExpressionNode {
    const previous = this.#tokens[this.#index - 1];
    const token = this.#next();
    switch (token.kind) {
      case TOKEN_KINDS.NUMBER:
        return { type: 'number', text: token.text, position: token.position };
      case TOKEN_KINDS.NAME:
        return this.#name(token);
      case TOKEN_KINDS.LEFT_PAREN: {
        this.#enter(token);
        const inner = this.#additive();
        const close = this.#next();
        if (close.kind !== TOKEN_KINDS.RIGHT_PAREN) {
          throw unexpectedToken(
            close,
            'put an operator between the values or close the group with ")"',
            'add the missing ")"',
          );
        }
        this.#depth -= 1;
        return inner;
      }
      default: {
        const powerHint = token.text === '*' && previous?.text === '*' ? ' (use ^ for powers)' : '';
        throw unexpectedToken(
          token,
          `write a number, a name or "(" there${powerHint}`,
          'finish it with a number or name',
        );
      }
    }
  }

  #name(token: Token): ExpressionNode {
    const name = token.text;
    if (isConstantName(name)) {
      return { type: 'constant', name, position: token.position };
    }
    if (!isFunctionName(name)) {
      throw unknownNameError(name, token.position);
    }
    const open = this.#next();
    if (open.kind !== TOKEN_KINDS.LEFT_PAREN) {
      throw notCalledError(name, token.position);
    }
    this.#enter(open);
    const args: ExpressionNode[] = [];
    if (this.#peek().kind === TOKEN_KINDS.RIGHT_PAREN) {
      this.#next();
    } else {
      let separator: Token;
      do {
        separator = this.#argument(args);
      } while (separator.kind === TOKEN_KINDS.COMMA);
    }
    this.#depth -= 1;
    const { minArgs, maxArgs } = FUNCTION_SIGNATURES[name];
    if (args.length < minArgs || args.length > maxArgs) {
      throw arityError(name, token.position, args.length);
    }
    return { type: 'call', name, args, position: token.position };
  }

  /** Parses one argument into `args` and consumes the "," or ")" after it. */
  #argument(args: ExpressionNode[]): Token {
    args.push(this.#additive());
    const separator = this.#next();
    if (separator.kind !== TOKEN_KINDS.COMMA && separator.kind !== TOKEN_KINDS.RIGHT_PAREN) {
      throw unexpectedToken(separator, 'separate arguments with "," or close the call with ")"', 'add the missing ")"');
    }
    return separator;
  }

  #enter(token: Token): void {
    this.#depth += 1;
    if (this.#depth > MAX_NESTING_DEPTH) {
      throw nestingError(token.position);
    }
  }
}
