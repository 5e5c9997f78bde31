/** Test kit: finds input fields a listing leaves unbounded (DESIGN §4.4: every string, array and number bounded). */
import type { ListedTool } from '../tools/tool-listing.js';

type JsonSchema = {
  type?: string;
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Every input field of the listing without a bound, as `tool path: problem` lines (empty when all are bounded). */
export function findUnboundedInputs(listing: readonly ListedTool[]): string[] {
  const problems: string[] = [];
  for (const tool of listing) visit(tool.name, '', tool.inputSchema as JsonSchema, problems);
  return problems;
}

function visit(tool: string, path: string, schema: JsonSchema, problems: string[]): void {
  const at = `${tool} ${path || '(arguments)'}`;
  const closed = schema.enum !== undefined || schema.const !== undefined;
  if (schema.type === 'string' && schema.maxLength === undefined && !closed)
    problems.push(`${at}: string without maxLength`);
  if (schema.type === 'array' && schema.maxItems === undefined) problems.push(`${at}: array without maxItems`);
  const numeric = schema.type === 'number' || schema.type === 'integer';
  if (numeric && schema.maximum === undefined && schema.exclusiveMaximum === undefined && !closed) {
    problems.push(`${at}: number without maximum`);
  }
  if (schema.type === 'object' && schema.additionalProperties !== false) problems.push(`${at}: accepts unknown fields`);
  for (const [name, child] of Object.entries(schema.properties ?? {})) visit(tool, `${path}.${name}`, child, problems);
  if (schema.items) visit(tool, `${path}[]`, schema.items, problems);
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    visit(tool, path, branch, problems);
  }
}
