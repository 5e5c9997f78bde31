/** The syntax errors of the expression language: one sentence naming the position, then what to fix. */
import type { ToolError } from '@bulkhead/core';
import { CALCULATOR_ERROR_CODES, calculatorError } from './calculator-errors.js';
import {
  describeAllowedNames,
  FUNCTION_SIGNATURES,
  type FunctionName,
  isConstantName,
  isFunctionName,
} from './expression-names.js';
import { TOKEN_KINDS, type Token } from './expression-tokenizer.js';

/** Deepest nesting of parentheses and function calls accepted. */
export const MAX_NESTING_DEPTH = 64;

/** INVALID_EXPRESSION `unexpected ")" at 7; <hint>.` (or `unexpected end of expression at 12; <hint>.`). */
export function unexpectedToken(token: Token, hintForToken: string, hintForEnd: string): ToolError {
  const atEnd = token.kind === TOKEN_KINDS.END;
  const what = atEnd ? 'end of expression' : `"${token.text}"`;
  return calculatorError(
    CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
    `unexpected ${what} at ${token.position}; ${atEnd ? hintForEnd : hintForToken}.`,
    { position: token.position },
  );
}

/** UNKNOWN_FUNCTION for a name outside the allow-list, with a case hint when only the case is wrong. */
export function unknownNameError(name: string, position: number): ToolError {
  const lower = name.toLowerCase();
  const caseHint =
    isFunctionName(lower) || isConstantName(lower) ? `names are case-sensitive, so write "${lower}"; ` : '';
  return calculatorError(
    CALCULATOR_ERROR_CODES.UNKNOWN_FUNCTION,
    `unknown name "${name}" at ${position}; ${caseHint}${describeAllowedNames()}.`,
    { position, name },
  );
}

/** INVALID_EXPRESSION for a function name that is not followed by "(". */
export function notCalledError(name: FunctionName, position: number): ToolError {
  return calculatorError(
    CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
    `function "${name}" at ${position} must be called with parentheses; write it like ` +
      `${FUNCTION_SIGNATURES[name].usage}.`,
    { position, function: name },
  );
}

/** INVALID_EXPRESSION naming the function, its expected argument count and how to call it. */
export function arityError(name: FunctionName, position: number, got: number): ToolError {
  const { minArgs, maxArgs, usage } = FUNCTION_SIGNATURES[name];
  const expected =
    minArgs === maxArgs ? `${minArgs}` : `${minArgs} ${maxArgs === minArgs + 1 ? 'or' : 'to'} ${maxArgs}`;
  return calculatorError(
    CALCULATOR_ERROR_CODES.INVALID_EXPRESSION,
    `wrong number of arguments for ${name} at ${position}: expected ${expected}, got ${got}; call it as ${usage}.`,
    { position, function: name, minArgs, maxArgs },
  );
}

/** EXPRESSION_TOO_COMPLEX for the "(" that nests deeper than MAX_NESTING_DEPTH. */
export function nestingError(position: number): ToolError {
  return calculatorError(
    CALCULATOR_ERROR_CODES.EXPRESSION_TOO_COMPLEX,
    `nesting deeper than ${MAX_NESTING_DEPTH} levels at ${position}; ` +
      'remove redundant parentheses or split the calculation into steps.',
    { position, maxDepth: MAX_NESTING_DEPTH },
  );
}
