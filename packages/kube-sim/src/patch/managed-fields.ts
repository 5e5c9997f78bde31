// metadata.managedFields bookkeeping for Update operations (create, replace, patch) and Apply.

import type { KubeObject, ManagedFieldsEntry } from '../model/types.js';
import type { Schema } from '../schema/openapi.js';
import { nowIso } from '../store/store.js';
import { type FieldSet, fieldSetOf, fromFieldsV1, toFieldsV1, valueAt } from './field-set.js';

/** Field sets per manager entry, decoded from an object's managedFields. */
export interface Ownership {
  entries: {
    manager: string;
    operation: 'Apply' | 'Update';
    subresource: string | undefined;
    set: FieldSet;
    time: string;
  }[];
}

/** Decode an object's managedFields. */
export function readOwnership(o: KubeObject): Ownership {
  return {
    entries: (o.metadata.managedFields ?? []).map((e) => ({
      manager: e.manager,
      operation: e.operation,
      subresource: e.subresource,
      set: fromFieldsV1(e.fieldsV1),
      time: e.time,
    })),
  };
}

/** Encode ownership back into the object's managedFields. */
export function writeOwnership(o: KubeObject, own: Ownership): void {
  const entries: ManagedFieldsEntry[] = [];
  for (const e of own.entries) {
    if (e.set.size === 0) continue;
    const entry: ManagedFieldsEntry = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: o.apiVersion,
      time: e.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(e.set),
    };
    if (e.subresource !== undefined) entry.subresource = e.subresource;
    entries.push(entry);
  }
  if (entries.length > 0) o.metadata.managedFields = entries;
  else delete o.metadata.managedFields;
}

/** Paths whose values differ between two objects (added or changed in `after`). */
export function changedPaths(before: KubeObject | undefined, after: KubeObject, schema: Schema | undefined): FieldSet {
  const afterSet = fieldSetOf(after, schema);
  if (before === undefined) return afterSet;
  const out: FieldSet = new Set();
  for (const p of afterSet) {
    if (JSON.stringify(valueAt(before, p)) !== JSON.stringify(valueAt(after, p))) out.add(p);
  }
  return out;
}

/** Record an Update by `manager`: it takes ownership of the changed fields; other managers lose them. */
export function recordUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  schema: Schema | undefined,
  subresource?: string,
): void {
  const own = readOwnership(after);
  const changed = changedPaths(before, after, schema);
  const afterSet = fieldSetOf(after, schema);
  for (const e of own.entries) {
    for (const p of [...e.set]) {
      // Fields the update removed or took over no longer belong to their old manager.
      if (changed.has(p) || !afterSet.has(p)) e.set.delete(p);
    }
  }
  if (changed.size > 0) {
    let mine = own.entries.find(
      (e) => e.manager === manager && e.operation === 'Update' && e.subresource === subresource,
    );
    if (mine === undefined) {
      mine = { manager, operation: 'Update', subresource, set: new Set(), time: nowIso() };
      own.entries.push(mine);
    }
    for (const p of changed) mine.set.add(p);
    mine.time = nowIso();
  }
  writeOwnership(after, own);
}
