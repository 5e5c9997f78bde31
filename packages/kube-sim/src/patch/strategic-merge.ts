// Strategic merge patch: like a merge patch, but lists with a patch merge key (containers, env, ports) merge by key.

import { childSchema, isSetList, itemSchema, listMergeKey, type Schema } from '../schema/openapi.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeList(base: unknown, patch: unknown[], schema: Schema | undefined): unknown[] {
  const key = listMergeKey(schema);
  const items = itemSchema(schema);
  const current = Array.isArray(base) ? [...base] : [];
  if (key === undefined) {
    if (isSetList(schema) && patch.every((p) => !isObj(p))) {
      for (const p of patch) if (!current.includes(p)) current.push(p);
      return current;
    }
    return patch.filter((p) => !(isObj(p) && p.$patch !== undefined)).map((p) => structuredClone(p));
  }
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map((p) => structuredClone(p));
  }
  for (const p of patch) {
    if (!isObj(p)) continue;
    const idx = current.findIndex((c) => isObj(c) && c[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) current.splice(idx, 1);
      continue;
    }
    if (idx >= 0) current[idx] = strategicMerge(current[idx], p, items);
    else current.push(strategicMerge({}, p, items));
  }
  return current;
}

/** Apply a strategic merge patch, using the OpenAPI schema for merge keys and strategies. */
export function strategicMerge(target: unknown, patch: unknown, schema: Schema | undefined): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const base: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (
      k.startsWith('$setElementOrder/') ||
      k.startsWith('$deleteFromPrimitiveList/') ||
      k === '$retainKeys' ||
      k === '$patch'
    ) {
      if (k.startsWith('$deleteFromPrimitiveList/') && Array.isArray(v)) {
        const field = k.slice('$deleteFromPrimitiveList/'.length);
        const cur = base[field];
        if (Array.isArray(cur)) base[field] = cur.filter((x) => !v.includes(x));
      }
      continue;
    }
    const child = childSchema(schema, k);
    if (v === null) delete base[k];
    else if (Array.isArray(v)) base[k] = mergeList(base[k], v, child);
    else if (isObj(v)) {
      const merged = strategicMerge(base[k], v, child);
      if (merged === undefined) delete base[k];
      else base[k] = merged;
    } else base[k] = v;
  }
  return base;
}
