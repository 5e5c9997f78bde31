/**
 * A small validator for Kubernetes objects against the API server's OpenAPI v3 component schemas: JSON types
 * (with int32/int64 ranges), required fields, unknown fields (known `properties`, else `additionalProperties`),
 * `$ref`/`allOf` resolution, int-or-string and resource quantities. Pure: the schemas are passed in.
 */

/** The parts of an OpenAPI v3 schema object the validator reads. */
export interface OpenApiSchema {
  type?: string;
  format?: string;
  $ref?: string;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

/** Component schemas by name, e.g. `io.k8s.api.apps.v1.Deployment`. */
export type SchemaRegistry = Readonly<Record<string, OpenApiSchema>>;

/** Why a value does not match. */
export type SchemaRule = 'type' | 'required' | 'unknown_field' | 'enum' | 'range' | 'quantity' | 'kind' | 'schema';

/** One mismatch, at a path such as `spec.template.spec.containers[0].resources.limits.memory`. */
export interface SchemaViolation {
  readonly path: string;
  readonly rule: SchemaRule;
  readonly message: string;
}

const REF_PREFIX = '#/components/schemas/';
const QUANTITY_SCHEMA = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * The serialization grammar of `resource.Quantity`: a signed decimal number and one suffix — binary SI
 * (Ki…Ei), decimal SI (m, "", k, M, G, T, P, E) or a decimal exponent (e3, E-2).
 */
export const QUANTITY_GRAMMAR = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The name a `$ref` points at. */
export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

/**
 * The schemas reachable from `roots` (following every `$ref`), without descriptions: what a validator keeps
 * of a 1.6 MB document. Missing targets are left out; validation reports them.
 */
export function schemaClosure(all: SchemaRegistry, roots: readonly string[]): Record<string, OpenApiSchema> {
  const kept: Record<string, OpenApiSchema> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const schema = all[name];
    if (name in kept || schema === undefined) continue;
    kept[name] = strip(schema, pending);
  }
  return kept;
}

function strip(node: unknown, refs: string[]): OpenApiSchema {
  if (Array.isArray(node)) return node.map((n) => strip(n, refs)) as unknown as OpenApiSchema;
  if (node === null || typeof node !== 'object') return node as OpenApiSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key === 'default') continue;
    if (key === '$ref' && typeof value === 'string') refs.push(refName(value));
    // `properties` maps field names to schemas: a field may itself be called "description".
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v, refs)]))
        : strip(value, refs);
  }
  return out as OpenApiSchema;
}

/** Validates `value` against the component schema `root`; an empty list means it matches. */
export function validateAgainstSchema(registry: SchemaRegistry, root: string, value: unknown): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const schema = registry[root];
  if (!schema) return [{ path: '', rule: 'schema', message: `no schema named ${root}` }];
  const gvk = schema['x-kubernetes-group-version-kind']?.[0];
  if (gvk && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as { apiVersion?: unknown; kind?: unknown };
    const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
    if (object.apiVersion !== apiVersion)
      violations.push({ path: 'apiVersion', rule: 'kind', message: `must be "${apiVersion}"` });
    if (object.kind !== gvk.kind) violations.push({ path: 'kind', rule: 'kind', message: `must be "${gvk.kind}"` });
  }
  walk(registry, value, { $ref: root }, '', violations);
  return violations;
}

/** Resolves `$ref` and merges `allOf` members (Kubernetes wraps every `$ref` in a one-element `allOf`). */
function resolve(
  registry: SchemaRegistry,
  schema: OpenApiSchema,
  path: string,
  out: SchemaViolation[],
  depth = 0,
): { schema: OpenApiSchema; quantity: boolean } | undefined {
  if (depth > 32) {
    out.push({ path, rule: 'schema', message: 'schema references nest too deeply' });
    return undefined;
  }
  if (schema.$ref !== undefined) {
    const name = refName(schema.$ref);
    const target = registry[name];
    if (!target) {
      out.push({ path, rule: 'schema', message: `unresolved schema reference ${name}` });
      return undefined;
    }
    const { $ref: _ref, ...rest } = schema;
    const inner = resolve(registry, target, path, out, depth + 1);
    if (!inner) return undefined;
    return { schema: merge(rest, inner.schema), quantity: inner.quantity || name === QUANTITY_SCHEMA };
  }
  if (schema.allOf !== undefined) {
    const { allOf, ...rest } = schema;
    let merged: OpenApiSchema = rest;
    let quantity = false;
    for (const member of allOf) {
      const inner = resolve(registry, member, path, out, depth + 1);
      if (!inner) return undefined;
      merged = merge(merged, inner.schema);
      quantity ||= inner.quantity;
    }
    return { schema: merged, quantity };
  }
  return { schema, quantity: false };
}

/** A wrapper's own keywords over a resolved member; properties and required fields are united. */
function merge(wrapper: OpenApiSchema, member: OpenApiSchema): OpenApiSchema {
  const merged: OpenApiSchema = { ...member, ...wrapper };
  if (wrapper.properties || member.properties) merged.properties = { ...member.properties, ...wrapper.properties };
  if (wrapper.required || member.required)
    merged.required = [...new Set([...(member.required ?? []), ...(wrapper.required ?? [])])];
  return merged;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return jsonType(value) === 'object';
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function childPath(path: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return segment;
  return segment.startsWith('"') ? `${path}[${segment}]` : `${path}.${segment}`;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function walk(registry: SchemaRegistry, value: unknown, raw: OpenApiSchema, path: string, out: SchemaViolation[]) {
  // JSON null means "unset" to the API server's decoder; `required` checks catch the fields that must be set.
  if (value === null || value === undefined) return;
  const resolved = resolve(registry, raw, path, out);
  if (!resolved) return;
  const { schema, quantity } = resolved;
  if (quantity) {
    const ok =
      (typeof value === 'string' && QUANTITY_GRAMMAR.test(value)) ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!ok)
      out.push({
        path,
        rule: 'quantity',
        message: `${describeValue(value)} is not a Kubernetes quantity (e.g. "250m", "128Mi")`,
      });
    return;
  }
  if (schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string') {
    if (typeof value === 'string') return;
    if (typeof value === 'number' && Number.isInteger(value)) checkRange(value, INT32, path, out);
    else out.push({ path, rule: 'type', message: `expected an integer or a string, got ${jsonType(value)}` });
    return;
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && schema.type === undefined) {
    const types = alternatives.map((alt) => resolve(registry, alt, path, out)?.schema.type ?? 'any');
    if (!types.some((t) => typeMatches(value, t)))
      out.push({ path, rule: 'type', message: `expected ${types.join(' or ')}, got ${jsonType(value)}` });
    return;
  }
  const type = schema.type ?? (schema.properties || schema.additionalProperties ? 'object' : undefined);
  if (type === undefined) return;
  if (!typeMatches(value, type)) {
    out.push({ path, rule: 'type', message: `expected ${schema.format ?? type}, got ${jsonType(value)}` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ path, rule: 'enum', message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    return;
  }
  if (type === 'integer') {
    if (schema.format === 'int32') checkRange(value as number, INT32, path, out);
    else if (!Number.isSafeInteger(value)) out.push({ path, rule: 'range', message: 'is out of the int64 range' });
    return;
  }
  if (type === 'array') {
    const items = schema.items;
    if (items)
      for (const [i, item] of (value as unknown[]).entries()) walk(registry, item, items, `${path}[${i}]`, out);
    return;
  }
  if (type === 'object') walkObject(registry, value as Record<string, unknown>, schema, path, out);
}

function walkObject(
  registry: SchemaRegistry,
  object: Record<string, unknown>,
  schema: OpenApiSchema,
  path: string,
  out: SchemaViolation[],
): void {
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return;
  for (const field of schema.required ?? []) {
    if (object[field] === undefined || object[field] === null)
      out.push({ path: childPath(path, field), rule: 'required', message: 'is required' });
  }
  const extra = schema.additionalProperties;
  // An object schema with neither properties nor additionalProperties is free-form (e.g. FieldsV1).
  if (schema.properties === undefined && extra === undefined) return;
  for (const [key, child] of Object.entries(object)) {
    const field = schema.properties?.[key];
    const p = childPath(path, key);
    if (field) walk(registry, child, field, p, out);
    else if (typeof extra === 'object') walk(registry, child, extra, p, out);
    else if (extra !== true) out.push({ path: p, rule: 'unknown_field', message: 'is not a field of this object' });
  }
}

function checkRange(value: number, range: { min: number; max: number }, path: string, out: SchemaViolation[]) {
  if (value < range.min || value > range.max)
    out.push({ path, rule: 'range', message: `${value} is out of the int32 range` });
}
