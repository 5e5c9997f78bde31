// Server-side apply: field ownership per manager, conflicts (409 unless force), removal of fields a manager
// stopped applying, and a strategic merge of the applied configuration onto the live object.

import { ApiError, badRequest } from '../api/status.js';
import type { ResourceInfo } from '../model/resources.js';
import { groupVersion } from '../model/resources.js';
import type { KubeObject } from '../model/types.js';
import { schemaNamed } from '../schema/openapi.js';
import { nowIso } from '../store/store.js';
import { fieldSetOf, removeAt, SEP, valueAt } from './field-set.js';
import { readOwnership, writeOwnership } from './managed-fields.js';
import { strategicMerge } from './strategic-merge.js';

/** What an apply needs to call back into the resource operations. */
export interface ApplyTarget {
  live: KubeObject | undefined;
  manager: string;
  force: boolean;
}

function pathLabel(p: string): string {
  return p
    .split(SEP)
    .filter((t) => t !== '.')
    .map((t) => (t.startsWith('f:') ? `.${t.slice(2)}` : `[${t.slice(2)}]`))
    .join('');
}

/** Check an apply body and return it as an object. */
export function checkApplyConfig(r: ResourceInfo, name: string, body: unknown): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the apply configuration is not an object');
  const o = body as KubeObject;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
    throw badRequest('invalid object type: apiVersion and kind must be set in an apply configuration');
  }
  if (o.apiVersion !== groupVersion(r) || o.kind !== r.kind) {
    throw badRequest(`the apply configuration is a ${o.apiVersion}/${o.kind}, expected ${groupVersion(r)}/${r.kind}`);
  }
  o.metadata ??= {};
  if (o.metadata.name !== undefined && o.metadata.name !== name) {
    throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
  }
  o.metadata.name = name;
  return o;
}

/**
 * Compute the object an apply produces and the managedFields bookkeeping to run on it.
 * Throws 409 Conflict when another manager owns a field with a different value and `force` is false.
 */
export function planApply(
  r: ResourceInfo,
  config: KubeObject,
  t: ApplyTarget,
): { merged: KubeObject; ownership: (before: KubeObject | undefined, after: KubeObject) => void } {
  const schema = schemaNamed(r.schema);
  const mine = fieldSetOf(config, schema);
  const stamp = (after: KubeObject, others: ReturnType<typeof readOwnership>): void => {
    const entries = others.entries.filter((e) => !(e.manager === t.manager && e.operation === 'Apply'));
    entries.push({ manager: t.manager, operation: 'Apply', subresource: undefined, set: mine, time: nowIso() });
    writeOwnership(after, { entries });
  };
  if (t.live === undefined) {
    return { merged: config, ownership: (_b, after) => stamp(after, { entries: [] }) };
  }
  const live = t.live;
  const own = readOwnership(live);
  const conflicts: { manager: string; path: string }[] = [];
  for (const e of own.entries) {
    if (e.manager === t.manager && e.operation === 'Apply') continue;
    for (const p of mine) {
      if (!e.set.has(p)) continue;
      if (JSON.stringify(valueAt(live, p)) === JSON.stringify(valueAt(config, p))) continue;
      if (t.force) e.set.delete(p);
      else conflicts.push({ manager: e.manager, path: p });
    }
  }
  if (conflicts.length > 0) {
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${groupVersion(r)}`,
      field: pathLabel(c.path),
    }));
    const list = causes.map((c) => `${c.message}: ${c.field}`).join('\n- ');
    throw new ApiError(
      409,
      'Conflict',
      `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${list}`,
      { name: config.metadata.name ?? '', group: r.group, kind: r.plural, causes },
    );
  }
  const previous =
    own.entries.find((e) => e.manager === t.manager && e.operation === 'Apply')?.set ?? new Set<string>();
  const base = structuredClone(live);
  for (const p of previous) {
    if (mine.has(p)) continue;
    if (own.entries.some((e) => !(e.manager === t.manager && e.operation === 'Apply') && e.set.has(p))) continue;
    removeAt(base, p);
  }
  const { resourceVersion: _rv, ...configMeta } = config.metadata;
  const merged = strategicMerge(base, { ...config, metadata: configMeta }, schema) as KubeObject;
  if (config.metadata.resourceVersion !== undefined) merged.metadata.resourceVersion = config.metadata.resourceVersion;
  return { merged, ownership: (_b, after) => stamp(after, own) };
}
