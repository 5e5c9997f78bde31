// Validates objects against the OpenAPI schemas (types, required fields, unknown fields) plus the semantic
// rules the API server enforces for the kinds the controller reads.

import { matchesLabelSelector } from '../api/selectors.js';
import { badRequest, invalid, type StatusCause } from '../api/status.js';
import type { ResourceInfo } from '../model/resources.js';
import type { Container, Deployment, KubeObject, PodSpec } from '../model/types.js';
import { childSchema, itemSchema, resolve, type Schema, schemaNamed } from './openapi.js';

/** How unknown fields are treated, as the `fieldValidation` query parameter says. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

interface Findings {
  unknown: string[];
  typeErrors: string[];
  required: StatusCause[];
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function typeMatches(v: unknown, type: string | undefined): boolean {
  switch (type) {
    case 'object':
      return jsonType(v) === 'object';
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

function walk(v: unknown, s: Schema | undefined, path: string, f: Findings): void {
  if (s === undefined || v === null || v === undefined) return;
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') {
    if (typeof v !== 'string' && typeof v !== 'number')
      f.typeErrors.push(`${path}: expected int or string, got ${jsonType(v)}`);
    return;
  }
  if (s.oneOf !== undefined) {
    if (!s.oneOf.some((alt) => typeMatches(v, resolve(alt)?.type)))
      f.typeErrors.push(`${path}: unexpected ${jsonType(v)}`);
    return;
  }
  if (s.type === undefined && s.properties === undefined) return;
  const type = s.type ?? 'object';
  if (!typeMatches(v, type)) {
    f.typeErrors.push(`${path}: cannot unmarshal ${jsonType(v)} into a field of type ${s.format ?? type}`);
    return;
  }
  if (type === 'array' && Array.isArray(v)) {
    const items = itemSchema(s);
    v.forEach((item, i) => {
      walk(item, items, `${path}[${i}]`, f);
    });
    return;
  }
  if (type !== 'object' || s['x-kubernetes-preserve-unknown-fields'] === true) return;
  const obj = v as Record<string, unknown>;
  for (const req of s.required ?? []) {
    if (obj[req] === undefined || obj[req] === null) {
      f.required.push({
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: path === '' ? req : `${path}.${req}`,
      });
    }
  }
  const freeForm = s.properties === undefined && s.additionalProperties === undefined;
  for (const [k, child] of Object.entries(obj)) {
    const cs = childSchema(s, k);
    const p = path === '' ? k : `${path}.${k}`;
    if (cs === undefined) {
      if (!freeForm && s.additionalProperties !== true) f.unknown.push(p);
      continue;
    }
    walk(child, cs, p, f);
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkContainers(spec: PodSpec | undefined, path: string, causes: StatusCause[]): void {
  if (spec === undefined) return;
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.containers` });
    return;
  }
  const seen = new Set<string>();
  spec.containers.forEach((c: Container, i) => {
    const p = `${path}.containers[${i}]`;
    if (typeof c.name === 'string' && !DNS_LABEL.test(c.name)) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${c.name}": must be a DNS-1123 label`,
        field: `${p}.name`,
      });
    }
    if (typeof c.name === 'string' && seen.has(c.name)) {
      causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${c.name}"`, field: `${p}.name` });
    }
    seen.add(c.name);
    if (typeof c.image !== 'string' || c.image.trim() === '') {
      causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${p}.image` });
    } else if (/\s/.test(c.image)) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${c.image}": must not have leading or trailing whitespace`,
        field: `${p}.image`,
      });
    }
  });
}

function semanticCauses(r: ResourceInfo, o: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = o.metadata.name ?? '';
  const nameRe = r.plural === 'namespaces' || r.plural === 'services' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (name === '')
    causes.push({
      reason: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
      field: 'metadata.name',
    });
  else if (!nameRe.test(name) || name.length > 253) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 name must consist of lower case alphanumeric characters, '-' or '.'`,
      field: 'metadata.name',
    });
  }
  if (o.kind === 'Deployment' || o.kind === 'ReplicaSet') {
    const d = o as Deployment;
    const replicas = d.spec?.replicas;
    if (typeof replicas === 'number' && replicas < 0) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
        field: 'spec.replicas',
      });
    }
    const sel = d.spec?.selector;
    if (
      sel !== undefined &&
      Object.keys(sel.matchLabels ?? {}).length === 0 &&
      (sel.matchExpressions ?? []).length === 0
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "null": empty selector is invalid for deployment',
        field: 'spec.selector',
      });
    } else if (
      sel !== undefined &&
      d.spec?.template !== undefined &&
      !matchesLabelSelector(sel, d.spec.template.metadata?.labels)
    ) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: map[string]string(nil): `selector` does not match template `labels`',
        field: 'spec.template.metadata.labels',
      });
    }
    checkContainers(d.spec?.template?.spec, 'spec.template.spec', causes);
  }
  if (o.kind === 'Pod') checkContainers(o.spec as PodSpec | undefined, 'spec', causes);
  return causes;
}

/** Validate an object of a resource; throws 400 for type or (Strict) unknown-field errors, 422 for invalid values. Returns warnings. */
export function validateObject(r: ResourceInfo, o: KubeObject, mode: FieldValidation): string[] {
  const f: Findings = { unknown: [], typeErrors: [], required: [] };
  walk(o, schemaNamed(r.schema), '', f);
  if (f.typeErrors.length > 0) {
    throw badRequest(
      `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${f.typeErrors.join('; ')}`,
    );
  }
  const warnings = f.unknown.map((p) => `unknown field "${p}"`);
  if (mode === 'Strict' && f.unknown.length > 0) {
    throw badRequest(`strict decoding error: ${warnings.join(', ')}`);
  }
  const causes = [...f.required, ...semanticCauses(r, o)];
  if (causes.length > 0) throw invalid(r, o.metadata.name ?? '', causes);
  return mode === 'Warn' ? warnings : [];
}
