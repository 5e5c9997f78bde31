/** calculate: one exact decimal operation on two numbers. */
import { defineTool, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { calculate } from '../domain/decimal-arithmetic.js';
import { type CalculatorDeps, memoized } from './calculator-deps.js';
import { computationShape, operandField, operationField, precisionField } from './shared-fields.js';

const SYMBOLS = { add: '+', subtract: '-', multiply: '×', divide: '÷', power: '^', modulo: 'mod' } as const;

/** The calculate tool. */
export const calculateTool = defineTool({
  name: 'calculate',
  title: 'Calculate',
  description:
    'Exact decimal arithmetic on two numbers (0.1+0.2=0.3). For formulas use evaluate_expression; for many operations, batch_calculate.',
  kind: 'read',
  input: z.object({
    operation: operationField,
    x: operandField('Left'),
    y: operandField('Right'),
    precision: precisionField,
  }),
  output: z.object(computationShape),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ operation, x, y, precision }, { deps, logger }: ToolContext<CalculatorDeps>) => {
    const computed = memoized(
      deps,
      `c:${operation}:${x}:${y}:${precision}`,
      () => calculate(operation, x, y, precision),
      logger,
    );
    const approx = computed.exact ? '=' : '≈';
    return {
      structured: { result: computed.result, exact: computed.exact },
      text: `${x} ${SYMBOLS[operation]} ${y} ${approx} ${computed.result}`,
    };
  },
});
