/** createK8sServer: the k8s tools composed on core; no I/O at import time. */
import { type ComposedServer, composeServer, type Runtime, type RuntimeOptions } from '@bulkhead/core';
import { k8sReadOnlyTools, k8sTools } from './tools/index.js';
import type { K8sDeps } from './tools/k8s-deps.js';
import { VERSION } from './version.js';

/** Options of {@link createK8sServer}. */
export interface K8sServerOptions {
  /** Serve only the read tools (the read-only profile). */
  readonly readOnly?: boolean;
}

/** Composes the k8s server over a cluster; pass a runtime to share stores and logger. */
export function createK8sServer(
  deps: K8sDeps,
  runtime: Runtime | RuntimeOptions = {},
  options: K8sServerOptions = {},
): ComposedServer {
  return composeServer(
    {
      name: 'k8s',
      version: VERSION,
      instructions:
        'Kubernetes operations. Start with cluster_overview or list_workloads; for an unhealthy workload call diagnose_workload once and follow its next_step. Writes return a job_id: poll get_job_status.',
      tools: options.readOnly ? k8sReadOnlyTools : k8sTools,
    },
    deps,
    runtime,
  );
}
