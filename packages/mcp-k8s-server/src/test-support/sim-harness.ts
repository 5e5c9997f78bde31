/** Starts kube-sim and connects a k8s server to it through the real client-node, in-process. */
import { createLogger, type Runtime, type RuntimeOptions } from '@bulkhead/core';
import { connectInProcess, type InProcessConnection } from '@bulkhead/core/testing';
import { type KubeSim, startKubeSim } from '@bulkhead/kube-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { ClientNodeCluster } from '../adapters/client-node-cluster.js';
import type { Cluster } from '../ports/cluster.js';
import { createK8sServer } from '../server.js';
import { type K8sDeps, k8sDeps } from '../tools/k8s-deps.js';

/** A running sim and a client connected to a server over it. */
export interface SimHarness {
  readonly sim: KubeSim;
  readonly connection: InProcessConnection;
  readonly deps: K8sDeps;
  close(): Promise<void>;
}

/** A cluster adapter for a kubeconfig YAML (e.g. the sim's, or one for its read-only token). */
export function clusterFor(kubeconfigYaml: string, requestTimeoutMs = 5000): ClientNodeCluster {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml);
  return new ClientNodeCluster(kc, { requestTimeoutMs });
}

/** A quiet runtime for tests: logs only errors. */
export function quietRuntime(extra: RuntimeOptions = {}): RuntimeOptions {
  return { logger: createLogger({ name: 'k8s-test', level: 'error' }), ...extra };
}

/** Starts a sim (demo scenario unless told) and an in-process client over a server on it. */
export async function startSimHarness(
  options: {
    scenario?: 'demo' | 'empty';
    tickMs?: number;
    wrap?: (cluster: Cluster) => Cluster;
    token?: 'admin' | 'readOnly';
    deps?: Partial<Omit<K8sDeps, 'cluster'>>;
    runtime?: Runtime | RuntimeOptions;
  } = {},
): Promise<SimHarness> {
  const sim = await startKubeSim({ scenario: options.scenario ?? 'demo', tickMs: options.tickMs ?? 25 });
  const yaml = options.token === 'readOnly' ? sim.kubeconfigFor(sim.readOnlyToken) : sim.kubeconfigYaml;
  const base = clusterFor(yaml);
  const deps = k8sDeps(options.wrap ? options.wrap(base) : base, { pollIntervalMs: 100, ...options.deps });
  const connection = await connectInProcess(createK8sServer(deps, options.runtime ?? quietRuntime()));
  return {
    sim,
    connection,
    deps,
    async close() {
      await connection.close();
      await sim.close();
    },
  };
}
