/** Fixture Kubernetes objects in the shapes real clusters produce, for the pure diagnosis tests. */
import type { Container, ContainerStatus, Deployment, KubeEvent, Pod, ReplicaSet } from '../domain/k8s-objects.js';
import type { WorkloadSnapshot } from '../domain/workload-tree.js';

const NS = 'demo';

/** A container spec. */
export function container(overrides: Partial<Container> = {}): Container {
  return {
    name: 'app',
    image: 'app:1.4.2',
    env: [{ name: 'DATABASE_URL', value: 'postgres://secret@db' }],
    ...overrides,
  };
}

/** A Deployment with status. */
export function deployment(
  name: string,
  overrides: { replicas?: number; revision?: number; status?: Deployment['status']; containers?: Container[] } = {},
): Deployment {
  const replicas = overrides.replicas ?? 2;
  return {
    metadata: {
      name,
      namespace: NS,
      uid: `uid-${name}`,
      generation: 2,
      annotations: { 'deployment.kubernetes.io/revision': String(overrides.revision ?? 2) },
    },
    spec: { replicas, template: { spec: { containers: overrides.containers ?? [container()] } } },
    status: overrides.status ?? {
      observedGeneration: 2,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  };
}

/** A ReplicaSet of a Deployment at a revision. */
export function replicaSet(owner: string, revision: number, containers: Container[], available: number): ReplicaSet {
  return {
    metadata: {
      name: `${owner}-rev${revision}`,
      namespace: NS,
      uid: `uid-${owner}-rs${revision}`,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ kind: 'Deployment', name: owner, uid: `uid-${owner}` }],
    },
    spec: { replicas: available, template: { spec: { containers } } },
    status: { replicas: available, readyReplicas: available, availableReplicas: available },
  };
}

/** A pod of a ReplicaSet with one container status. */
export function pod(
  rs: ReplicaSet,
  suffix: string,
  status: Partial<ContainerStatus>,
  podStatus: Partial<NonNullable<Pod['status']>> = {},
): Pod {
  const containers = rs.spec?.template?.spec?.containers ?? [container()];
  return {
    metadata: {
      name: `${rs.metadata?.name}-${suffix}`,
      namespace: NS,
      uid: `uid-pod-${suffix}`,
      ownerReferences: [{ kind: 'ReplicaSet', name: rs.metadata?.name ?? '', uid: rs.metadata?.uid ?? '' }],
    },
    spec: { containers },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, ...status }],
      ...podStatus,
    },
  };
}

/** A warning event about an object. */
export function warning(
  kind: string,
  name: string,
  reason: string,
  message: string,
  extra: Partial<KubeEvent> = {},
): KubeEvent {
  return {
    metadata: { name: `${name}.${reason}`, namespace: NS },
    type: 'Warning',
    reason,
    message,
    count: 3,
    involvedObject: { kind, name, namespace: NS },
    lastTimestamp: '2026-01-01T10:00:00Z',
    ...extra,
  };
}

/** A two-revision workload whose revision 2 fails with the given container status. */
export function failingRollout(
  name: string,
  failingStatus: Partial<ContainerStatus>,
  options: {
    goodContainers?: Container[];
    badContainers?: Container[];
    events?: KubeEvent[];
    logLines?: string[];
    podStatus?: Partial<NonNullable<Pod['status']>>;
    deploymentStatus?: Deployment['status'];
  } = {},
): WorkloadSnapshot {
  const good = options.goodContainers ?? [container()];
  const bad = options.badContainers ?? [container({ env: [] })];
  const rs1 = replicaSet(name, 1, good, 1);
  const rs2 = replicaSet(name, 2, bad, 0);
  const failing = pod(rs2, 'aaaaa', failingStatus, options.podStatus ?? {});
  const healthy = pod(rs1, 'bbbbb', { ready: true, state: { running: {} } });
  return {
    deployment: deployment(name, {
      containers: bad,
      status: options.deploymentStatus ?? {
        observedGeneration: 2,
        replicas: 2,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
      },
    }),
    replicaSets: [rs2, rs1],
    pods: [healthy, failing],
    events: options.events ?? [],
    log: options.logLines
      ? { pod: failing.metadata?.name ?? '', container: 'app', previous: true, lines: options.logLines }
      : undefined,
  };
}
