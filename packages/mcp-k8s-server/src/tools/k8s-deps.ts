/** What the k8s tools share: the cluster port, the namespace policy and the limits from config. */
import { DEFAULT_NAMESPACE_POLICY, type NamespacePolicy } from '../domain/namespace-policy.js';
import type { Cluster } from '../ports/cluster.js';

/** The k8s server's dependencies; nothing here holds request state. */
export interface K8sDeps {
  readonly cluster: Cluster;
  readonly policy: NamespacePolicy;
  /** The most replicas a tool may set. */
  readonly maxReplicas: number;
  /** Changes (non-dry-run mutating calls) one principal may make per UTC day; 0 means no budget. */
  readonly mutationsPerDay: number;
  /** How often a waiting call re-reads the Deployment, in ms. */
  readonly pollIntervalMs: number;
}

/** Dependencies with the documented defaults around a cluster. */
export function k8sDeps(cluster: Cluster, overrides: Partial<Omit<K8sDeps, 'cluster'>> = {}): K8sDeps {
  return {
    cluster,
    policy: DEFAULT_NAMESPACE_POLICY,
    maxReplicas: 20,
    mutationsPerDay: 0,
    pollIntervalMs: 500,
    ...overrides,
  };
}
