/** The syntax tree the expression parser produces and the evaluator walks. */
import type { ConstantName, FunctionName } from './expression-names.js';

/** The binary operators of the language. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '^';

/** A node of the expression AST; `position` is the 1-based column of its token (the operator for operations). */
export type ExpressionNode =
  | { readonly type: 'number'; readonly text: string; readonly position: number }
  | { readonly type: 'constant'; readonly name: ConstantName; readonly position: number }
  | {
      readonly type: 'unary';
      readonly operator: '+' | '-';
      readonly operand: ExpressionNode;
      readonly position: number;
    }
  | {
      readonly type: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      readonly position: number;
    }
  | {
      readonly type: 'call';
      readonly name: FunctionName;
      readonly args: readonly ExpressionNode[];
      readonly position: number;
    };
