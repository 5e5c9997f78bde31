/** evaluate_expression: a bounded arithmetic formula, parsed safely and evaluated exactly. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { evaluateExpression } from '../domain/expression-evaluator.js';
import { MAX_EXPRESSION_LENGTH } from '../domain/expression-tokenizer.js';
import { type CalculatorDeps, memoized } from './calculator-deps.js';
import { computationShape, precisionField } from './shared-fields.js';

/** The evaluate_expression tool. */
export const evaluateExpressionTool = defineTool({
  name: 'evaluate_expression',
  title: 'Evaluate expression',
  description:
    'Evaluate a formula exactly: + - * / % ^, parentheses; sqrt abs round floor ceil min max pow ln log10; pi, e.',
  kind: 'read',
  input: z.object({
    expression: z.string().min(1).max(MAX_EXPRESSION_LENGTH).describe('Formula, e.g. "(2+3)*sqrt(16)/4".'),
    precision: precisionField,
  }),
  output: z.object(computationShape),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ expression, precision }, { deps, logger }: ToolContext<CalculatorDeps>) => {
    const computed = memoized(
      deps,
      `e:${precision}:${expression}`,
      () => evaluateExpression(expression, precision),
      logger,
    );
    return {
      structured: { result: computed.result, exact: computed.exact },
      text: `${expression} ${computed.exact ? '=' : '≈'} ${computed.result}`,
    };
  },
});
