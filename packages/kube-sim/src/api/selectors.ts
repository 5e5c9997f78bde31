// Label selectors (=, ==, !=, in, notin, exists, !exists) and field selectors, parsed from query strings.

import type { KubeObject, LabelSelector } from '../model/types.js';
import { badRequest } from './status.js';

/** A predicate over objects. */
export type ObjectPredicate = (o: KubeObject) => boolean;

type Requirement = (labels: Record<string, string>) => boolean;

/** Split on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

function parseRequirement(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch !== null) {
    const [, key = '', op, raw = ''] = setMatch;
    const values = raw
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return op === 'in'
      ? (l) => l[key] !== undefined && values.includes(l[key] ?? '')
      : (l) => l[key] === undefined || !values.includes(l[key] ?? '');
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (eq !== null) {
    const [, key = '', op, value = ''] = eq;
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (/^!\S+$/.test(term)) {
    const key = term.slice(1);
    return (l) => l[key] === undefined;
  }
  if (/^[A-Za-z0-9./_-]+$/.test(term)) return (l) => l[term] !== undefined;
  throw badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
}

/** Parse a `labelSelector` query value. */
export function parseLabelSelector(s: string): ObjectPredicate {
  const reqs = splitTerms(s).map(parseRequirement);
  return (o) => {
    const labels = o.metadata.labels ?? {};
    return reqs.every((r) => r(labels));
  };
}

/** Whether labels match a metav1.LabelSelector (an empty selector matches everything). */
export function matchesLabelSelector(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = l[e.key] !== undefined;
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(l[e.key] ?? ''))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(l[e.key] ?? '')) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Render a LabelSelector as a query string (for the scale subresource's status.selector). */
export function labelSelectorString(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    if (e.operator === 'Exists') parts.push(e.key);
    if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

function fieldValue(o: KubeObject, path: string): string | undefined {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return undefined;
}

const FIELDS: Record<string, readonly string[]> = {
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  pods: [
    'status.phase',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.podIP',
  ],
  namespaces: ['status.phase'],
  secrets: ['type'],
  replicasets: ['status.replicas'],
  nodes: ['spec.unschedulable'],
};

/** Parse a `fieldSelector` query value for a resource. */
export function parseFieldSelector(resource: string, s: string): ObjectPredicate {
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(FIELDS[resource] ?? [])]);
  const reqs: ObjectPredicate[] = splitTerms(s).map((term) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (m === null) throw badRequest(`invalid selector: '${s}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = m;
    if (!allowed.has(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    const read = (o: KubeObject): string =>
      field === 'source'
        ? ((o.source as { component?: string } | undefined)?.component ?? '')
        : (fieldValue(o, field) ?? '');
    return op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value;
  });
  return (o) => reqs.every((r) => r(o));
}
