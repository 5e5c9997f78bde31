// The names of the demo scenario, shared by the simulator and the tests that drive it.

/** The namespace the demo scenario seeds. */
export const DEMO_NAMESPACE = 'demo';

/** The demo Deployments, one per failure shape. */
export const DEMO_WORKLOADS = {
  healthy: 'web-healthy',
  crashLoop: 'api-crashloop',
  oom: 'worker-oom',
  imagePull: 'cache-badimage',
  unschedulable: 'batch-unschedulable',
  configError: 'auth-configerror',
  notReady: 'search-notready',
  stuckRollout: 'billing-stuck',
} as const;
