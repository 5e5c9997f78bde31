/** Turns zod issues into INVALID_ARGUMENT errors that name the field, the rule and a valid example. */
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';
import { ToolError } from './tool-error.js';

/** Builds the INVALID_ARGUMENT error for a failed parse of a tool's input. */
export function invalidArgumentError(tool: string, input: z.ZodObject, error: z.ZodError): ToolError {
  const issues = error.issues.slice(0, 3).map((issue) => describeIssue(tool, input, issue));
  const more = error.issues.length > 3 ? ` (${error.issues.length - 3} more problems not shown)` : '';
  return new ToolError(ERROR_CODES.INVALID_ARGUMENT, `${issues.join(' ')}${more} Fix the arguments and call again.`, {
    retryable: false,
    details: {
      issues: error.issues.slice(0, 10).map((i) => ({ field: fieldName(i.path), rule: i.code })),
    },
  });
}

function describeIssue(tool: string, input: z.ZodObject, issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const owner = issue.path.length === 0 ? input : unwrapToObject(schemaAt(input, issue.path));
    const allowed = owner ? Object.keys(owner.shape).join(', ') : 'see the tool schema';
    const where = issue.path.length === 0 ? `by ${tool}` : `in ${fieldName(issue.path)}`;
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} not accepted ${where}; allowed fields: ${allowed}.`;
  }
  const field = fieldName(issue.path);
  const schema = schemaAt(input, issue.path);
  const example = schema ? exampleOf(schema) : undefined;
  const hint = example === undefined ? '' : ` Example of a valid value: ${JSON.stringify(example)}.`;
  return `Invalid argument "${field}": ${ruleText(issue)}.${hint}`;
}

function ruleText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required ${issue.expected} is missing` : `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
          : `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} item${issue.maximum === 1 ? '' : 's'}`
          : `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? `does not match the required pattern ${issue.pattern ?? ''}`.trim()
        : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0
    ? '(arguments)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
        .join('.')
        .replaceAll('.[', '[');
}

/** Finds the schema of the field a path points at (objects, arrays, optional/default wrappers). */
function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = root;
  for (const key of path) {
    node = node ? unwrap(node) : undefined;
    if (node instanceof z.ZodObject) node = node.shape[String(key)] as z.ZodType | undefined;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return undefined;
  }
  return node;
}

function unwrapToObject(schema: z.ZodType | undefined): z.ZodObject | undefined {
  const node = schema ? unwrap(schema) : undefined;
  return node instanceof z.ZodObject ? node : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) {
    node = node.unwrap() as z.ZodType;
  }
  return node;
}

/** A valid example for a field: its declared `examples` meta, else one derived from its type and bounds. */
export function exampleOf(schema: z.ZodType): unknown {
  const examples = z.globalRegistry.get(schema)?.examples;
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  const node = unwrap(schema);
  const declared = z.globalRegistry.get(node)?.examples;
  if (Array.isArray(declared) && declared.length > 0) return declared[0];
  if (node instanceof z.ZodEnum) return node.options[0];
  if (node instanceof z.ZodLiteral) return node.value;
  if (node instanceof z.ZodBoolean) return true;
  if (node instanceof z.ZodNumber) {
    const min = node.minValue ?? Number.NEGATIVE_INFINITY;
    const max = node.maxValue ?? Number.POSITIVE_INFINITY;
    return Math.min(Math.max(1, min), max);
  }
  if (node instanceof z.ZodString) return 'x'.repeat(Math.max(1, node.minLength ?? 1));
  return undefined;
}
