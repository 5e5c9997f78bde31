/** batch_calculate: up to 100 independent operations; each item succeeds or fails on its own. */
import { defineTool, isToolError, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { calculate } from '../domain/decimal-arithmetic.js';
import { type CalculatorDeps, type Computation, memoized } from './calculator-deps.js';
import { operandField, operationField, precisionField } from './shared-fields.js';

/** Most operations in one batch. */
export const MAX_BATCH = 100;

const itemResult = z.object({
  index: z.number().int(),
  result: z.string().optional(),
  exact: z.boolean().optional(),
  error_code: z.string().optional(),
  error: z.string().optional(),
});

/** The batch_calculate tool. */
export const batchCalculateTool = defineTool({
  name: 'batch_calculate',
  title: 'Batch calculate',
  description: 'Up to 100 independent calculate operations; each item gets its own result or error.',
  kind: 'read',
  input: z.object({
    operations: z
      .array(z.strictObject({ operation: operationField, x: operandField('Left'), y: operandField('Right') }))
      .min(1)
      .max(MAX_BATCH)
      .describe(`1-${MAX_BATCH} operations.`),
    precision: precisionField,
  }),
  output: z.object({
    results: z.array(itemResult),
    succeeded: z.number().int(),
    failed: z.number().int(),
  }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ operations, precision }, { deps, signal, logger }: ToolContext<CalculatorDeps>) => {
    const results = operations.map(({ operation, x, y }, index) => {
      signal.throwIfAborted();
      try {
        const computed: Computation = memoized(
          deps,
          `c:${operation}:${x}:${y}:${precision}`,
          () => calculate(operation, x, y, precision),
          logger,
        );
        return { index, result: computed.result, exact: computed.exact };
      } catch (error) {
        if (!isToolError(error)) throw error;
        return { index, error_code: error.code, error: error.message };
      }
    });
    const failed = results.filter((r) => r.error !== undefined).length;
    const lines = results.map((r) => `${r.index}: ${r.error ? `error ${r.error_code}: ${r.error}` : r.result}`);
    return {
      structured: { results, succeeded: results.length - failed, failed },
      text: `${results.length - failed} succeeded, ${failed} failed\n${lines.join('\n')}`,
    };
  },
});
