/** Validates Kubernetes objects against the Swagger 2.0 definitions: unknown fields, wrong types, missing required. */
import { readFileSync } from 'node:fs';

/** The subset of a Swagger 2.0 schema object the validator reads. */
interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** Where a value broke its schema, as a JSON-path-like location and a reason. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/** The path of the Swagger document copied into the repository (see fixtures/k8s-openapi/README.md). */
export const SWAGGER_PATH = new URL('../fixtures/k8s-openapi/swagger-v1.27.0.json', import.meta.url);

const REF_PREFIX = '#/definitions/';
// Strings on the wire that YAML may write as numbers (Quantity "1" vs 1) or either (IntOrString).
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A validator over one Swagger document's definitions. */
export class K8sSchema {
  private readonly definitions: Record<string, SchemaNode>;
  private readonly byKind = new Map<string, string>();

  constructor(swagger: { definitions: Record<string, SchemaNode> }) {
    this.definitions = swagger.definitions;
    for (const [name, node] of Object.entries(this.definitions))
      for (const gvk of node['x-kubernetes-group-version-kind'] ?? [])
        this.byKind.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
  }

  /** Loads the Swagger document from the repository's fixtures. */
  static load(): K8sSchema {
    return new K8sSchema(JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as { definitions: Record<string, SchemaNode> });
  }

  /** The definition name for an apiVersion and kind, or undefined when the API does not know it. */
  definitionFor(apiVersion: string, kind: string): string | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Every violation in one object; an unknown apiVersion/kind is itself a violation. */
  validate(object: unknown): SchemaViolation[] {
    if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
      return [{ path: '$', message: 'an object needs string apiVersion and kind' }];
    const name = this.definitionFor(object.apiVersion, object.kind);
    if (!name) return [{ path: '$', message: `unknown kind ${object.apiVersion} ${object.kind}` }];
    const violations: SchemaViolation[] = [];
    this.check(object, { $ref: `${REF_PREFIX}${name}` }, '$', violations);
    return violations;
  }

  private check(value: unknown, node: SchemaNode, path: string, out: SchemaViolation[]): void {
    if (node.$ref) {
      const name = node.$ref.slice(REF_PREFIX.length);
      if (name === INT_OR_STRING) {
        if (typeof value !== 'string' && !Number.isInteger(value))
          out.push({ path, message: 'expected an integer or a string' });
        return;
      }
      if (name === QUANTITY) {
        if (typeof value !== 'string' && typeof value !== 'number')
          out.push({ path, message: 'expected a quantity (string)' });
        return;
      }
      const target = this.definitions[name];
      if (!target) out.push({ path, message: `unresolvable $ref ${node.$ref}` });
      else this.check(value, target, path, out);
      return;
    }
    if (node.enum && !node.enum.includes(value)) out.push({ path, message: `expected one of ${node.enum.join(', ')}` });
    switch (node.type) {
      case 'string':
        if (typeof value !== 'string') out.push({ path, message: `expected a string, got ${JSON.stringify(value)}` });
        return;
      case 'integer':
        if (!Number.isInteger(value)) out.push({ path, message: `expected an integer, got ${JSON.stringify(value)}` });
        return;
      case 'number':
        if (typeof value !== 'number') out.push({ path, message: `expected a number, got ${JSON.stringify(value)}` });
        return;
      case 'boolean':
        if (typeof value !== 'boolean') out.push({ path, message: `expected a boolean, got ${JSON.stringify(value)}` });
        return;
      case 'array':
        if (!Array.isArray(value)) {
          out.push({ path, message: 'expected an array' });
          return;
        }
        if (node.items) for (const [i, item] of value.entries()) this.check(item, node.items, `${path}[${i}]`, out);
        return;
      case 'object':
      case undefined:
        this.checkObject(value, node, path, out);
        return;
      default:
        out.push({ path, message: `the schema uses an unsupported type ${node.type}` });
    }
  }

  private checkObject(value: unknown, node: SchemaNode, path: string, out: SchemaViolation[]): void {
    // A definition without properties or additionalProperties (RawExtension, FieldsV1) accepts any JSON.
    if (!node.properties && node.additionalProperties === undefined) return;
    if (!isRecord(value)) {
      out.push({ path, message: 'expected an object' });
      return;
    }
    for (const key of node.required ?? [])
      if (value[key] === undefined) out.push({ path: `${path}.${key}`, message: 'is required' });
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue; // absent, as in JSON
      const property = node.properties?.[key];
      if (property) this.check(child, property, `${path}.${key}`, out);
      else if (isRecord(node.additionalProperties)) this.check(child, node.additionalProperties, `${path}.${key}`, out);
      else if (node.additionalProperties !== true)
        out.push({ path: `${path}.${key}`, message: 'is not a known field' });
    }
  }
}
