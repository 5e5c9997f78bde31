// The ReplicaSet controller: keeps each ReplicaSet's pod count at spec.replicas and reports its status.

import type { KubeObject, Pod, ReplicaSet } from '../model/types.js';
import { nowIso, type ObjectStore } from '../store/store.js';
import type { EventRecorder } from './events.js';
import { canonical, podSuffix } from './names.js';

/** Objects of a resource grouped by the uid of their controller owner. */
export function groupByOwner(store: ObjectStore, plural: string): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const object of store.scan(plural)) {
    const owner = (object.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (owner === undefined) continue;
    const list = out.get(owner.uid) ?? [];
    list.push(object);
    out.set(owner.uid, list);
  }
  return out;
}

/** Whether a pod reports Ready=True. */
export function podReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function deletionRank(p: Pod): number {
  if (p.spec.nodeName === undefined) return 0;
  if (p.status?.phase === 'Pending') return 1;
  return podReady(p) ? 3 : 2;
}

/** Runs the ReplicaSet controller over the store. */
export class ReplicaSetController {
  private counter = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {}

  /** Create or delete pods so every ReplicaSet has the pods it wants. */
  reconcilePods(): void {
    const byOwner = groupByOwner(this.store, 'pods');
    for (const object of [...this.store.scan('replicasets')]) {
      const rs = object as ReplicaSet;
      const pods = (byOwner.get(rs.metadata.uid ?? '') ?? []) as Pod[];
      const want = rs.spec.replicas ?? 1;
      for (let i = pods.length; i < want; i += 1) this.createPod(rs);
      if (pods.length > want) {
        const doomed = [...pods]
          .sort(
            (a, b) =>
              deletionRank(a) - deletionRank(b) ||
              (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
          )
          .slice(0, pods.length - want);
        for (const p of doomed) {
          this.store.remove('pods', p.metadata.namespace, p.metadata.name ?? '');
          this.events.record(
            rs,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${p.metadata.name}`,
            'replicaset-controller',
          );
        }
      }
    }
  }

  private createPod(rs: ReplicaSet): void {
    const ns = rs.metadata.namespace ?? 'default';
    let name = '';
    do {
      this.counter += 1;
      name = `${rs.metadata.name}-${podSuffix(`${rs.metadata.uid}/${this.counter}`)}`;
    } while (this.store.get('pods', ns, name) !== undefined);
    const t = structuredClone(rs.spec.template);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(t.metadata ?? {}),
        name,
        generateName: `${rs.metadata.name}-`,
        namespace: ns,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name ?? '',
            uid: rs.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: t.spec,
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
    pod.metadata.creationTimestamp = nowIso();
    this.store.insert('pods', pod);
    this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, 'replicaset-controller');
  }

  /** Refresh every ReplicaSet's status from its pods. */
  updateStatus(): void {
    const byOwner = groupByOwner(this.store, 'pods');
    for (const object of [...this.store.scan('replicasets')]) {
      const live = object as ReplicaSet;
      const pods = (byOwner.get(live.metadata.uid ?? '') ?? []) as Pod[];
      const ready = pods.filter(podReady).length;
      const status = {
        replicas: pods.length,
        fullyLabeledReplicas: pods.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: live.metadata.generation ?? 1,
      };
      if (canonical(status) !== canonical(live.status)) {
        const rs = structuredClone(live);
        rs.status = status;
        this.store.replace('replicasets', rs);
      }
    }
  }
}
