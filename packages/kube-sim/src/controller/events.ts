// Records core/v1 Events the way the kubelet, scheduler and controllers do (deduplicated with counts).

import { randomBytes } from 'node:crypto';
import type { KubeEvent, KubeObject } from '../model/types.js';
import { nowIso, nowMicroIso, type ObjectStore } from '../store/store.js';

/** Who reports an event. */
export type Reporter = 'kubelet' | 'default-scheduler' | 'deployment-controller' | 'replicaset-controller';

/** Writes events into the store. */
export class EventRecorder {
  private readonly index = new Map<string, string>();

  constructor(private readonly store: ObjectStore) {}

  /** Record (or bump the count of) an event about an object. */
  record(
    about: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    reporter: Reporter,
    opts: { fieldPath?: string; host?: string } = {},
  ): void {
    const ns = about.metadata.namespace ?? 'default';
    const uid = about.metadata.uid ?? '';
    const key = `${uid}|${reason}|${message}`;
    const known = this.index.get(key);
    const existing = known === undefined ? undefined : (this.store.get('events', ns, known) as KubeEvent | undefined);
    if (reporter === 'default-scheduler') {
      if (existing !== undefined) return;
      const ev = this.build(about, type, reason, message, reporter, opts, true);
      this.index.set(key, ev.metadata.name ?? '');
      this.store.insert('events', ev);
      return;
    }
    if (existing !== undefined) {
      existing.count = (existing.count ?? 1) + 1;
      existing.lastTimestamp = nowIso();
      this.store.replace('events', existing);
      return;
    }
    const ev = this.build(about, type, reason, message, reporter, opts, false);
    this.index.set(key, ev.metadata.name ?? '');
    this.store.insert('events', ev);
  }

  private build(
    about: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    reporter: Reporter,
    opts: { fieldPath?: string; host?: string },
    scheduler: boolean,
  ): KubeEvent {
    const name = about.metadata.name ?? '';
    const involved: KubeEvent['involvedObject'] = {
      kind: about.kind,
      namespace: about.metadata.namespace ?? 'default',
      name,
      uid: about.metadata.uid ?? '',
      apiVersion: about.apiVersion,
      resourceVersion: about.metadata.resourceVersion ?? '',
    };
    if (opts.fieldPath !== undefined) involved.fieldPath = opts.fieldPath;
    const now = nowIso();
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.${randomBytes(8).toString('hex')}`, namespace: about.metadata.namespace ?? 'default' },
      involvedObject: involved,
      reason,
      message,
      type,
      firstTimestamp: scheduler ? null : now,
      lastTimestamp: scheduler ? null : now,
      eventTime: scheduler ? nowMicroIso() : null,
      source: scheduler ? {} : { component: reporter, ...(opts.host === undefined ? {} : { host: opts.host }) },
      reportingComponent: scheduler ? 'default-scheduler' : reporter === 'kubelet' ? 'kubelet' : reporter,
      reportingInstance: scheduler ? 'default-scheduler-kube-sim' : (opts.host ?? ''),
    };
    if (scheduler) ev.action = 'Scheduling';
    else ev.count = 1;
    return ev;
  }
}
