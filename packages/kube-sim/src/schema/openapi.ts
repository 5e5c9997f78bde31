// Loads the bundled Kubernetes OpenAPI v3 documents and navigates their schemas ($ref and allOf resolved).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An OpenAPI v3 schema object, the parts the simulator reads. */
export interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

interface OpenApiDoc {
  components: { schemas: Record<string, Schema> };
}

/** The served group-versions and their document files. */
export const OPENAPI_FILES = {
  'api/v1': 'api__v1_openapi.json',
  'apis/apps/v1': 'apis__apps__v1_openapi.json',
} as const;

/** The directory holding the bundled documents (found from src/ or dist/). */
export function openapiDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'openapi');
    if (existsSync(join(candidate, OPENAPI_FILES['api/v1']))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('kube-sim: bundled OpenAPI documents not found (expected an openapi/ directory in the package)');
}

const rawCache = new Map<string, string>();

/** The raw text of one bundled document. */
export function openapiText(gv: keyof typeof OPENAPI_FILES): string {
  let t = rawCache.get(gv);
  if (t === undefined) {
    t = readFileSync(join(openapiDir(), OPENAPI_FILES[gv]), 'utf8');
    rawCache.set(gv, t);
  }
  return t;
}

let schemas: Record<string, Schema> | undefined;

/** All component schemas of both documents, keyed like `io.k8s.api.apps.v1.Deployment`. */
export function allSchemas(): Record<string, Schema> {
  if (schemas === undefined) {
    const core = JSON.parse(openapiText('api/v1')) as OpenApiDoc;
    const apps = JSON.parse(openapiText('apis/apps/v1')) as OpenApiDoc;
    schemas = { ...core.components.schemas, ...apps.components.schemas };
  }
  return schemas;
}

/** Resolve `$ref` and single-element `allOf` wrappers, merging the wrapper's own keywords. */
export function resolve(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur !== undefined; i += 1) {
    if (cur.$ref !== undefined) {
      const name = cur.$ref.replace('#/components/schemas/', '');
      const { $ref: _ref, ...rest } = cur;
      const target = allSchemas()[name];
      if (target === undefined) return undefined;
      cur = { ...target, ...rest };
    } else if (cur.allOf !== undefined && cur.allOf.length === 1) {
      const { allOf, ...rest } = cur;
      cur = { ...allOf[0], ...rest };
    } else return cur;
  }
  return cur;
}

/** The schema of a named component. */
export function schemaNamed(name: string): Schema | undefined {
  return resolve(allSchemas()[name]);
}

/** The schema of property `key` of an object schema (maps use additionalProperties). */
export function childSchema(s: Schema | undefined, key: string): Schema | undefined {
  if (s === undefined) return undefined;
  const p = s.properties?.[key];
  if (p !== undefined) return resolve(p);
  if (typeof s.additionalProperties === 'object') return resolve(s.additionalProperties);
  return undefined;
}

/** The item schema of an array schema. */
export function itemSchema(s: Schema | undefined): Schema | undefined {
  return s === undefined ? undefined : resolve(s.items);
}

/** The merge key of a list field for strategic merge patch and apply, if it merges by key. */
export function listMergeKey(s: Schema | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (
    s['x-kubernetes-patch-strategy']?.split(',').includes('merge') &&
    s['x-kubernetes-patch-merge-key'] !== undefined
  ) {
    return s['x-kubernetes-patch-merge-key'];
  }
  if (s['x-kubernetes-list-type'] === 'map') return s['x-kubernetes-list-map-keys']?.[0];
  return undefined;
}

/** Whether a primitive list merges as a set (e.g. finalizers). */
export function isSetList(s: Schema | undefined): boolean {
  return s?.['x-kubernetes-list-type'] === 'set' || s?.['x-kubernetes-patch-strategy'] === 'merge';
}
