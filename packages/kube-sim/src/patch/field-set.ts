// Field sets as server-side apply tracks them: leaf paths like f:spec/f:template/.../k:{"name":"app"}/f:image.

import type { JsonObject } from '../model/types.js';
import { childSchema, itemSchema, listMergeKey, type Schema } from '../schema/openapi.js';

/** A set of field paths; each path is its tokens joined by SEP. */
export type FieldSet = Set<string>;

/** Separator between path tokens. */
export const SEP = '\u0001';

const SKIP_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'managedFields',
  'deletionTimestamp',
  'selfLink',
]);

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function collect(v: unknown, s: Schema | undefined, prefix: string[], out: FieldSet, top: boolean): void {
  if (isObj(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (top && (k === 'apiVersion' || k === 'kind' || k === 'status')) continue;
      if (prefix.length === 1 && prefix[0] === 'f:metadata' && SKIP_META.has(k)) continue;
      const path = [...prefix, `f:${k}`];
      if (isObj(child) && Object.keys(child).length > 0) collect(child, childSchema(s, k), path, out, false);
      else if (Array.isArray(child)) collectList(child, childSchema(s, k), path, out);
      else out.add(path.join(SEP));
    }
    return;
  }
  out.add(prefix.join(SEP));
}

function collectList(list: unknown[], s: Schema | undefined, prefix: string[], out: FieldSet): void {
  const key = listMergeKey(s);
  if (key === undefined || !list.every((i) => isObj(i) && i[key] !== undefined)) {
    out.add(prefix.join(SEP));
    return;
  }
  for (const item of list) {
    if (!isObj(item)) continue;
    const itemPath = [...prefix, `k:${JSON.stringify({ [key]: item[key] })}`];
    out.add([...itemPath, '.'].join(SEP));
    collect(item, itemSchema(s), itemPath, out, false);
  }
}

/** The field set of an object (apiVersion, kind, status and server-owned metadata excluded). */
export function fieldSetOf(o: unknown, s: Schema | undefined): FieldSet {
  const out: FieldSet = new Set();
  collect(o, s, [], out, true);
  return out;
}

/** Render a field set as the nested `fieldsV1` object. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: JsonObject = {};
  for (const path of [...set].sort()) {
    let cur = root;
    for (const tok of path.split(SEP)) {
      const next = cur[tok];
      if (next !== undefined && next !== null && typeof next === 'object' && !Array.isArray(next)) cur = next;
      else {
        const created: JsonObject = {};
        cur[tok] = created;
        cur = created;
      }
    }
  }
  return root;
}

/** Parse a nested `fieldsV1` object back into a field set. */
export function fromFieldsV1(tree: JsonObject): FieldSet {
  const out: FieldSet = new Set();
  const visit = (node: JsonObject, prefix: string[]): void => {
    const keys = Object.keys(node);
    if (keys.length === 0 && prefix.length > 0) out.add(prefix.join(SEP));
    for (const k of keys) {
      const child = node[k];
      visit(isObj(child) ? (child as JsonObject) : {}, [...prefix, k]);
    }
  };
  visit(tree, []);
  return out;
}

/** Read the value at a field path, or undefined. */
export function valueAt(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const tok of path.split(SEP)) {
    if (tok === '.') return cur;
    if (tok.startsWith('f:')) cur = isObj(cur) ? cur[tok.slice(2)] : undefined;
    else if (tok.startsWith('k:')) {
      const keys = JSON.parse(tok.slice(2)) as Record<string, unknown>;
      cur = Array.isArray(cur)
        ? cur.find((i) => isObj(i) && Object.entries(keys).every(([k, v]) => i[k] === v))
        : undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Remove the field at a path from an object in place (a `.` path removes the whole list item). */
export function removeAt(o: unknown, path: string): void {
  const toks = path.split(SEP);
  let cur: unknown = o;
  for (let i = 0; i < toks.length; i += 1) {
    const tok = toks[i] ?? '';
    const last = i === toks.length - 1;
    const itemRemoval = toks[i + 1] === '.';
    if (tok.startsWith('f:')) {
      if (!isObj(cur)) return;
      if (last) {
        delete cur[tok.slice(2)];
        return;
      }
      cur = cur[tok.slice(2)];
    } else if (tok.startsWith('k:')) {
      if (!Array.isArray(cur)) return;
      const keys = JSON.parse(tok.slice(2)) as Record<string, unknown>;
      const idx = cur.findIndex((it) => isObj(it) && Object.entries(keys).every(([k, v]) => it[k] === v));
      if (idx < 0) return;
      if (itemRemoval) {
        cur.splice(idx, 1);
        return;
      }
      cur = cur[idx];
    }
  }
}
