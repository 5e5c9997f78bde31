// The object store: objects by resource/namespace/name, a global resourceVersion, and a change log for watches.

import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../model/types.js';

/** A change as a watch reports it. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  object: KubeObject;
  resourceVersion: number;
}

/** Called for every change. */
export type ChangeListener = (change: StoreChange) => void;

const CHANGE_LOG_LIMIT = 20_000;

/** Stable key of an object within a resource. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}

/** In-memory storage with resourceVersion bookkeeping. Objects handed out are deep copies. */
export class ObjectStore {
  private readonly byResource = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly log: StoreChange[] = [];
  private rv = 1;
  /** Continue tokens and watches older than this revision are expired. */
  compactedRevision = 0;

  /** The current resourceVersion. */
  get revision(): number {
    return this.rv;
  }

  /** The oldest revision a watch can resume from. */
  get oldestWatchable(): number {
    const first = this.log[0];
    return Math.max(this.compactedRevision, first === undefined ? this.rv : first.resourceVersion - 1);
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let b = this.byResource.get(resource);
    if (b === undefined) {
      b = new Map();
      this.byResource.set(resource, b);
    }
    return b;
  }

  /** A copy of one object, or undefined. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.bucket(resource).get(objectKey(namespace, name));
    return o === undefined ? undefined : structuredClone(o);
  }

  /** Copies of the objects of a resource (optionally one namespace), sorted by key. */
  list(resource: string, namespace?: string): { key: string; object: KubeObject }[] {
    const out: { key: string; object: KubeObject }[] = [];
    for (const [key, o] of this.bucket(resource)) {
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      out.push({ key, object: structuredClone(o) });
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  /** The live objects of a resource, unsorted and NOT copied: callers must not mutate them (controller hot path). */
  scan(resource: string): Iterable<KubeObject> {
    return this.bucket(resource).values();
  }

  /** Count of objects of one resource. */
  count(resource: string): number {
    return this.bucket(resource).size;
  }

  /** Insert a new object; fills uid, resourceVersion and creationTimestamp. Returns the stored copy. */
  insert(resource: string, object: KubeObject): KubeObject {
    const o = structuredClone(object);
    o.metadata.uid ??= randomUUID();
    o.metadata.creationTimestamp ??= nowIso();
    return this.write(resource, o, 'ADDED');
  }

  /** Replace an existing object (no concurrency check here). Returns the stored copy. */
  replace(resource: string, object: KubeObject): KubeObject {
    return this.write(resource, structuredClone(object), 'MODIFIED');
  }

  /** Remove an object; returns the removed copy. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const b = this.bucket(resource);
    const live = b.get(key);
    if (live === undefined) return undefined;
    b.delete(key);
    const o = structuredClone(live);
    this.rv += 1;
    o.metadata.resourceVersion = String(this.rv);
    this.emit({ type: 'DELETED', resource, object: o, resourceVersion: this.rv });
    return structuredClone(o);
  }

  private write(resource: string, o: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    this.rv += 1;
    o.metadata.resourceVersion = String(this.rv);
    const name = o.metadata.name ?? '';
    this.bucket(resource).set(objectKey(o.metadata.namespace, name), o);
    this.emit({ type, resource, object: o, resourceVersion: this.rv });
    return structuredClone(o);
  }

  private emit(change: StoreChange): void {
    this.log.push(change);
    if (this.log.length > CHANGE_LOG_LIMIT) this.log.splice(0, this.log.length - CHANGE_LOG_LIMIT);
    for (const l of this.listeners) l(change);
  }

  /** Changes after a revision (for watch resumption). */
  changesSince(resource: string, revision: number): StoreChange[] {
    return this.log.filter((c) => c.resource === resource && c.resourceVersion > revision);
  }

  /** Subscribe to changes; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** Current time as the API formats it (seconds precision). */
export function nowIso(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

/** Current time with microseconds, as `eventTime` uses. */
export function nowMicroIso(): string {
  return `${new Date().toISOString().slice(0, 23)}000Z`;
}
