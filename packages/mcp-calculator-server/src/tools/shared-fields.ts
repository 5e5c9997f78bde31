/** Input and output fields more than one calculator tool uses. */
import { z } from 'zod';
import { DEFAULT_PRECISION, MAX_ABS_OPERAND, MAX_PRECISION, OPERATIONS } from '../domain/decimal-arithmetic.js';

/** Significant digits of a result. */
export const precisionField = z
  .number()
  .int()
  .min(1)
  .max(MAX_PRECISION)
  .default(DEFAULT_PRECISION)
  .describe('Significant digits.');

/** One operand. */
export const operandField = (name: string) =>
  z.number().min(-Number(MAX_ABS_OPERAND)).max(Number(MAX_ABS_OPERAND)).describe(`${name} operand.`);

/** The closed set of binary operations. */
export const operationField = z.enum(OPERATIONS).describe('Modulo keeps the sign of x.');

/** How a computed value is reported. */
export const computationShape = {
  result: z.string().describe('Decimal string.'),
  exact: z.boolean().describe('False if rounded.'),
};
