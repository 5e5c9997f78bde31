/** The k8s server's tools. */
import type { ToolDefinition } from '@bulkhead/core';
import { clusterOverviewTool } from './cluster-overview.tool.js';
import { deployServiceTool } from './deploy-service.tool.js';
import { diagnoseWorkloadTool } from './diagnose-workload.tool.js';
import { getJobStatusTool } from './get-job-status.tool.js';
import { getLogsTool } from './get-logs.tool.js';
import type { K8sDeps } from './k8s-deps.js';
import { listWorkloadsTool } from './list-workloads.tool.js';
import { restartServiceTool } from './restart-service.tool.js';
import { rollbackServiceTool } from './rollback-service.tool.js';
import { scaleServiceTool } from './scale-service.tool.js';

/** Every tool of the k8s server. */
export const k8sTools: readonly ToolDefinition<K8sDeps>[] = [
  clusterOverviewTool,
  listWorkloadsTool,
  diagnoseWorkloadTool,
  getLogsTool,
  deployServiceTool,
  scaleServiceTool,
  restartServiceTool,
  rollbackServiceTool,
  getJobStatusTool,
];

/** The tools of the read-only profile: nothing that writes. */
export const k8sReadOnlyTools: readonly ToolDefinition<K8sDeps>[] = k8sTools.filter((t) => t.kind === 'read');
