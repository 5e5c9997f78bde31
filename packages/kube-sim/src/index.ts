// Public entry point of @bulkhead/kube-sim: a local Kubernetes API server for tests and the dev harness.

export type { FaultSpec } from './api/faults.js';
export { SIM_SECONDS_PER_TICK } from './controller/deployment.js';
export type { KubeSim, KubeSimOptions } from './kube-sim.js';
export { startKubeSim } from './kube-sim.js';
export { DEMO_NAMESPACE, DEMO_WORKLOADS } from './scenario/names.js';
