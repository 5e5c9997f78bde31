// The resource operations behind the REST verbs: create, update, patch, delete, with dry run, validation,
// defaulting, generation and managedFields.

import { randomBytes, randomUUID } from 'node:crypto';
import { groupVersion, RESOURCES, type ResourceInfo } from '../model/resources.js';
import type { KubeObject } from '../model/types.js';
import { recordUpdate } from '../patch/managed-fields.js';
import { schemaNamed } from '../schema/openapi.js';
import { type FieldValidation, validateObject } from '../schema/validate.js';
import { nowIso, type ObjectStore } from '../store/store.js';
import { applyDefaults } from './defaults.js';
import { ApiError, alreadyExists, badRequest, conflict, notFound } from './status.js';

/** Options shared by the write verbs. */
export interface WriteOptions {
  dryRun: boolean;
  fieldManager: string;
  fieldValidation: FieldValidation;
  force: boolean;
  subresource?: string;
  /** Replaces the default Update bookkeeping of managedFields (server-side apply sets its own). */
  ownership?: (before: KubeObject | undefined, after: KubeObject) => void;
}

/** The result of a write: the object and any warnings for the Warning header. */
export interface WriteResult {
  object: KubeObject;
  warnings: string[];
  created: boolean;
}

const NAMES = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(n: number): string {
  return [...randomBytes(n)].map((b) => NAMES[b % NAMES.length]).join('');
}

function hasSpecGeneration(r: ResourceInfo): boolean {
  return r.plural === 'deployments' || r.plural === 'replicasets' || r.plural === 'pods' || r.plural === 'services';
}

function asObject(r: ResourceInfo, body: unknown): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the body of the request was not a JSON object');
  const o = body as KubeObject;
  if (o.kind !== undefined && o.kind !== r.kind) {
    throw badRequest(
      `the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${groupVersion(r)}) or kind ${String(o.kind)} is not ${r.kind}`,
    );
  }
  if (o.apiVersion !== undefined && o.apiVersion !== groupVersion(r)) {
    throw badRequest(
      `the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${groupVersion(r)})`,
    );
  }
  o.kind = r.kind;
  o.apiVersion = groupVersion(r);
  if (o.metadata === null || typeof o.metadata !== 'object') o.metadata = {};
  return o;
}

/** The operations over one store. */
export class ResourceOperations {
  constructor(private readonly store: ObjectStore) {}

  /** Read one object or throw 404. */
  get(r: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
    const o = this.store.get(r.plural, r.namespaced ? namespace : undefined, name);
    if (o === undefined) throw notFound(r, name);
    return o;
  }

  private checkNamespace(r: ResourceInfo, namespace: string | undefined): void {
    if (!r.namespaced || namespace === undefined) return;
    if (this.store.get('namespaces', undefined, namespace) === undefined) {
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
        name: namespace,
        kind: 'namespaces',
      });
    }
  }

  private prepare(r: ResourceInfo, o: KubeObject, opts: WriteOptions): string[] {
    applyDefaults(o);
    return validateObject(r, o, opts.fieldValidation);
  }

  /** Create an object. */
  create(r: ResourceInfo, namespace: string | undefined, body: unknown, opts: WriteOptions): WriteResult {
    const o = asObject(r, structuredClone(body));
    if (r.namespaced) {
      if (o.metadata.namespace !== undefined && namespace !== undefined && o.metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      o.metadata.namespace = namespace ?? o.metadata.namespace ?? 'default';
    } else delete o.metadata.namespace;
    if ((o.metadata.name ?? '') === '' && o.metadata.generateName !== undefined) {
      o.metadata.name = `${o.metadata.generateName}${randomSuffix(5)}`;
    }
    this.checkNamespace(r, o.metadata.namespace);
    for (const k of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'generation',
      'managedFields',
      'deletionTimestamp',
    ] as const) {
      delete o.metadata[k];
    }
    if (r.plural === 'deployments' || r.plural === 'replicasets') delete o.status;
    if (r.plural === 'pods') o.status = { phase: 'Pending', qosClass: 'BestEffort' };
    const warnings = this.prepare(r, o, opts);
    const name = o.metadata.name ?? '';
    if (this.store.get(r.plural, o.metadata.namespace, name) !== undefined) throw alreadyExists(r, name);
    if (hasSpecGeneration(r)) o.metadata.generation = 1;
    if (opts.ownership !== undefined) opts.ownership(undefined, o);
    else recordUpdate(undefined, o, opts.fieldManager, schemaNamed(r.schema));
    if (opts.dryRun) {
      o.metadata.uid = randomUUID();
      o.metadata.creationTimestamp = nowIso();
      return { object: o, warnings, created: true };
    }
    return { object: this.store.insert(r.plural, o), warnings, created: true };
  }

  /**
   * Replace an object with `next` (already merged for patches). Enforces resourceVersion preconditions,
   * keeps status (main resource) or everything but status (status subresource), bumps generation.
   */
  update(r: ResourceInfo, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions): WriteResult {
    const existing = this.get(r, namespace, name);
    const o = asObject(r, structuredClone(body));
    if (o.metadata.name !== undefined && o.metadata.name !== name) {
      throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
    }
    const rv = o.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== existing.metadata.resourceVersion) throw conflict(r, name);
    const next: KubeObject =
      opts.subresource === 'status'
        ? { ...existing, status: o.status }
        : { ...o, ...(existing.status === undefined || r.plural === 'namespaces' ? {} : { status: existing.status }) };
    next.metadata = {
      ...(opts.subresource === 'status' ? existing.metadata : o.metadata),
      name,
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
      resourceVersion: existing.metadata.resourceVersion,
    } as KubeObject['metadata'];
    if (r.namespaced && existing.metadata.namespace !== undefined)
      next.metadata.namespace = existing.metadata.namespace;
    if (existing.metadata.managedFields !== undefined && next.metadata.managedFields === undefined) {
      next.metadata.managedFields = existing.metadata.managedFields;
    }
    const warnings = this.prepare(r, next, opts);
    if (hasSpecGeneration(r)) {
      const gen = existing.metadata.generation ?? 1;
      next.metadata.generation = JSON.stringify(existing.spec) === JSON.stringify(next.spec) ? gen : gen + 1;
    }
    if (opts.ownership !== undefined) opts.ownership(existing, next);
    else recordUpdate(existing, next, opts.fieldManager, schemaNamed(r.schema), opts.subresource);
    if (opts.dryRun) return { object: next, warnings, created: false };
    if (JSON.stringify(next) === JSON.stringify(existing)) return { object: existing, warnings, created: false };
    return { object: this.store.replace(r.plural, next), warnings, created: false };
  }

  /** Delete an object (cascading to owned objects and namespace contents). */
  delete(r: ResourceInfo, namespace: string | undefined, name: string, dryRun: boolean): KubeObject {
    const existing = this.get(r, namespace, name);
    if (dryRun) return existing;
    if (r.plural === 'namespaces') {
      for (const res of RESOURCES) {
        if (!res.namespaced) continue;
        for (const { object } of this.store.list(res.plural, name))
          this.store.remove(res.plural, name, object.metadata.name ?? '');
      }
    }
    const removed = this.store.remove(r.plural, r.namespaced ? namespace : undefined, name) ?? existing;
    this.collectGarbage(removed.metadata.uid ?? '', namespace);
    return removed;
  }

  /** Delete the dependents of a removed owner (background cascading deletion). */
  private collectGarbage(ownerUid: string, namespace: string | undefined): void {
    for (const plural of ['replicasets', 'pods']) {
      for (const { object } of this.store.list(plural, namespace)) {
        if ((object.metadata.ownerReferences ?? []).some((ref) => ref.uid === ownerUid)) {
          const gone = this.store.remove(plural, namespace, object.metadata.name ?? '');
          if (gone !== undefined) this.collectGarbage(gone.metadata.uid ?? '', namespace);
        }
      }
    }
  }
}
