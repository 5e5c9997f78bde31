// The control loop: deployment, replicaset, scheduler and kubelet steps run in a fixed order every tick.

import type { Deployment, KubeObject } from '../model/types.js';
import type { ObjectStore } from '../store/store.js';
import type { RefLookup } from './behaviour.js';
import { DeploymentController } from './deployment.js';
import { EventRecorder } from './events.js';
import { Kubelet } from './kubelet.js';
import { ReplicaSetController } from './replicaset.js';

/** Most ticks `settle()` runs before giving up. */
export const SETTLE_MAX_TICKS = 400;

/** The deterministic controller of the simulated cluster. */
export class ClusterController {
  readonly events: EventRecorder;
  private readonly deployments: DeploymentController;
  private readonly replicaSets: ReplicaSetController;
  private readonly kubelet: Kubelet;
  private tickCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly store: ObjectStore) {
    this.events = new EventRecorder(store);
    this.deployments = new DeploymentController(store, this.events);
    this.replicaSets = new ReplicaSetController(store, this.events);
    this.kubelet = new Kubelet(store, this.events, (ns) => this.lookupFor(ns));
  }

  /** Resolves secret and config map references of pods in one namespace. */
  lookupFor(namespace: string): RefLookup {
    return (kind, name, key) => {
      const o: KubeObject | undefined = this.store.get(kind === 'secret' ? 'secrets' : 'configmaps', namespace, name);
      if (o === undefined) return 'no-object';
      const data = {
        ...((o.data ?? {}) as Record<string, unknown>),
        ...((o.stringData ?? {}) as Record<string, unknown>),
      };
      return key in data ? 'ok' : 'no-key';
    };
  }

  /** The number of ticks run so far. */
  get ticks(): number {
    return this.tickCount;
  }

  /** Run one step of every controller. */
  tick(): void {
    this.tickCount += 1;
    this.deployments.reconcile();
    this.replicaSets.reconcilePods();
    this.kubelet.step(this.tickCount);
    this.replicaSets.updateStatus();
    this.deployments.updateStatus(this.tickCount);
  }

  /** Run a tick every `ms` milliseconds until stopped (a slow tick delays the next, so I/O always gets a turn). */
  start(ms: number): void {
    this.stop();
    this.running = true;
    const loop = (): void => {
      if (!this.running) return;
      const t0 = performance.now();
      this.tick();
      this.timer = setTimeout(loop, Math.max(ms, performance.now() - t0));
      this.timer.unref();
    };
    this.timer = setTimeout(loop, ms);
    this.timer.unref();
  }

  /** Stop the periodic ticks. */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Whether any Deployment's rollout is still in progress. */
  busy(): boolean {
    for (const d of this.store.scan('deployments')) if (DeploymentController.inProgress(d as Deployment)) return true;
    return false;
  }

  /** Run ticks (yielding to I/O between them) until no rollout is in progress, at most SETTLE_MAX_TICKS. */
  async settle(): Promise<void> {
    for (let i = 0; i < SETTLE_MAX_TICKS; i += 1) {
      this.tick();
      if (i >= 3 && !this.busy()) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Run `n` ticks synchronously (scenario warm-up). */
  runTicks(n: number): void {
    for (let i = 0; i < n; i += 1) this.tick();
  }
}
