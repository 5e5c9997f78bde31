/** Builds the lean `tools/list` entries once per process: JSON Schema without noise, sorted by name. */
import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolDefinition } from './define-tool.js';

/** One `tools/list` entry as sent on the wire. */
export type ListedTool = Tool;

/**
 * Keys that add tokens but little meaning for a model. `examples` stay on the zod schema: validation errors
 * quote them exactly when the model needs one.
 */
const NOISE_KEYS = new Set(['$schema', '~standard', 'id', 'examples']);

/** Converts a zod schema to JSON Schema and strips noise (`$schema`, empty defaults). */
export function toLeanJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return clean(json, io) as Record<string, unknown>;
}

function clean(node: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(node)) return node.map((item) => clean(item, io));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (NOISE_KEYS.has(key)) continue;
    // Closed output objects matter to validators, not to the model reading the listing.
    if (io === 'output' && key === 'additionalProperties' && value === false) continue;
    if (key === 'default' && isEmpty(value)) continue;
    // zod states the safe-integer range on every int(): true of every JSON number a client sends, so noise.
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = key === 'properties' ? cleanProperties(value as Record<string, unknown>, io) : clean(value, io);
  }
  return out;
}

/** Property names are data, not schema keywords: never drop one because of its name. */
function cleanProperties(properties: Record<string, unknown>, io: 'input' | 'output'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) out[name] = clean(schema, io);
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/** The `tools/list` entries for a set of tools, sorted by name for a stable order. */
export function buildToolListing(tools: readonly ToolDefinition<never>[]): ListedTool[] {
  return [...tools]
    .sort((a, b) => compareToolNames(a.name, b.name))
    .map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: toLeanJsonSchema(tool.input, 'input') as Tool['inputSchema'],
      outputSchema: toLeanJsonSchema(tool.output, 'output') as Tool['outputSchema'],
      annotations: { ...tool.hints },
    }));
}

/**
 * The order `localeCompare` gives snake_case tool names, without loading ICU's collation data into the process
 * (about 2 MiB of RSS): the root collation sorts `_` before digits before letters, which is code-unit order once
 * `_` is read as `/`, the character just below `0`.
 */
export function compareToolNames(a: string, b: string): number {
  const x = a.replaceAll('_', '/');
  const y = b.replaceAll('_', '/');
  return x < y ? -1 : x > y ? 1 : 0;
}
