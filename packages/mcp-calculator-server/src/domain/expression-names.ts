/** The allow-list of names an expression may use: functions with their arity, and constants. */

/** Every callable function with its argument count bounds and how to call it. */
export const FUNCTION_SIGNATURES = {
  sqrt: { minArgs: 1, maxArgs: 1, usage: 'sqrt(x)' },
  abs: { minArgs: 1, maxArgs: 1, usage: 'abs(x)' },
  round: { minArgs: 1, maxArgs: 2, usage: 'round(x) or round(x, digits)' },
  floor: { minArgs: 1, maxArgs: 1, usage: 'floor(x)' },
  ceil: { minArgs: 1, maxArgs: 1, usage: 'ceil(x)' },
  min: { minArgs: 1, maxArgs: 20, usage: 'min(a, b, ...) with up to 20 arguments' },
  max: { minArgs: 1, maxArgs: 20, usage: 'max(a, b, ...) with up to 20 arguments' },
  pow: { minArgs: 2, maxArgs: 2, usage: 'pow(x, y)' },
  ln: { minArgs: 1, maxArgs: 1, usage: 'ln(x)' },
  log10: { minArgs: 1, maxArgs: 1, usage: 'log10(x)' },
} as const;

/** The name of an allowed function. */
export type FunctionName = keyof typeof FUNCTION_SIGNATURES;

/** The names of the allowed constants (lowercase, case-sensitive). */
export const CONSTANT_NAMES = ['pi', 'e'] as const;

/** The name of an allowed constant. */
export type ConstantName = (typeof CONSTANT_NAMES)[number];

/** The allowed function names, in listing order. */
export const FUNCTION_NAMES: readonly FunctionName[] = [
  'sqrt',
  'abs',
  'round',
  'floor',
  'ceil',
  'min',
  'max',
  'pow',
  'ln',
  'log10',
];

/** Whether `name` is an allowed function (own keys only, so `constructor` or `__proto__` never match). */
export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTION_SIGNATURES, name);
}

/** Whether `name` is an allowed constant. */
export function isConstantName(name: string): name is ConstantName {
  return (CONSTANT_NAMES as readonly string[]).includes(name);
}

/** The names allowed in expressions, as shown in error messages. */
export function describeAllowedNames(): string {
  return `allowed functions: ${FUNCTION_NAMES.join(', ')}; constants: ${CONSTANT_NAMES.join(', ')}`;
}
