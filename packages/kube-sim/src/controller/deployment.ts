// The Deployment controller: one ReplicaSet per pod-template revision, rolling updates within
// maxSurge/maxUnavailable, revision history, and status conditions like kube-controller-manager's.

import type { Condition, Deployment, PodTemplateSpec, ReplicaSet } from '../model/types.js';
import { nowIso, type ObjectStore } from '../store/store.js';
import type { EventRecorder } from './events.js';
import { canonical, templateHash } from './names.js';
import { groupByOwner } from './replicaset.js';

/** Simulated seconds per controller tick: progressDeadlineSeconds 600 takes 120 ticks (6 s at 50 ms). */
export const SIM_SECONDS_PER_TICK = 5;

const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';

function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
}

/** The template with the pod-template-hash label removed (how templates are compared). */
export function stripHash(t: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(t);
  if (copy.metadata?.labels !== undefined) {
    delete copy.metadata.labels[HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

function resolveIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m === null) return Number(v) || 0;
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

interface Progress {
  generation: number;
  snapshot: string;
  lastProgressTick: number;
}

/** Runs the Deployment controller over the store. */
export class DeploymentController {
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {}

  private scale(d: Deployment, live: ReplicaSet, to: number): ReplicaSet {
    const from = live.spec.replicas ?? 0;
    if (from === to) return live;
    const rs = structuredClone(live);
    rs.spec.replicas = to;
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
    };
    this.store.replace('replicasets', rs);
    const verb = to > from ? 'up' : 'down';
    this.events.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}`,
      'deployment-controller',
    );
    return rs;
  }

  private newReplicaSet(d: Deployment, template: PodTemplateSpec, revision: number): ReplicaSet {
    const ns = d.metadata.namespace ?? 'default';
    let collision = 0;
    let hash = templateHash(template, collision);
    while (this.store.get('replicasets', ns, `${d.metadata.name}-${hash}`) !== undefined) {
      collision += 1;
      hash = templateHash(template, collision);
    }
    const t = structuredClone(template);
    t.metadata = { ...t.metadata, labels: { ...t.metadata?.labels, [HASH]: hash } };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: ns,
        labels: { ...template.metadata?.labels, [HASH]: hash },
        annotations: {
          [REVISION]: String(revision),
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
          'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + 1),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata.name ?? '',
            uid: d.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        generation: 1,
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, [HASH]: hash } },
        template: t,
      },
      status: { replicas: 0 },
    };
    return this.store.insert('replicasets', rs) as ReplicaSet;
  }

  private readonly keys = new Map<string, { rv: string; key: string }>();

  /** The canonical template (hash label removed) of a Deployment or ReplicaSet, cached by resourceVersion. */
  private templateKey(o: Deployment | ReplicaSet): string {
    const uid = o.metadata.uid ?? '';
    const rv = o.metadata.resourceVersion ?? '';
    const hit = this.keys.get(uid);
    if (hit !== undefined && hit.rv === rv) return hit.key;
    const key = canonical(stripHash(o.spec.template));
    this.keys.set(uid, { rv, key });
    return key;
  }

  /** Create/scale ReplicaSets toward each Deployment's desired state. */
  reconcile(): void {
    const byOwner = groupByOwner(this.store, 'replicasets');
    for (const object of [...this.store.scan('deployments')]) {
      const d = object as Deployment;
      if (d.spec.paused === true) continue;
      const owned = (byOwner.get(d.metadata.uid ?? '') ?? []) as ReplicaSet[];
      const key = this.templateKey(d);
      const maxRev = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
      let current = owned.find((rs) => this.templateKey(rs) === key);
      if (current === undefined) current = this.newReplicaSet(d, stripHash(d.spec.template), maxRev + 1);
      else if (revisionOf(current) < maxRev) {
        const bumped = structuredClone(current);
        bumped.metadata.annotations = { ...bumped.metadata.annotations, [REVISION]: String(maxRev + 1) };
        current = this.store.replace('replicasets', bumped) as ReplicaSet;
      }
      const revision = current.metadata.annotations?.[REVISION] ?? '1';
      if (d.metadata.annotations?.[REVISION] !== revision) {
        const annotated = structuredClone(d);
        annotated.metadata.annotations = { ...annotated.metadata.annotations, [REVISION]: revision };
        this.store.replace('deployments', annotated);
      }
      const newName = current.metadata.name;
      const old = owned.filter((rs) => rs.metadata.name !== newName).sort((a, b) => revisionOf(a) - revisionOf(b));
      this.rollout(d, current, old);
      this.cleanup(d, old);
    }
  }

  private rollout(d: Deployment, newRs: ReplicaSet, oldRs: ReplicaSet[]): void {
    let current = newRs;
    const old = [...oldRs];
    const desired = d.spec.replicas ?? 1;
    const oldActive = old.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
    if (oldActive === 0) {
      this.scale(d, current, desired);
      return;
    }
    if (d.spec.strategy?.type === 'Recreate') {
      for (const rs of old) this.scale(d, rs, 0);
      return;
    }
    let maxSurge = resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
    const maxUnavailable = resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', desired, false);
    if (maxSurge === 0 && maxUnavailable === 0) maxSurge = 1;
    const total = oldActive + (current.spec.replicas ?? 0);
    const target = Math.min(desired, (current.spec.replicas ?? 0) + Math.max(0, desired + maxSurge - total));
    if (target > (current.spec.replicas ?? 0)) current = this.scale(d, current, target);
    const minAvailable = desired - maxUnavailable;
    const all = [current, ...old];
    const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    const newUnavailable = (current.spec.replicas ?? 0) - (current.status?.availableReplicas ?? 0);
    let budget = all.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0) - minAvailable - newUnavailable;
    old.forEach((rs, i) => {
      if (budget <= 0) return;
      const unhealthy = Math.max(0, (rs.spec.replicas ?? 0) - (rs.status?.availableReplicas ?? 0));
      const n = Math.min(unhealthy, budget);
      if (n > 0) old[i] = this.scale(d, rs, (rs.spec.replicas ?? 0) - n);
      budget -= n;
    });
    let canDown = Math.min(budget, available - minAvailable);
    for (const rs of old) {
      if (canDown <= 0) break;
      const n = Math.min(rs.spec.replicas ?? 0, canDown);
      if (n > 0) this.scale(d, rs, (rs.spec.replicas ?? 0) - n);
      canDown -= n;
    }
  }

  private cleanup(d: Deployment, old: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = old.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0);
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  /** Recompute every Deployment's status from its ReplicaSets. */
  updateStatus(tick: number): void {
    const byOwner = groupByOwner(this.store, 'replicasets');
    for (const object of [...this.store.scan('deployments')]) {
      const d = object as Deployment;
      const owned = (byOwner.get(d.metadata.uid ?? '') ?? []) as ReplicaSet[];
      const rev = d.metadata.annotations?.[REVISION];
      const current = owned.find((rs) => rs.metadata.annotations?.[REVISION] === rev);
      const sum = (f: (rs: ReplicaSet) => number): number => owned.reduce((n, rs) => n + f(rs), 0);
      const desired = d.spec.replicas ?? 1;
      const replicas = sum((rs) => rs.status?.replicas ?? 0);
      const updated = current?.status?.replicas ?? 0;
      const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
      const available = sum((rs) => rs.status?.availableReplicas ?? 0);
      const unavailable = Math.max(0, sum((rs) => rs.spec.replicas ?? 0) - available);
      const maxUnavailable = resolveIntOrPercent(
        d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
        desired,
        false,
      );
      const status: NonNullable<Deployment['status']> = { observedGeneration: d.metadata.generation ?? 1 };
      if (replicas > 0) status.replicas = replicas;
      if (updated > 0) status.updatedReplicas = updated;
      if (ready > 0) status.readyReplicas = ready;
      if (available > 0) status.availableReplicas = available;
      if (unavailable > 0) status.unavailableReplicas = unavailable;
      const prev = d.status?.conditions ?? [];
      const availableOk =
        d.spec.strategy?.type === 'Recreate' ? available >= desired : available >= desired - maxUnavailable;
      const conds: Condition[] = [
        this.cond(
          prev,
          'Available',
          availableOk,
          availableOk ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          availableOk ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          false,
        ),
      ];
      const rsName = current?.metadata.name ?? '';
      const complete =
        updated === desired &&
        replicas === desired &&
        available === desired &&
        (current?.spec.replicas ?? 0) === desired;
      const snapshot = canonical({
        rsName,
        replicas,
        updated,
        ready,
        available,
        spec: owned.map((rs) => rs.spec.replicas),
      });
      const p = this.progress.get(d.metadata.uid ?? '');
      const progressed = p === undefined || p.snapshot !== snapshot || p.generation !== d.metadata.generation;
      if (progressed)
        this.progress.set(d.metadata.uid ?? '', {
          generation: d.metadata.generation ?? 1,
          snapshot,
          lastProgressTick: tick,
        });
      const since = progressed ? 0 : tick - (p?.lastProgressTick ?? tick);
      const deadline = d.spec.progressDeadlineSeconds ?? 600;
      if (complete)
        conds.push(
          this.cond(
            prev,
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${rsName}" has successfully progressed.`,
            progressed,
          ),
        );
      else if (since * SIM_SECONDS_PER_TICK > deadline)
        conds.push(
          this.cond(
            prev,
            'Progressing',
            false,
            'ProgressDeadlineExceeded',
            `ReplicaSet "${rsName}" has timed out progressing.`,
            false,
          ),
        );
      else
        conds.push(
          this.cond(
            prev,
            'Progressing',
            true,
            'ReplicaSetUpdated',
            `ReplicaSet "${rsName}" is progressing.`,
            progressed,
          ),
        );
      status.conditions = conds;
      if (canonical(status) !== canonical(d.status)) {
        const next = structuredClone(d);
        next.status = status;
        this.store.replace('deployments', next);
      }
    }
  }

  /** Whether a Deployment's rollout is still in progress (not complete and not past its deadline). */
  static inProgress(d: Deployment): boolean {
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) return true;
    const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
    return p === undefined || p.reason === 'ReplicaSetUpdated' || p.reason === 'NewReplicaSetCreated';
  }

  private cond(
    prev: Condition[],
    type: string,
    ok: boolean,
    reason: string,
    message: string,
    touched: boolean,
  ): Condition {
    const old = prev.find((c) => c.type === type);
    const status = ok ? 'True' : 'False';
    const now = nowIso();
    const sameStatus = old?.status === status;
    const sameAll = sameStatus && old?.reason === reason && old?.message === message;
    return {
      type,
      status,
      lastUpdateTime: sameAll && !touched ? (old?.lastUpdateTime ?? now) : now,
      lastTransitionTime: sameStatus ? (old?.lastTransitionTime ?? now) : now,
      reason,
      message,
    };
  }
}
