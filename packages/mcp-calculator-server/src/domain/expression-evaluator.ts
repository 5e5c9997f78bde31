/** Evaluates a safe arithmetic expression (no eval, no Function) exactly in decimal where possible. */
import {
  assertPrecision,
  boundedDecimal,
  type CalculationResult,
  DEFAULT_PRECISION,
  type TrackedDecimal,
  toCalculationResult,
} from './decimal-context.js';
import { applyOperation, type Operation } from './decimal-operations.js';
import type { BinaryOperator, ExpressionNode } from './expression-ast.js';
import { applyFunction, constantValue } from './expression-functions.js';
import { parseExpression } from './expression-parser.js';

const OPERATION_BY_OPERATOR: Readonly<Record<BinaryOperator, Operation>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '%': 'modulo',
  '^': 'power',
};

/**
 * Evaluates `expression` (numbers, `+ - * / % ^`, parentheses, the allowed functions, `pi` and `e`) and rounds the
 * result half-up to `precision` significant digits. `exact` is false when anything was rounded: the final result,
 * a non-terminating division, or an irrational step (pi, e, sqrt of a non-square, ln, log10, fractional powers).
 * `%` truncates like JS (sign of the dividend); `^` accepts fractional exponents for non-negative bases.
 */
export function evaluateExpression(expression: string, precision: number = DEFAULT_PRECISION): CalculationResult {
  assertPrecision(precision);
  return toCalculationResult(evaluateNode(parseExpression(expression)), precision);
}

function evaluateNode(node: ExpressionNode): TrackedDecimal {
  switch (node.type) {
    case 'number':
      return {
        value: boundedDecimal(node.text, {
          label: `the number ${node.text.slice(0, 40)} at ${node.position}`,
          details: { position: node.position },
        }),
        exact: true,
      };
    case 'constant':
      return constantValue(node.name);
    case 'unary': {
      const operand = evaluateNode(node.operand);
      return node.operator === '-' ? { value: operand.value.neg(), exact: operand.exact } : operand;
    }
    case 'binary':
      return applyOperation(
        OPERATION_BY_OPERATOR[node.operator],
        evaluateNode(node.left),
        evaluateNode(node.right),
        {
          label: `"${node.operator}" at ${node.position}`,
          left: 'the left operand',
          right: node.operator === '^' ? 'the exponent' : 'the right operand',
          details: { position: node.position },
        },
        { fractionalPower: true },
      );
    case 'call':
      return applyFunction(node.name, node.args.map(evaluateNode), node.position);
  }
}
