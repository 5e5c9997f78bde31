// The scheduler and kubelet: places pods on nodes and drives container states from the pod's behaviour,
// one deterministic step per tick.

import { createHash } from 'node:crypto';
import type { Condition, Container, ContainerState, ContainerStatus, Pod } from '../model/types.js';
import { nowIso, type ObjectStore } from '../store/store.js';
import { type ContainerBehaviour, containerBehaviour, type RefLookup, unschedulableReason } from './behaviour.js';
import type { EventRecorder } from './events.js';
import { canonical, fnv32 } from './names.js';

/** Restarts stop growing here (the real kubelet caps its back-off at 5 minutes instead). */
export const RESTART_CAP = 30;
/** Ticks between two restarts of a crash-looping container. */
export const TICKS_PER_RESTART = 2;

/** The simulated nodes. */
export const NODE_NAMES = ['kube-sim-node-1', 'kube-sim-node-2', 'kube-sim-node-3'] as const;

interface PodRecord {
  born: number;
  times: Map<string, string>;
  /** Healthy and ready: nothing changes any more, so later ticks skip the pod. */
  stable: boolean;
}

function hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function qosClass(containers: Container[]): string {
  const all = containers.map((c) => c.resources ?? {});
  if (all.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0))
    return 'BestEffort';
  const guaranteed = all.every(
    (r) =>
      r.limits?.cpu !== undefined &&
      r.limits.memory !== undefined &&
      (r.requests === undefined || canonical(r.requests) === canonical(r.limits)),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Simulates scheduling and the kubelet for every pod in the store. */
export class Kubelet {
  private readonly records = new Map<string, PodRecord>();

  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
    private readonly lookup: (namespace: string) => RefLookup,
  ) {}

  /** When a pod's container started, as reported in its status (stable across ticks). */
  private at(rec: PodRecord, key: string): string {
    let t = rec.times.get(key);
    if (t === undefined) {
      t = nowIso();
      rec.times.set(key, t);
    }
    return t;
  }

  /** Advance every pod one step. */
  step(tick: number): void {
    const live = new Set<string>();
    for (const object of [...this.store.scan('pods')]) {
      const uid = object.metadata.uid ?? '';
      live.add(uid);
      let rec = this.records.get(uid);
      if (rec === undefined) {
        rec = { born: tick, times: new Map(), stable: false };
        this.records.set(uid, rec);
      }
      if (rec.stable) continue;
      const pod = structuredClone(object) as Pod;
      const before = canonical(pod);
      this.stepPod(pod, tick - rec.born, rec);
      if (canonical(pod) !== before) this.store.replace('pods', pod);
      rec.stable =
        tick - rec.born > 4 &&
        (pod.status?.containerStatuses ?? []).length > 0 &&
        (pod.status?.containerStatuses ?? []).every((c) => c.ready);
    }
    for (const uid of this.records.keys()) if (!live.has(uid)) this.records.delete(uid);
  }

  private condition(rec: PodRecord, type: string, status: boolean, reason?: string, message?: string): Condition {
    const c: Condition = {
      type,
      status: status ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: this.at(rec, `cond:${type}:${status}`),
    };
    if (reason !== undefined) c.reason = reason;
    if (message !== undefined) c.message = message;
    return c;
  }

  private stepPod(pod: Pod, age: number, rec: PodRecord): void {
    const status = pod.status ?? {};
    pod.status = status;
    status.qosClass = qosClass(pod.spec.containers);
    if (age < 1) {
      status.phase = 'Pending';
      return;
    }
    if (pod.spec.nodeName === undefined) {
      const reason = unschedulableReason(pod.spec);
      if (reason !== undefined) {
        status.phase = 'Pending';
        status.conditions = [this.condition(rec, 'PodScheduled', false, 'Unschedulable', reason)];
        this.events.record(pod, 'Warning', 'FailedScheduling', reason, 'default-scheduler');
        return;
      }
      const node = NODE_NAMES[fnv32(pod.metadata.name ?? '') % NODE_NAMES.length] ?? 'kube-sim-node-1';
      pod.spec.nodeName = node;
      this.events.record(
        pod,
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
        'default-scheduler',
      );
    }
    const node = pod.spec.nodeName;
    const nodeIndex = Number(node.slice(-1)) || 1;
    status.hostIP = `10.0.0.${10 + nodeIndex}`;
    status.podIP = `10.244.${nodeIndex}.${(fnv32(pod.metadata.uid ?? '') % 250) + 2}`;
    status.startTime = this.at(rec, 'start');
    const statuses = pod.spec.containers.map((c) => this.containerStatus(pod, c, age, rec, node));
    status.containerStatuses = statuses;
    const started = statuses.some((s) => s.started === true || s.lastState.terminated !== undefined);
    const allReady = statuses.every((s) => s.ready);
    status.phase = started ? 'Running' : 'Pending';
    const notReadyMsg = `containers with unready status: [${statuses
      .filter((s) => !s.ready)
      .map((s) => s.name)
      .join(' ')}]`;
    status.conditions = [
      this.condition(rec, 'PodReadyToStartContainers', age >= 2),
      this.condition(rec, 'Initialized', true),
      allReady
        ? this.condition(rec, 'Ready', true)
        : this.condition(rec, 'Ready', false, 'ContainersNotReady', notReadyMsg),
      allReady
        ? this.condition(rec, 'ContainersReady', true)
        : this.condition(rec, 'ContainersReady', false, 'ContainersNotReady', notReadyMsg),
      this.condition(rec, 'PodScheduled', true),
    ];
  }

  private containerStatus(pod: Pod, c: Container, age: number, rec: PodRecord, host: string): ContainerStatus {
    const image = c.image ?? '';
    const base: ContainerStatus = {
      name: c.name,
      state: {},
      lastState: {},
      ready: false,
      started: false,
      restartCount: 0,
      image,
      imageID: '',
    };
    if (age < 2) {
      base.state = { waiting: { reason: 'ContainerCreating' } };
      return base;
    }
    const b = containerBehaviour(c, this.lookup(pod.metadata.namespace ?? 'default'));
    const fieldPath = `spec.containers{${c.name}}`;
    const ev = (type: 'Normal' | 'Warning', reason: string, message: string): void => {
      this.events.record(pod, type, reason, message, 'kubelet', { fieldPath, host });
    };
    const everyOther = (age - 2) % 2 === 0;
    if (b.kind === 'imagePull') {
      const ref = image.includes('/') ? image : `docker.io/library/${image}`;
      const pullError = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
      if (age === 2) {
        ev('Normal', 'Pulling', `Pulling image "${image}"`);
        ev('Warning', 'Failed', `Failed to pull image "${image}": ${pullError}`);
        ev('Warning', 'Failed', 'Error: ErrImagePull');
        base.state = { waiting: { reason: 'ErrImagePull', message: pullError } };
      } else {
        if (everyOther) {
          ev('Normal', 'BackOff', `Back-off pulling image "${image}"`);
          ev('Warning', 'Failed', 'Error: ImagePullBackOff');
        }
        base.state = {
          waiting: {
            reason: 'ImagePullBackOff',
            message: `Back-off pulling image "${image}": ErrImagePull: ${pullError}`,
          },
        };
      }
      return base;
    }
    base.imageID = `${image.includes('/') ? image.split(':')[0] : `docker.io/library/${image.split(':')[0]}`}@sha256:${hex(image)}`;
    if (b.kind === 'configError') {
      if (age === 2) ev('Normal', 'Pulled', `Container image "${image}" already present on machine`);
      if (everyOther) ev('Warning', 'Failed', `Error: ${b.message}`);
      base.state = { waiting: { reason: 'CreateContainerConfigError', message: b.message } };
      return base;
    }
    if (age === 2) {
      ev('Normal', 'Pulled', `Container image "${image}" already present on machine`);
      ev('Normal', 'Created', `Created container ${c.name}`);
      ev('Normal', 'Started', `Started container ${c.name}`);
    }
    return this.runningStatus(pod, c, b, age, rec, base, ev);
  }

  private runningStatus(
    pod: Pod,
    c: Container,
    b: ContainerBehaviour,
    age: number,
    rec: PodRecord,
    base: ContainerStatus,
    ev: (type: 'Normal' | 'Warning', reason: string, message: string) => void,
  ): ContainerStatus {
    const uid = pod.metadata.uid ?? '';
    if (b.kind === 'crash' || b.kind === 'oom') {
      if (age < 3) {
        base.state = { running: { startedAt: this.at(rec, `${c.name}:run:0`) } };
        base.started = true;
        base.containerID = `containerd://${hex(`${uid}/${c.name}/0`)}`;
        return base;
      }
      const restarts = Math.min(RESTART_CAP, 1 + Math.floor((age - 3) / TICKS_PER_RESTART));
      const prev = restarts - 1;
      const terminated: NonNullable<ContainerState['terminated']> = {
        exitCode: b.kind === 'oom' ? 137 : 1,
        reason: b.kind === 'oom' ? 'OOMKilled' : 'Error',
        startedAt: this.at(rec, `${c.name}:run:${prev}`),
        finishedAt: this.at(rec, `${c.name}:end:${prev}`),
        containerID: `containerd://${hex(`${uid}/${c.name}/${prev}`)}`,
      };
      const backoff = Math.min(300, 10 * 2 ** Math.min(5, restarts - 1));
      const message = `back-off ${backoff >= 60 ? `${Math.floor(backoff / 60)}m${backoff % 60}s` : `${backoff}s`} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${uid})`;
      base.state = { waiting: { reason: 'CrashLoopBackOff', message } };
      base.lastState = { terminated };
      base.restartCount = restarts;
      base.containerID = terminated.containerID ?? '';
      if ((age - 3) % TICKS_PER_RESTART === 0 && restarts < RESTART_CAP) {
        ev(
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
        );
      }
      return base;
    }
    base.state = { running: { startedAt: this.at(rec, `${c.name}:run:0`) } };
    base.started = true;
    base.containerID = `containerd://${hex(`${uid}/${c.name}/0`)}`;
    if (b.kind === 'notReady') {
      if ((age - 2) % 2 === 0)
        ev('Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500');
      return base;
    }
    base.ready = age >= 3;
    return base;
  }
}
