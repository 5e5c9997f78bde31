/** batch_calculate: up to 100 independent operations; each item succeeds or fails on its own. */
import { defineTool, isToolError, type ToolContext } from '@bulkhead/core';
import { z } from 'zod';
import { calculate, OPERATIONS } from '../domain/decimal-arithmetic.js';
import type { CalculatorDeps, Computation } from './calculator-deps.js';
import { operandField, operationField, precisionField } from './shared-fields.js';

/** Most operations in one batch. */
export const MAX_BATCH = 100;

const itemResult = z.object({
  index: z.number().int(),
  operation: z.enum(OPERATIONS),
  result: z.string().optional(),
  exact: z.boolean().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

/** The batch_calculate tool. */
export const batchCalculateTool = defineTool({
  name: 'batch_calculate',
  title: 'Batch calculate',
  description:
    'Run up to 100 independent calculate operations in one call. Each item gets its own result or error; the call succeeds even when some items fail.',
  kind: 'read',
  input: z.object({
    operations: z
      .array(z.strictObject({ operation: operationField, x: operandField('left'), y: operandField('right') }))
      .min(1)
      .max(MAX_BATCH)
      .describe(`1 to ${MAX_BATCH} operations, each {operation, x, y}.`),
    precision: precisionField,
  }),
  output: z.object({
    results: z.array(itemResult),
    succeeded: z.number().int(),
    failed: z.number().int(),
  }),
  hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ operations, precision }, { deps, signal }: ToolContext<CalculatorDeps>) => {
    const results = operations.map(({ operation, x, y }, index) => {
      signal.throwIfAborted();
      try {
        const computed: Computation = deps.memo.getOrCompute(`c:${operation}:${x}:${y}:${precision}`, () =>
          calculate(operation, x, y, precision),
        );
        return { index, operation, result: computed.result, exact: computed.exact };
      } catch (error) {
        if (!isToolError(error)) throw error;
        return { index, operation, error: { code: error.code, message: error.message } };
      }
    });
    const failed = results.filter((r) => r.error !== undefined).length;
    const lines = results.map((r) => `${r.index}: ${r.error ? `error ${r.error.code}: ${r.error.message}` : r.result}`);
    return {
      structured: { results, succeeded: results.length - failed, failed },
      text: `${results.length - failed} succeeded, ${failed} failed\n${lines.join('\n')}`,
    };
  },
});
